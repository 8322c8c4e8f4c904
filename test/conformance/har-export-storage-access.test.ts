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

const CREDENTIALED: [string, string][] = [['Access-Control-Allow-Origin', '{origin}'], ['Access-Control-Allow-Credentials', 'true']];
const TAINTED: [string, string][] = [['Access-Control-Allow-Origin', 'null'], ['Access-Control-Allow-Credentials', 'true']];

type Host = 'page' | 'api' | 'other';

/** A redirect chain and, per hop, what it must show. */
interface Chain {
  id: string;
  about: string;
  credentials: 'include' | 'same-origin';
  /** Where each hop goes: every hop but the last redirects to the next. */
  hosts: Host[];
  /** Per hop, the Sec-Fetch-Storage-Access value the server received (null: none). */
  sent: (string | null)[];
  /** The hops (by number) the export writes no line for, though Chromium sent one. */
  notShown: number[];
  /** The hops whose entry comment says the line was not written: without the credentials mode, and with it. */
  commented: { withoutMode: number[]; withMode: number[] };
}

const CHAINS: Chain[] = [
  {
    id: 'sfsa-include-page-other',
    about: 'credentials include, the page’s own URL redirected to localhost: the line appears at localhost',
    credentials: 'include',
    hosts: ['page', 'other'],
    sent: [null, 'none'],
    // A HAR does not say the credentials mode: from the page's own URL to localhost, "include" sent
    // the line where "same-origin" did not, and the first hop could not show which.
    notShown: [1],
    commented: { withoutMode: [1], withMode: [1] },
  },
  {
    id: 'sfsa-include-other-page',
    about: 'credentials include, localhost redirected back to the page’s origin: the line is gone there',
    credentials: 'include',
    hosts: ['other', 'page'],
    sent: ['none', null],
    notShown: [],
    commented: { withoutMode: [], withMode: [] },
  },
  {
    id: 'sfsa-include-other-other-api',
    about: 'credentials include, localhost twice, then api (the page’s host, another port): on localhost only',
    credentials: 'include',
    hosts: ['other', 'other', 'api'],
    sent: ['none', 'none', null],
    notShown: [],
    commented: { withoutMode: [], withMode: [] },
  },
  {
    id: 'sfsa-same-origin-page-other',
    about: 'credentials same-origin, the page’s own URL redirected to localhost: never',
    credentials: 'same-origin',
    hosts: ['page', 'other'],
    sent: [null, null],
    notShown: [],
    // Without the mode, the export cannot tell this chain from the first: it says so here too.
    commented: { withoutMode: [1], withMode: [] },
  },
];

/** The chain as a scenario: a redirect answers with the credentialed CORS headers off the page's origin; the last hop allows the request. */
function scenarioOf(chain: Chain): unknown {
  const last = chain.hosts.length - 1;
  return {
    id: chain.id,
    about: chain.about,
    // Same-origin is fetch()'s default: the page passes none.
    fetch: chain.credentials === 'include' ? { method: 'GET', credentials: 'include' } : { method: 'GET' },
    hops: chain.hosts.map((host, n) =>
      n < last
        ? { host, response: { status: 302, headers: [['Location', `{hop:${n + 1}}`], ...(host === 'page' ? [] : CREDENTIALED)] } }
        : { host, response: { status: 200, headers: chain.credentials === 'include' ? TAINTED : [['Access-Control-Allow-Origin', '*']], body: 'ok' } },
    ),
    expect: { outcome: 'allowed', preflight: false, corsError: null, failedParameter: null },
  };
}

const file = { format: 'cors-scenarios/1', scenarios: CHAINS.map(scenarioOf) } as unknown as ScenarioFile;

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

type Lines = { name: string; value: string }[];
type Entries = readonly { request: { url: string; headers: Lines; comment?: string } }[];

/** The hop's number in its chain and its Sec-Fetch-Storage-Access value (null: none). */
function perHop(url: string, headers: Lines): [number, string | null] {
  return [Number(new URL(url).pathname.split('/')[3]), headers.find((h) => h.name.toLowerCase() === 'sec-fetch-storage-access')?.value ?? null];
}

describe('the HAR export’s Sec-Fetch-Storage-Access line after a redirect', () => {
  it.each(CHAINS)('$id: written where Chromium sent it; where the first hop could not show it, none and a comment', (chain) => {
    const path = new RegExp(`/s/${chain.id}/\\d+$`);
    const served = record.served
      .filter((r) => path.test(r.url) && r.method === 'GET')
      .map((r) => perHop(new URL(r.url, record.origins.page).href, r.headers.flatMap((value, i) => (i % 2 === 0 ? [{ name: value, value: r.headers[i + 1]! }] : []))));
    // What reached the servers, the truth the DevTools log and the export are checked against.
    expect(served).toEqual(chain.sent.map((value, n) => [n, value]));
    const ofChain = (entries: Entries) => entries.filter((e) => path.test(e.request.url));
    const built = buildHar(record.events);
    expect(ofChain(built.log.entries).map((e) => perHop(e.request.url, e.request.headers))).toEqual(served);

    const exchanges = exchangesFromHar(built).filter((x) => path.test(x.hops[0]!.url));
    expect(exchanges.map((x) => x.hops.length)).toEqual([chain.hosts.length]);
    const commented = (entries: Entries) =>
      entries.filter((e) => e.request.comment?.includes('Sec-Fetch-Storage-Access: not written') === true).map((e) => perHop(e.request.url, [])[0]);
    const exported = ofChain(harFromExchanges(exchanges).log.entries);
    expect(exported.map((e) => perHop(e.request.url, e.request.headers))).toEqual(served.map(([n, value]) => [n, chain.notShown.includes(n) ? null : value]));
    expect(commented(exported)).toEqual(chain.commented.withoutMode);
    // With the credentials mode the page asked for (a capture that has it): the comment only where "include" sent it.
    const withMode = exchanges.map((x): ObservedExchange => ({ ...x, request: { ...x.request, credentialsMode: chain.credentials satisfies CredentialsMode } }));
    const known = ofChain(harFromExchanges(withMode).log.entries);
    expect(known.map((e) => perHop(e.request.url, e.request.headers))).toEqual(exported.map((e) => perHop(e.request.url, e.request.headers)));
    expect(commented(known)).toEqual(chain.commented.withMode);
  });
});
