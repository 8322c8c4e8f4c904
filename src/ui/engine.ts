// The real engine, as the panel calls it.

import { decide, diagnose } from '../cors/diagnose.ts';
import { explain } from '../cors/explain/explain.ts';
import type { Engine } from './analysis.ts';

export const realEngine: Engine = { decide, diagnose, explain };
