// The real engine, as the panel calls it.

import { diagnose } from '../cors/diagnose.ts';
import { explain } from '../cors/explain/explain.ts';
import type { Engine } from './analysis.ts';

export const realEngine: Engine = { diagnose, explain };
