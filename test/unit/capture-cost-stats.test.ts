// bench/capture-cost.ts decides whether a goal is within the noise from these figures: a wrong
// median, spread or round pairing would print a verdict the measurements do not support.

import { describe, expect, it } from 'vitest';
import { againstLimit, beyondNoise, combined, figure, pct, roundRatios, type BrowserRun } from '../../bench/capture-cost/stats.ts';

const run = (config: string, round: number, walls: number[]): BrowserRun => ({ config, round, loads: walls.map((wallMs) => ({ wallMs, cpuMs: wallMs / 2, browserProcessMs: wallMs / 4, extensionProcessMs: wallMs / 8 })) });

describe('capture-cost figures', () => {
  const runs = [run('a', 0, [100, 120, 110]), run('a', 1, [200, 200, 210]), run('a', 2, [150, 140, 160]), run('b', 0, [100]), run('b', 2, [100])];

  it('a browser counts as the median of its loads, a configuration as the median of its browsers', () => {
    const f = figure(runs, 'a', 'wallMs');
    // Browser medians 110, 200, 150.
    expect(f.median).toBe(150);
    expect(f.betweenBrowsers).toBeCloseTo(45 / 150);
    // Half-ranges over medians: 10/110, 5/200, 10/150 → the median of them.
    expect(f.withinBrowser).toBeCloseTo(10 / 150);
    expect(figure(runs, 'a', 'cpuMs').median).toBe(75);
    // One browser: no spread between browsers to give (not ±0%), and nothing decided from it.
    const one = figure([run('c', 0, [100, 110])], 'c', 'wallMs');
    expect(one.betweenBrowsers).toBeNaN();
    expect(beyondNoise([1.2, 1.3, 1.25], combined(one, one))).toBe(false);
    // One load a browser: no spread of loads to give (not ±0%).
    expect(figure(runs, 'b', 'wallMs').withinBrowser).toBeNaN();
    expect(pct(figure(runs, 'b', 'wallMs').withinBrowser)).toBe('—');
  });

  it('pairs ratios within a round and leaves out rounds where one side failed', () => {
    expect(roundRatios(runs, 'a', 'b', 'wallMs')).toEqual([1.1, 1.5]);
    expect(roundRatios([...runs, { config: 'b', round: 1, loads: [] }], 'a', 'b', 'wallMs')).toEqual([1.1, 1.5]);
  });

  it('decides a limit only when at least 3 rounds are on one side of it, farther than the noise', () => {
    expect(againstLimit([1.01, 1.0, 0.98], 1.05, 0.02)).toBe('within it');
    expect(againstLimit([1.16, 1.2, 1.3], 1.05, 0.05)).toBe('beyond it');
    expect(againstLimit([1.01, 1.08, 1.0], 1.05, 0.01)).toBe('not decided');
    // Every round on one side, but closer to the limit than the spread: chance could do that.
    expect(againstLimit([1.04, 1.045, 1.049], 1.05, 0.1)).toBe('not decided');
    expect(againstLimit([1.2, 1.3, 1.25], 1.05, 0.3)).toBe('not decided');
    // One or two rounds decide nothing; none paired says so.
    expect(againstLimit([1.3], 1.05, 0.01)).toBe('not decided');
    expect(againstLimit([1.3, 1.4], 1.05, 0.01)).toBe('not decided');
    expect(againstLimit([], 1.05, 0.01)).toBe('no rounds paired');
    expect(beyondNoise([1.04, 1.06, 1.05], 0.03)).toBe(true);
    expect(beyondNoise([0.9, 0.95, 0.94], 0.03)).toBe(true);
    // Every round on one side, but by less than the browsers' spread.
    expect(beyondNoise([1.01, 1.02, 1.02], 0.03)).toBe(false);
    expect(beyondNoise([0.98, 1.1, 1.1], 0.03)).toBe(false);
    expect(beyondNoise([1.3], 0.03)).toBe(false);
    expect(beyondNoise([1.3, 1.4], 0.03)).toBe(false);
  });
});
