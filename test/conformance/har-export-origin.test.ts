// The sanitized HAR writes each redirect hop with the Origin Chromium sent there (har-export.ts).
// Here a page's request that starts at its own origin carries no Origin (a same-origin GET) and
// is redirected to other origins: what does Chromium send then, and does the export say the same?
// Real Chromium runs the scenarios against servers on 127.0.0.1; the HAR built from its DevTools
// events (as DevTools exports one) is read back and exported again.

import { beforeAll, describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../../src/capture/har.ts';
import { harFromExchanges } from '../../src/export/har-export.ts';
import { buildHar } from './har-builder.ts';
import { recordInChromium, type FileRecord } from './record.ts';
import type { ScenarioFile } from './scenario-file.ts';

const file: ScenarioFile = {
  format: 'cors-scenarios/1',
  scenarios: [
    {
      id: 'same-origin-then-api',
      about: 'GET at the page’s own origin (no Origin sent), redirected to api',
      fetch: { method: 'GET' },
      hops: [
        { host: 'page', response: { status: 302, headers: [['Location', '{hop:1}']] } },
        { host: 'api', response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']], body: 'ok' } },
      ],
      expect: { outcome: 'allowed', preflight: false, corsError: null, failedParameter: null },
    },
    {
      id: 'same-origin-then-api-then-other',
      about: 'GET at the page’s own origin, redirected to api, then to other: the second redirect taints the origin',
      fetch: { method: 'GET' },
      hops: [
        { host: 'page', response: { status: 302, headers: [['Location', '{hop:1}']] } },
        { host: 'api', response: { status: 302, headers: [['Location', '{hop:2}'], ['Access-Control-Allow-Origin', '*']] } },
        { host: 'other', response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']], body: 'ok' } },
      ],
      expect: { outcome: 'allowed', preflight: false, corsError: null, failedParameter: null },
    },
  ],
} as unknown as ScenarioFile;

let record: FileRecord;
beforeAll(async () => {
  record = await recordInChromium(file);
});

/** The Origin lines of a header list, in order. */
function origins(headers: readonly { name: string; value: string }[]): string[] {
  return headers.filter((h) => h.name.toLowerCase() === 'origin').map((h) => h.value);
}

const SCENARIO_PATH = /\/s\/same-origin-then-[a-z-]+\/\d+$/;

describe('the sanitized HAR after a redirect from a request that had no Origin', () => {
  it('writes on each hop the Origin Chromium sent there: none at the page’s origin, the page’s after, null once tainted', () => {
    const page = record.origins.page;
    // What reached the servers: the truth the DevTools log is checked against.
    const served = record.served.filter((r) => SCENARIO_PATH.test(r.url)).map((r) => {
      const names = r.headers.filter((_, i) => i % 2 === 0);
      return [new URL(r.url, page).pathname, r.headers.filter((_, i) => i % 2 === 1 && names[(i - 1) / 2]!.toLowerCase() === 'origin')];
    });
    expect(served).toEqual([
      ['/s/same-origin-then-api/0', []],
      ['/s/same-origin-then-api/1', [page]],
      ['/s/same-origin-then-api-then-other/0', []],
      ['/s/same-origin-then-api-then-other/1', [page]],
      ['/s/same-origin-then-api-then-other/2', ['null']],
    ]);
    const built = buildHar(record.events);
    const byPath = (entries: readonly { request: { url: string; headers: { name: string; value: string }[] } }[]) =>
      entries.filter((e) => SCENARIO_PATH.test(e.request.url)).map((e) => [new URL(e.request.url).pathname, origins(e.request.headers)]);
    expect(byPath(built.log.entries)).toEqual(served);
    const exchanges = exchangesFromHar(built).filter((x) => SCENARIO_PATH.test(x.hops[0]!.url));
    expect(exchanges.map((x) => x.hops.length)).toEqual([2, 3]);
    for (const includeSecrets of [false, true]) expect(byPath(harFromExchanges(exchanges, { includeSecrets }).log.entries)).toEqual(served);
  });
});
