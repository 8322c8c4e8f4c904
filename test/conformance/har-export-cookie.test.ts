// The sanitized HAR writes each redirect hop with the request headers the browser sent there
// (har-export.ts). Cookies are added by the network layer at every hop, by the credentials mode
// (hop-cookie.ts): does the export write a `Cookie` line only where Chromium sent one, and the one it
// sent? And `Authorization`, which the page set, where Chromium drops it? And the other lines written
// for each hop: `Host`, `Sec-Fetch-Site`, `Referer` (hop-headers.ts)? Real Chromium runs the
// scenarios against servers on 127.0.0.1 (the page's cookie `sid=1` is on 127.0.0.1, so `page` and
// `api` share it; `other` is localhost and has none); the HAR built from its DevTools events (as
// DevTools exports one) is read back and exported again, and each hop's lines are compared with
// what the servers received.

import { beforeAll, describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../../src/capture/har.ts';
import type { CredentialsMode, ObservedExchange } from '../../src/cors/index.ts';
import { harFromExchanges } from '../../src/export/har-export.ts';
import { buildHar } from './har-builder.ts';
import { recordInChromium, type FileRecord } from './record.ts';
import type { ScenarioFile } from './scenario-file.ts';

const ANY = [['Access-Control-Allow-Origin', '*']];
const CREDENTIALED = [['Access-Control-Allow-Origin', '{origin}'], ['Access-Control-Allow-Credentials', 'true']];

const file: ScenarioFile = {
  format: 'cors-scenarios/1',
  scenarios: [
    {
      id: 'cookie-same-origin-page-then-api',
      about: 'credentials same-origin: the page’s own URL (cookie sent), redirected to api (none sent, though 127.0.0.1 has one)',
      fetch: { method: 'GET' },
      hops: [
        { host: 'page', response: { status: 302, headers: [['Location', '{hop:1}']] } },
        { host: 'api', response: { status: 200, headers: ANY, body: 'ok' } },
      ],
      expect: { outcome: 'allowed', preflight: false, corsError: null, failedParameter: null },
    },
    {
      id: 'cookie-same-origin-page-api-page',
      about: 'credentials same-origin: page → api → page; back at the page’s origin the tainting stays cors, no cookie',
      fetch: { method: 'GET' },
      hops: [
        { host: 'page', response: { status: 302, headers: [['Location', '{hop:1}']] } },
        { host: 'api', response: { status: 302, headers: [['Location', '{hop:2}'], ...ANY] } },
        { host: 'page', response: { status: 200, headers: ANY, body: 'ok' } },
      ],
      expect: { outcome: 'allowed', preflight: false, corsError: null, failedParameter: null },
    },
    {
      id: 'cookie-include-api-api-other',
      about: 'credentials include from api (cookie sent: include proven), to api again (same cookie), then to other (localhost: none)',
      fetch: { method: 'GET', credentials: 'include' },
      hops: [
        { host: 'api', response: { status: 302, headers: [['Location', '{hop:1}'], ...CREDENTIALED] } },
        { host: 'api', response: { status: 302, headers: [['Location', '{hop:2}'], ...CREDENTIALED] } },
        { host: 'other', response: { status: 200, headers: [['Access-Control-Allow-Origin', 'null'], ['Access-Control-Allow-Credentials', 'true']], body: 'ok' } },
      ],
      expect: { outcome: 'allowed', preflight: false, corsError: null, failedParameter: null },
    },
    {
      id: 'cookie-include-page-then-api',
      about: 'credentials include from the page’s own URL, to api: same host, Chromium sends the cookie; the HAR does not say include',
      fetch: { method: 'GET', credentials: 'include' },
      hops: [
        { host: 'page', response: { status: 302, headers: [['Location', '{hop:1}']] } },
        { host: 'api', response: { status: 200, headers: CREDENTIALED, body: 'ok' } },
      ],
      expect: { outcome: 'allowed', preflight: false, corsError: null, failedParameter: null },
    },
    {
      id: 'cookie-authorization-page-then-api',
      about: 'the page sets Authorization on its own URL (no preflight), redirected to api: Authorization dropped, no cookie',
      fetch: { method: 'GET', headers: [['Authorization', 'Bearer t0k3n']] },
      hops: [
        { host: 'page', response: { status: 302, headers: [['Location', '{hop:1}']] } },
        { host: 'api', response: { status: 200, headers: ANY, body: 'ok' } },
      ],
      expect: { outcome: 'allowed', preflight: false, corsError: null, failedParameter: null },
    },
  ],
} as unknown as ScenarioFile;

let record: FileRecord;
beforeAll(async () => {
  record = await recordInChromium(file);
}, 60_000);

const SCENARIO_PATH = /\/s\/cookie-[a-z-]+\/\d+$/;
const PER_HOP = ['cookie', 'authorization'];
/** The other lines the browser writes for each hop (hop-headers.ts). */
const NETWORK = ['host', 'sec-fetch-site', 'referer'];

type Lines = { name: string; value: string }[];
/** The hop's path, and its lines named in `names` (lower-case names), in order. */
function perHop(url: string, headers: Lines, names = PER_HOP): [string, string[]] {
  return [new URL(url).pathname, headers.filter((h) => names.includes(h.name.toLowerCase())).map((h) => `${h.name.toLowerCase()}: ${h.value}`)];
}

describe('the HAR export’s Cookie and Authorization lines after a redirect', () => {
  it('writes them where Chromium sent them and with what it sent; where the capture cannot tell, none and a comment', () => {
    const page = record.origins.page;
    const served = record.served
      .filter((r) => SCENARIO_PATH.test(r.url))
      .map((r) => perHop(new URL(r.url, page).href, r.headers.flatMap((value, i) => (i % 2 === 0 ? [{ name: value, value: r.headers[i + 1]! }] : []))));
    // What reached the servers: the truth the DevTools log and the export are checked against.
    expect(served).toEqual([
      ['/s/cookie-same-origin-page-then-api/0', ['cookie: sid=1']],
      ['/s/cookie-same-origin-page-then-api/1', []],
      ['/s/cookie-same-origin-page-api-page/0', ['cookie: sid=1']],
      ['/s/cookie-same-origin-page-api-page/1', []],
      ['/s/cookie-same-origin-page-api-page/2', []],
      ['/s/cookie-include-api-api-other/0', ['cookie: sid=1']],
      ['/s/cookie-include-api-api-other/1', ['cookie: sid=1']],
      ['/s/cookie-include-api-api-other/2', []],
      ['/s/cookie-include-page-then-api/0', ['cookie: sid=1']],
      ['/s/cookie-include-page-then-api/1', ['cookie: sid=1']],
      ['/s/cookie-authorization-page-then-api/0', ['authorization: Bearer t0k3n', 'cookie: sid=1']],
      ['/s/cookie-authorization-page-then-api/1', []],
    ]);
    const built = buildHar(record.events);
    const scenarioEntries = (entries: readonly { request: { url: string; headers: Lines; comment?: string } }[]) => entries.filter((e) => SCENARIO_PATH.test(e.request.url));
    expect(scenarioEntries(built.log.entries).map((e) => perHop(e.request.url, e.request.headers))).toEqual(served);

    const exchanges = exchangesFromHar(built).filter((x) => SCENARIO_PATH.test(x.hops[0]!.url));
    expect(exchanges.map((x) => x.hops.length)).toEqual([2, 3, 3, 2, 2]);
    const exported = scenarioEntries(harFromExchanges(exchanges, { includeSecrets: true }).log.entries);
    // Where the capture cannot tell: a HAR does not say the credentials mode, and from the page's own
    // URL to another origin `same-origin` sends no cookie where `include` sends that URL's. Only
    // `cookie-include-api-api-other` proves include (a cookie sent to api from the first hop).
    const unknown = [
      '/s/cookie-same-origin-page-then-api/1',
      '/s/cookie-same-origin-page-api-page/1',
      '/s/cookie-same-origin-page-api-page/2',
      '/s/cookie-include-api-api-other/2',
      '/s/cookie-include-page-then-api/1',
      '/s/cookie-authorization-page-then-api/1',
    ];
    // Everywhere else the lines Chromium sent; where unknown, no Cookie line.
    expect(exported.map((e) => perHop(e.request.url, e.request.headers))).toEqual(
      served.map(([path, lines]) => [path, unknown.includes(path) ? lines.filter((line) => !line.startsWith('cookie:')) : lines]),
    );
    expect(exported.filter((e) => e.request.comment !== undefined).map((e) => new URL(e.request.url).pathname)).toEqual(unknown);
    // With the credentials mode the page asked for (a capture that has it), every hop as Chromium sent
    // it, but the one `include` hop to a host whose cookies the capture does not have.
    const withMode = exchanges.map((x): ObservedExchange => {
      const id = new URL(x.hops[0]!.url).pathname.split('/')[2];
      const credentials = (file.scenarios.find((s) => s.id === id)!.fetch as { credentials?: CredentialsMode }).credentials ?? 'same-origin';
      return { ...x, request: { ...x.request, credentialsMode: credentials } };
    });
    const known = scenarioEntries(harFromExchanges(withMode, { includeSecrets: true }).log.entries);
    expect(known.map((e) => perHop(e.request.url, e.request.headers))).toEqual(served);
    expect(known.filter((e) => e.request.comment !== undefined).map((e) => new URL(e.request.url).pathname)).toEqual(['/s/cookie-include-api-api-other/2']);
    // Host, Sec-Fetch-Site and Referer as Chromium sent them at every hop, with or without the mode.
    const servedNetwork = record.served
      .filter((r) => SCENARIO_PATH.test(r.url))
      .map((r) => perHop(new URL(r.url, page).href, r.headers.flatMap((value, i) => (i % 2 === 0 ? [{ name: value, value: r.headers[i + 1]! }] : [])), NETWORK));
    // The second hops, all on api (same site as the page), where the first hop said same-origin or same-site.
    expect(servedNetwork.filter(([path]) => path.endsWith('/1')).map(([, lines]) => lines.filter((line) => line.startsWith('sec-fetch-site')))).toEqual([
      ['sec-fetch-site: same-site'],
      ['sec-fetch-site: same-site'],
      ['sec-fetch-site: same-site'],
      ['sec-fetch-site: same-site'],
      ['sec-fetch-site: same-site'],
    ]);
    // Sorted: DevTools lists the lines in another order than they went on the wire.
    const sorted = (hops: [string, string[]][]) => hops.map(([path, lines]) => [path, [...lines].sort()]);
    for (const entries of [exported, known]) expect(sorted(entries.map((e) => perHop(e.request.url, e.request.headers, NETWORK)))).toEqual(sorted(servedNetwork));
    // Sanitized: the same lines, values redacted.
    const sanitized = scenarioEntries(harFromExchanges(exchanges).log.entries);
    expect(sanitized.map((e) => perHop(e.request.url, e.request.headers)[1].map((line) => line.split(':')[0]))).toEqual(
      exported.map((e) => perHop(e.request.url, e.request.headers)[1].map((line) => line.split(':')[0])),
    );
  });
});
