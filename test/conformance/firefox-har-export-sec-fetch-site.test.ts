// The sanitized HAR of a Firefox capture writes, at each hop after a redirect, the Sec-Fetch-Site
// Firefox sent there. Firefox ESR 153 runs redirect chains on 127.0.0.1 (an http page: Firefox
// counts same-site only over a secure chain, BrowserRules.secFetchSiteSameSiteNeedsHttps); its
// DevTools HAR is read as a user's would be and exported again as the Chromium panel exports an
// opened Firefox HAR's exchanges (`harFile` with their rules, Firefox's), and every hop's
// Sec-Fetch-Site in that file is compared with the one the server received from Firefox at that
// hop. Written by Chromium's rules (before session 34, and still for a Chromium capture) the
// file said `same-site` where Firefox sent `cross-site`. Sec-Fetch-Storage-Access too, on two
// chains with credentials "include" (STORAGE_ACCESS).

import { afterAll, beforeAll, expect, it } from 'vitest';
import { exchangesFromHar } from '../../src/capture/index.ts';
import { harFile } from '../../src/ui/share/export-actions.ts';
import { launchFirefox, type LaunchedFirefox } from './firefox.ts';
import { recordFileInFirefox } from './firefox-record.ts';
import { hopUrl, parseScenarioFile, type ScenarioFile } from './scenario-file.ts';
import type { ServedRequest } from './servers.ts';

const acao = ['Access-Control-Allow-Origin', '*'];
const redirect = (n: number) => ({ status: 302, headers: [acao, ['Location', `{hop:${n}}`]] });
const done = { status: 200, headers: [acao], body: 'ok' };
/**
 * Each chain's hosts (`page` the page's origin, `api` another port on 127.0.0.1, `other`
 * localhost) and the Sec-Fetch-Site Firefox ESR 153 was seen to send at each hop, with Chromium
 * 156's (the standard's) where it differs.
 */
const CHAINS: Record<string, { hosts: string[]; firefox: string[]; chromiumDiffers: boolean }> = {
  'hsfs-page-page-api': { hosts: ['page', 'page', 'api'], firefox: ['same-origin', 'same-origin', 'cross-site'], chromiumDiffers: true },
  'hsfs-page-api-page': { hosts: ['page', 'api', 'page'], firefox: ['same-origin', 'cross-site', 'cross-site'], chromiumDiffers: true },
  'hsfs-api-api': { hosts: ['api', 'api'], firefox: ['same-site', 'cross-site'], chromiumDiffers: true },
  'hsfs-page-other-api': { hosts: ['page', 'other', 'api'], firefox: ['same-origin', 'cross-site', 'cross-site'], chromiumDiffers: false },
};
/**
 * Credentials "include" between localhost (another site than the page's) and the page: Firefox ESR
 * 153 sends `Sec-Fetch-Storage-Access: none` at the hops on localhost only, as Chromium 156 does
 * (har-export-storage-access.test.ts). The export copies the first hop's line where it was sent
 * again, and where the first hop (on the page's site) could not show it writes none and says so.
 */
const STORAGE_ACCESS: Record<string, { hosts: string[]; firefox: (string | undefined)[]; har: (string | undefined)[]; commented: boolean[] }> = {
  'hsfs-include-other-page': { hosts: ['other', 'page'], firefox: ['none', undefined], har: ['none', undefined], commented: [false, false] },
  'hsfs-include-page-other': { hosts: ['page', 'other'], firefox: [undefined, 'none'], har: [undefined, undefined], commented: [false, true] },
};
const credentialed = (origin: string) => [['Access-Control-Allow-Origin', origin], ['Access-Control-Allow-Credentials', 'true']];
const file: ScenarioFile = parseScenarioFile(
  {
    format: 'cors-scenarios/1',
    scenarios: [
      ...Object.entries(CHAINS).map(([id, { hosts }]) => ({
        id,
        about: `GET along ${hosts.join(' → ')}, allowed`,
        hops: hosts.map((host, i) => ({ host, response: i === hosts.length - 1 ? done : redirect(i + 1) })),
        expect: { outcome: 'allowed', corsError: null, failedParameter: null, preflight: false },
      })),
      ...Object.entries(STORAGE_ACCESS).map(([id, { hosts }]) => ({
        id,
        about: `GET with credentials include along ${hosts.join(' → ')}, allowed`,
        fetch: { method: 'GET', credentials: 'include' },
        hops: [
          { host: hosts[0], response: { status: 302, headers: [...credentialed('{origin}'), ['Location', '{hop:1}']] } },
          { host: hosts[1], response: { status: 200, headers: credentialed(hosts[0] === 'page' ? '{origin}' : 'null'), body: 'ok' } },
        ],
        expect: { outcome: 'allowed', corsError: null, failedParameter: null, preflight: false },
      })),
    ],
  },
  'sec-fetch-site chains for the HAR export',
);

function headerOf(headers: readonly string[], name: string): string | undefined {
  for (let i = 0; i < headers.length; i += 2) if (headers[i]!.toLowerCase() === name) return headers[i + 1];
  return undefined;
}

/** The storage-access scenarios: what Firefox sent at each hop, what the export wrote, and where it said it wrote none. */
const storageAccess = new Map<string, { firefox: (string | undefined)[]; har: (string | undefined)[]; commented: boolean[] }>();

interface Seen {
  /** What the servers received from Firefox, hop by hop. */
  firefox: (string | undefined)[];
  /** What the sanitized HAR says, hop by hop: by the exchange's rules (Firefox's), and by Chromium's. */
  har: (string | undefined)[];
  harAsChromium: (string | undefined)[];
}
const seen = new Map<string, Seen>();
let firefox: LaunchedFirefox | undefined;

type HarText = { log: { entries: { _resourceType: string; request: { headers: { name: string; value: string }[]; comment?: string } }[] } };

function sitesInHar(text: string): (string | undefined)[] {
  const entries = (JSON.parse(text) as HarText).log.entries;
  return entries.filter((e) => e._resourceType === 'fetch').map((e) => e.request.headers.find((h) => h.name.toLowerCase() === 'sec-fetch-site')?.value);
}

beforeAll(async () => {
  firefox = await launchFirefox();
  const browser = firefox;
  const tab = (await browser.browser.pages())[0] ?? (await browser.browser.newPage());
  const record = await recordFileInFirefox(browser, tab, file, {
    tearDown: (servers) => {
      for (const s of file.scenarios.filter((s) => s.id in STORAGE_ACCESS)) {
        const firefoxSent = s.hops.map((_, i) => {
          const path = new URL(hopUrl(servers.origins, s, i)).pathname;
          return headerOf(servers.served.find((r) => r.method === 'GET' && r.url === path)?.headers ?? [], 'sec-fetch-storage-access');
        });
        storageAccess.set(s.id, { firefox: firefoxSent, har: [], commented: [] });
      }
      for (const s of file.scenarios) {
        const sentAt = (i: number): ServedRequest | undefined => servers.served.find((r) => r.method === 'GET' && r.url === new URL(hopUrl(servers.origins, s, i)).pathname);
        seen.set(s.id, { firefox: s.hops.map((_, i) => headerOf(sentAt(i)?.headers ?? [], 'sec-fetch-site')), har: [], harAsChromium: [] });
      }
      return Promise.resolve();
    },
  });
  const exchanges = exchangesFromHar(JSON.parse(record.har) as unknown);
  for (const [id, seenHere] of storageAccess) {
    const exchange = exchanges.find((x) => new URL(x.hops[0]!.url).pathname === `/s/${id}/0` && x.hops.length === 2);
    if (exchange === undefined) continue;
    const entries = (JSON.parse(harFile([{ id, exchange, notes: [], rules: 'firefox', sentBy: 'firefox' }], { engineVersion: 'test' }).text) as HarText).log.entries.filter((e) => e._resourceType === 'fetch');
    seenHere.har = entries.map((e) => e.request.headers.find((h) => h.name.toLowerCase() === 'sec-fetch-storage-access')?.value);
    seenHere.commented = entries.map((e) => e.request.comment?.includes('Sec-Fetch-Storage-Access: not written') === true);
  }
  for (const s of file.scenarios) {
    if (s.id in STORAGE_ACCESS) continue;
    const exchange = exchanges.find((x) => new URL(x.hops[0]!.url).pathname === `/s/${s.id}/0` && x.hops.length === s.hops.length);
    const entry = seen.get(s.id);
    if (exchange === undefined || entry === undefined) continue;
    // As the Chromium panel exports an opened Firefox HAR's exchange (its rules Firefox's), and as it exports a Chromium capture.
    entry.har = sitesInHar(harFile([{ id: s.id, exchange, notes: [], rules: 'firefox', sentBy: 'firefox' }], { engineVersion: 'test' }).text);
    entry.harAsChromium = sitesInHar(harFile([{ id: s.id, exchange, notes: [] }], { engineVersion: 'test' }).text);
  }
}, 300_000);

afterAll(async () => {
  await firefox?.close();
});

for (const [id, chain] of Object.entries(CHAINS)) {
  it(`${chain.hosts.join(' → ')}: the sanitized HAR says the Sec-Fetch-Site Firefox sent at every hop`, () => {
    const s = seen.get(id);
    expect(s?.har, 'the exchange in Firefox’s HAR, exported').toHaveLength(chain.hosts.length);
    expect(s!.firefox).toEqual(chain.firefox);
    expect(s!.har).toEqual(s!.firefox);
    // Chromium's rules give another value at some hop of these chains: what a Chromium capture's file says.
    expect(s!.harAsChromium.join() !== s!.firefox.join()).toBe(chain.chromiumDiffers);
  });
}

for (const [id, chain] of Object.entries(STORAGE_ACCESS)) {
  it(`credentials include, ${chain.hosts.join(' → ')}: Sec-Fetch-Storage-Access where Firefox sent it, and a comment where the capture cannot show it`, () => {
    const s = storageAccess.get(id);
    expect(s?.har, 'the exchange in Firefox’s HAR, exported').toHaveLength(2);
    expect(s!.firefox).toEqual(chain.firefox);
    expect(s!.har).toEqual(chain.har);
    expect(s!.commented).toEqual(chain.commented);
  });
}
