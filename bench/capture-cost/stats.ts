// The figures of bench/capture-cost.ts: each browser's loads reduced to their median, each
// configuration to the median of its browsers, with the spreads that say how far to trust them,
// and goal ratios checked round by round (a round measures every configuration one after the
// other, so a slow spell of the machine weighs on both sides of a ratio taken within it).

import { median } from '../browser-stats.ts';

/** One measured page load. */
export interface Load {
  /** The page's own figure: navigation start → its last fetch settled. */
  wallMs: number;
  /** CPU used by all the browser's processes over the same load (NaN where it cannot be read). */
  cpuMs: number;
  /** The part of `cpuMs` used by the browser process itself (where webRequest's routing runs). */
  browserProcessMs: number;
  /** The part of `cpuMs` used by extension processes (where an extension's worker runs). */
  extensionProcessMs: number;
}

/** One fresh browser of a configuration, in one round. */
export interface BrowserRun {
  config: string;
  round: number;
  loads: Load[];
}

export type Measure = 'wallMs' | 'cpuMs' | 'browserProcessMs' | 'extensionProcessMs';

export interface Figure {
  /** Median over the configuration's browsers of each browser's median load. */
  median: number;
  /** Half the range of the browsers' medians, as a share of `median`; NaN with fewer than 2 browsers. */
  betweenBrowsers: number;
  /**
   * The median over browsers of half the range of one browser's loads, as a share of its median;
   * NaN when a browser made fewer than 2 loads (a spread of one load would read as ±0%).
   */
  withinBrowser: number;
}

const halfRange = (values: readonly number[]): number => (values.length < 2 ? 0 : (Math.max(...values) - Math.min(...values)) / 2);

function browserMedian(run: BrowserRun, measure: Measure): number {
  return median(run.loads.map((l) => l[measure]));
}

export function figure(runs: readonly BrowserRun[], config: string, measure: Measure): Figure {
  const mine = runs.filter((r) => r.config === config && r.loads.length > 0);
  const medians = mine.map((r) => browserMedian(r, measure));
  const m = median(medians);
  return {
    median: m,
    // One browser (one round) has no spread between browsers: NaN, shown as '—', decides nothing.
    betweenBrowsers: medians.length < 2 ? Number.NaN : halfRange(medians) / m,
    withinBrowser: mine.some((r) => r.loads.length < 2) ? Number.NaN : median(mine.map((r) => halfRange(r.loads.map((l) => l[measure])) / browserMedian(r, measure))),
  };
}

/** `config`'s browser median over `anchor`'s, round by round (rounds where either failed are left out). */
export function roundRatios(runs: readonly BrowserRun[], config: string, anchor: string, measure: Measure): number[] {
  const ratios: number[] = [];
  for (const run of runs) {
    if (run.config !== config || run.loads.length === 0) continue;
    const other = runs.find((r) => r.config === anchor && r.round === run.round && r.loads.length > 0);
    if (other) ratios.push(browserMedian(run, measure) / browserMedian(other, measure));
  }
  return ratios;
}

/** Fewer rounds than this decide nothing: with 3, "every round on one side" alone happens by chance 1 time in 4. */
export const MIN_ROUNDS = 3;

export type AgainstLimit = 'within it' | 'beyond it' | 'not decided' | 'no rounds paired';

/**
 * What the rounds say about `ratios` against `limit` (e.g. 1.05x of the floor), decided only as
 * `beyondNoise` decides a difference: at least `MIN_ROUNDS` rounds, every one on the same side of
 * the limit, and the median ratio farther from it than `spread` (a share: the two configurations'
 * spreads combined). Anything less is "not decided": the noise is as large as the distance.
 */
export function againstLimit(ratios: readonly number[], limit: number, spread: number): AgainstLimit {
  if (ratios.length === 0) return 'no rounds paired';
  if (ratios.length < MIN_ROUNDS || !Number.isFinite(spread)) return 'not decided';
  const distance = Math.abs(median(ratios) / limit - 1);
  if (ratios.every((r) => r <= limit) && distance > spread) return 'within it';
  if (ratios.every((r) => r > limit) && distance > spread) return 'beyond it';
  return 'not decided';
}

/**
 * Whether a difference from 1.00x is larger than the noise: every round's ratio on the same side
 * of it, and the median ratio farther from it than `spread` (the two configurations' spreads
 * between browsers, combined), over at least `MIN_ROUNDS` rounds.
 */
export function beyondNoise(ratios: readonly number[], spread: number): boolean {
  if (ratios.length < MIN_ROUNDS || !(ratios.every((r) => r > 1) || ratios.every((r) => r < 1))) return false;
  return Math.abs(median(ratios) - 1) > spread;
}

/** Two configurations' spreads (shares) combined as independent errors are. */
export const combined = (a: Figure, b: Figure): number => Math.hypot(a.betweenBrowsers, b.betweenBrowsers);

export const pct = (share: number): string => (Number.isFinite(share) ? `±${(100 * share).toFixed(0)}%` : '—');
export const x = (value: number): string => `${value.toFixed(2)}x`;
export const range = (ratios: readonly number[]): string => (ratios.length === 0 ? '—' : `${x(Math.min(...ratios))}–${x(Math.max(...ratios))}`);
