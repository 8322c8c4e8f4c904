// The curl export of a Firefox capture sends, at a hop after a redirect, the Sec-Fetch-Site that
// Firefox sent there. Firefox ESR 153 runs redirect chains on 127.0.0.1 (an http page: Firefox
// counts same-site only over https, BrowserRules.secFetchSiteSameSiteNeedsHttps) whose last hop
// lacks Access-Control-Allow-Origin, so the curl pair replays that hop; its DevTools HAR is read as
// a user's would be, exported with `browser: 'firefox'` (`curl --browser firefox`, the Firefox
// build), run with the real bash and curl against the same servers, and the Sec-Fetch-Site the
// server received from curl is compared with the one it received from Firefox. Chromium's reading
// of the same capture (the default) would send `same-site` where Firefox sent `cross-site`.

import { execFile } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exchangesFromHar } from '../../src/capture/index.ts';
import { curlScriptFor } from '../../src/export/index.ts';
import { launchFirefox, type LaunchedFirefox } from './firefox.ts';
import { recordFileInFirefox } from './firefox-record.ts';
import { hopUrl, parseScenarioFile, type ScenarioFile } from './scenario-file.ts';
import type { ServedRequest } from './servers.ts';

const acao = ['Access-Control-Allow-Origin', '*'];
const redirect = (n: number) => ({ status: 302, headers: [acao, ['Location', `{hop:${n}}`]] });
const refused = { status: 200, headers: [], body: 'no acao' };
/** The chain's hosts, and the Sec-Fetch-Site Firefox ESR 153 was seen to send at the last hop (Chromium 156's, by the standard, beside it). */
const CHAINS: Record<string, { hosts: string[]; firefox: string; chromium: string }> = {
  'sfs-page-to-api': { hosts: ['page', 'api'], firefox: 'cross-site', chromium: 'same-site' },
  'sfs-api-to-api': { hosts: ['api', 'api'], firefox: 'cross-site', chromium: 'same-site' },
  'sfs-page-page-api': { hosts: ['page', 'page', 'api'], firefox: 'cross-site', chromium: 'same-site' },
  'sfs-api-to-page': { hosts: ['api', 'page'], firefox: 'cross-site', chromium: 'same-site' },
  'sfs-page-other-api': { hosts: ['page', 'other', 'api'], firefox: 'cross-site', chromium: 'cross-site' },
};
const file: ScenarioFile = parseScenarioFile(
  {
    format: 'cors-scenarios/1',
    scenarios: Object.entries(CHAINS).map(([id, { hosts }]) => ({
      id,
      about: `GET along ${hosts.join(' → ')}; the last hop has no Access-Control-Allow-Origin`,
      hops: hosts.map((host, i) => ({ host, response: i === hosts.length - 1 ? refused : redirect(i + 1) })),
      expect: { outcome: 'blocked', corsError: 'MissingAllowOriginHeader', failedParameter: '', preflight: false },
    })),
  },
  'sec-fetch-site chains',
);

function runBash(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('bash', ['-s'], { timeout: 20_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
    child.stdin?.end(script);
  });
}

function headerOf(request: ServedRequest | undefined, name: string): string | undefined {
  const raw = request?.headers ?? [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === name) return raw[i + 1];
  return undefined;
}

interface Sent {
  firefox: string | undefined;
  curlAsFirefox: string | undefined;
  curlAsChromium: string | undefined;
}
const sent = new Map<string, Sent>();
let firefox: LaunchedFirefox | undefined;

beforeAll(async () => {
  firefox = await launchFirefox();
  const browser = firefox;
  const tab = (await browser.browser.pages())[0] ?? (await browser.browser.newPage());
  await recordFileInFirefox(browser, tab, file, {
    // The servers are still up: the curl commands go to them.
    tearDown: async (servers) => {
      const exchanges = exchangesFromHar(JSON.parse(await browser.exportHar()) as unknown);
      for (const s of file.scenarios) {
        const last = s.hops.length - 1;
        const path = new URL(hopUrl(servers.origins, s, last)).pathname;
        const atLast = (from: number): ServedRequest | undefined => servers.served.slice(from).find((r) => r.method === 'GET' && r.url === path);
        const byFirefox = atLast(0);
        const exchange = exchanges.find((x) => x.hops[0]?.url === hopUrl(servers.origins, s, 0) && x.hops.length === s.hops.length);
        if (exchange === undefined) continue;
        const curlSite = async (browserName: 'chromium' | 'firefox'): Promise<string | undefined> => {
          const from = servers.served.length;
          await runBash(curlScriptFor(exchange, 'bash', { browser: browserName }));
          return headerOf(atLast(from), 'sec-fetch-site');
        };
        sent.set(s.id, { firefox: headerOf(byFirefox, 'sec-fetch-site'), curlAsFirefox: await curlSite('firefox'), curlAsChromium: await curlSite('chromium') });
      }
    },
  });
}, 300_000);

afterAll(async () => {
  await firefox?.close();
});

for (const [id, chain] of Object.entries(CHAINS)) {
  it(`${chain.hosts.join(' → ')}: curl sends the Sec-Fetch-Site Firefox sent at the last hop`, () => {
    const s = sent.get(id);
    expect(s, 'the exchange in Firefox’s HAR, replayed').toBeDefined();
    expect(s!.firefox).toBe(chain.firefox);
    expect(s!.curlAsFirefox).toBe(s!.firefox);
    // What a Chromium capture of the same chain carries (the standard's value).
    expect(s!.curlAsChromium).toBe(chain.chromium);
  });
}
