// The Firefox replay loop shared by firefox-conformance.test.ts and firefox-lna.test.ts, run with a
// stand-in Firefox (no browser): the page's fetch is Node's, against the real scenario servers, and
// the DevTools HAR export lists the requests only some exports after the run, as Firefox's network
// monitor can. The LNA replay's options: only the scenarios given are served, its set-up runs
// before the page loads and its tear-down before the servers stop, even when a run fails; and the
// HAR returned is the one that lists every answered request, not the first export.

import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import type { PageResult } from './browser-verdict.ts';
import type { LaunchedFirefox } from './firefox.ts';
import { recordFileInFirefox } from './firefox-record.ts';
import { parseScenarioFile } from './scenario-file.ts';
import type { ScenarioServers } from './servers.ts';

const file = parseScenarioFile(JSON.parse(readFileSync(new URL('../scenarios/local-network-granted.json', import.meta.url), 'utf8')) as unknown, 'local-network-granted.json');
const replayed = file.scenarios.filter((s) => s.fetch === undefined);

/** A Firefox whose HAR export lists what the servers answered only from its `lateBy`-th export on. */
function standInFirefox(served: () => readonly { url: string }[], lateBy: number): LaunchedFirefox & { exports: number } {
  const firefox = {
    exports: 0,
    browser: undefined as never,
    version: 'stand-in',
    takeConsoleMessages: async () => [],
    exportHar: async () => {
      firefox.exports++;
      const entries = firefox.exports < lateBy ? [] : served().map(({ url }) => ({ request: { url: `http://127.0.0.1${url}` }, response: { status: 200 } }));
      return JSON.stringify({ log: { entries } });
    },
    close: async () => {},
  };
  return firefox;
}

/** A tab whose page fetches with Node: the request reaches the scenario servers as the page's would. */
function standInTab(failOn?: string): Page {
  return {
    goto: async () => null,
    waitForFunction: async () => null,
    evaluate: async (_run: unknown, url: string): Promise<PageResult> => {
      if (failOn !== undefined && url.includes(failOn)) throw new Error('the tab went away');
      const response = await fetch(url);
      return { settled: 'resolved', type: 'cors', status: response.status, body: await response.text() };
    },
  } as unknown as Page;
}

describe('recordFileInFirefox with options (the LNA replay)', () => {
  it('serves only the scenarios given, sets up before the page and tears down before the servers stop, and waits for a complete HAR', async () => {
    let servers: ScenarioServers | undefined;
    const steps: string[] = [];
    const firefox = standInFirefox(() => servers?.served ?? [], 3);
    const record = await recordFileInFirefox(firefox, standInTab(), file, {
      scenarios: replayed,
      setUp: async (started) => {
        servers = started;
        steps.push(`set up, ${started.served.length} served`);
      },
      tearDown: async (started) => {
        // Still listening: the prefs naming its ports are cleared first.
        const stillUp = await fetch(`${started.origins.api}/`).then(() => true, () => false);
        steps.push(`tear down, ${started.served.length} served, servers ${stillUp ? 'up' : 'down'}`);
      },
    });
    expect(replayed.length).toBeLessThan(file.scenarios.length);
    expect(record.runs.map((r) => r.scenario.id)).toEqual(replayed.map((s) => s.id));
    expect(steps).toEqual(['set up, 0 served', `tear down, ${replayed.length + 1} served, servers up`]);
    // The first exports listed nothing yet: the HAR returned lists every answered request.
    expect(firefox.exports).toBeGreaterThanOrEqual(3);
    const listed = (JSON.parse(record.har) as { log: { entries: { request: { url: string } }[] } }).log.entries.map((e) => new URL(e.request.url).pathname);
    for (const s of replayed) expect(listed).toContain(`/s/${s.id}/0`);
  });

  it('tears down even when a run fails', async () => {
    const steps: string[] = [];
    const failing = recordFileInFirefox(standInFirefox(() => [], 1), standInTab(replayed[0]!.id), file, {
      scenarios: replayed,
      setUp: async () => void steps.push('set up'),
      tearDown: async () => void steps.push('tear down'),
    });
    await expect(failing).rejects.toThrow('the tab went away');
    expect(steps).toEqual(['set up', 'tear down']);
  });
});
