// Sec-Fetch-Storage-Access in the sanitized HAR (storage-access-at-hop.ts). Chromium 156 sends it
// (`none`) on a request with credentials "include" to a URL of another site than the page's, hop by
// hop: real Chromium runs redirect chains against servers on 127.0.0.1 (`page`, and `api` on
// another port: the page's site) and localhost (`other`: another site); the HAR built from its
// DevTools events (as DevTools exports one) is read back and exported again, and each hop's line is
// compared with what the servers received. The export copies the first hop's line where the
// browser sent it again, drops it at a hop on the page's site, and where the first hop (on the
// page's site) could not show it, writes none and says so in the entry's comment.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { exchangesFromHar } from '../../src/capture/har.ts';
import type { CredentialsMode, ObservedExchange } from '../../src/cors/index.ts';
import { harFromExchanges } from '../../src/export/har-export.ts';
import { launchChromium } from './chromium.ts';
import { buildHar } from './har-builder.ts';
import { openRecorder, recordScenarioFile, type FileRecord } from './record.ts';
import type { ScenarioFile } from './scenario-file.ts';

const CREDENTIALED = [['Access-Control-Allow-Origin', '{origin}'], ['Access-Control-Allow-Credentials', 'true']];
const TAINTED = [['Access-Control-Allow-Origin', 'null'], ['Access-Control-Allow-Credentials', 'true']];
const allowed = { outcome: 'allowed', preflight: false, corsError: null, failedParameter: null };

const file: ScenarioFile = {
  format: 'cors-scenarios/1',
  scenarios: [
    {
      id: 'sfsa-include-page-other',
      about: 'credentials include, the page’s own URL redirected to localhost: the line appears at localhost',
      fetch: { method: 'GET', credentials: 'include' },
      hops: [
        { host: 'page', response: { status: 302, headers: [['Location', '{hop:1}']] } },
        { host: 'other', response: { status: 200, headers: TAINTED, body: 'ok' } },
      ],
      expect: allowed,
    },
    {
      id: 'sfsa-include-other-page',
      about: 'credentials include, localhost redirected back to the page’s origin: the line is gone there',
      fetch: { method: 'GET', credentials: 'include' },
      hops: [
        { host: 'other', response: { status: 302, headers: [['Location', '{hop:1}'], ...CREDENTIALED] } },
        { host: 'page', response: { status: 200, headers: TAINTED, body: 'ok' } },
      ],
      expect: allowed,
    },
    {
      id: 'sfsa-include-other-other-api',
      about: 'credentials include, localhost twice, then api (the page’s host, another port): on localhost only',
      fetch: { method: 'GET', credentials: 'include' },
      hops: [
        { host: 'other', response: { status: 302, headers: [['Location', '{hop:1}'], ...CREDENTIALED] } },
        { host: 'other', response: { status: 302, headers: [['Location', '{hop:2}'], ...CREDENTIALED] } },
        { host: 'api', response: { status: 200, headers: TAINTED, body: 'ok' } },
      ],
      expect: allowed,
    },
    {
      id: 'sfsa-same-origin-page-other',
      about: 'credentials same-origin, the page’s own URL redirected to localhost: never',
      fetch: { method: 'GET' },
      hops: [
        { host: 'page', response: { status: 302, headers: [['Location', '{hop:1}']] } },
        { host: 'other', response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']], body: 'ok' } },
      ],
      expect: allowed,
    },
  ],
} as unknown as ScenarioFile;

let browser: Browser;
let record: FileRecord;
beforeAll(async () => {
  browser = await launchChromium();
  const recorder = await openRecorder(browser);
  record = await recordScenarioFile(recorder, file);
  await recorder.close();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

const SCENARIO_PATH = /\/s\/sfsa-[a-z-]+\/\d+$/;
type Lines = { name: string; value: string }[];
/** The hop's path and its Sec-Fetch-Storage-Access value (null: none). */
function perHop(url: string, headers: Lines): [string, string | null] {
  return [new URL(url).pathname, headers.find((h) => h.name.toLowerCase() === 'sec-fetch-storage-access')?.value ?? null];
}

describe('the HAR export’s Sec-Fetch-Storage-Access line after a redirect', () => {
  it('writes it where Chromium sent it; where the first hop could not show it, none and a comment', () => {
    const page = record.origins.page;
    const served = record.served
      .filter((r) => SCENARIO_PATH.test(r.url) && r.method === 'GET')
      .map((r) => perHop(new URL(r.url, page).href, r.headers.flatMap((value, i) => (i % 2 === 0 ? [{ name: value, value: r.headers[i + 1]! }] : []))));
    // What reached the servers, the truth the DevTools log and the export are checked against.
    expect(served).toEqual([
      ['/s/sfsa-include-page-other/0', null],
      ['/s/sfsa-include-page-other/1', 'none'],
      ['/s/sfsa-include-other-page/0', 'none'],
      ['/s/sfsa-include-other-page/1', null],
      ['/s/sfsa-include-other-other-api/0', 'none'],
      ['/s/sfsa-include-other-other-api/1', 'none'],
      ['/s/sfsa-include-other-other-api/2', null],
      ['/s/sfsa-same-origin-page-other/0', null],
      ['/s/sfsa-same-origin-page-other/1', null],
    ]);
    const built = buildHar(record.events);
    const scenarioEntries = (entries: readonly { request: { url: string; headers: Lines; comment?: string } }[]) => entries.filter((e) => SCENARIO_PATH.test(e.request.url));
    expect(scenarioEntries(built.log.entries).map((e) => perHop(e.request.url, e.request.headers))).toEqual(served);

    const exchanges = exchangesFromHar(built).filter((x) => SCENARIO_PATH.test(x.hops[0]!.url));
    expect(exchanges.map((x) => x.hops.length)).toEqual([2, 2, 3, 2]);
    const commented = (entries: readonly { request: { url: string; comment?: string } }[]) =>
      entries.filter((e) => e.request.comment?.includes('Sec-Fetch-Storage-Access: not written') === true).map((e) => new URL(e.request.url).pathname);
    // A HAR does not say the credentials mode: from the page's own URL to localhost, "include" sent
    // the line where "same-origin" did not, and the first hop could not show which.
    const notShown = ['/s/sfsa-include-page-other/1'];
    const exported = scenarioEntries(harFromExchanges(exchanges).log.entries);
    expect(exported.map((e) => perHop(e.request.url, e.request.headers))).toEqual(served.map(([path, value]) => [path, notShown.includes(path) ? null : value]));
    expect(commented(exported)).toEqual([...notShown, '/s/sfsa-same-origin-page-other/1']);
    // With the credentials mode the page asked for (a capture that has it): the comment only where "include" sent it.
    const withMode = exchanges.map((x): ObservedExchange => {
      const id = new URL(x.hops[0]!.url).pathname.split('/')[2];
      const credentials = (file.scenarios.find((s) => s.id === id)!.fetch as { credentials?: CredentialsMode }).credentials ?? 'same-origin';
      return { ...x, request: { ...x.request, credentialsMode: credentials } };
    });
    const known = scenarioEntries(harFromExchanges(withMode).log.entries);
    expect(known.map((e) => perHop(e.request.url, e.request.headers))).toEqual(exported.map((e) => perHop(e.request.url, e.request.headers)));
    expect(commented(known)).toEqual(notShown);
  });
});
