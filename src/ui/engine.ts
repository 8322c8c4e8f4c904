// The real engine, as the panel calls it.

import { diagnose, diagnoseVerdict, explain, headline } from '../cors/index.ts';
import type { Engine } from './analysis.ts';

export const realEngine: Engine = { diagnoseVerdict, diagnose, explain, headline };
