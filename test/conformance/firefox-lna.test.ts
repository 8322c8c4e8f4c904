// Local Network Access in Firefox ESR 153, replayed on the scenario files it can reproduce, and the
// engine's Firefox profile (FIREFOX_RULES, on the HAR Firefox DevTools exported) compared with it as
// in firefox-conformance.test.ts.
//
// What Firefox does (measured on ESR 153, prefs at their defaults: network.lna.enabled and
// network.lna.blocking true): a page whose server counts as public fetching a loopback server
// (or, with the server counted private, a private one) is neither sent nor refused: Firefox asks the
// user. A granted permission (`loopback-network`; `local-network` for a private server) lets it
// through, judged by CORS as usual. Unanswered, the prompt times out (`network.lna.prompt.timeout`,
// 5 minutes by default) and the fetch fails: the server never sees it, the HAR lists it with status
// 0 (and timings), and the console holds only `Security` messages ("Local Network Access permission
// required ...", "... prompt action: prompt_deny") and one CORS error, CORSDidNotSucceed, as for a
// refused connection. Firefox has no LNA reason of its own: the engine's Firefox profile applies no
// LNA rule (FIREFOX_RULES.localNetworkAccess is null) and reads such a request as the network error
// it is to the page.
//
// Made deterministic here: the page's server is counted public through
// `network.lna.address_space.public.override` ("127.0.0.1:<port>", Firefox's counterpart of
// Chromium's --ip-address-space-overrides; the API's `.private.override` for `apiAddressSpace:
// local`), the prompt is left to time out after 200 ms, and a file's `grant` is given beforehand
// through the permission manager (Chromium's `loopbackNetwork` / `localNetwork` are Firefox's
// `loopback-network` / `local-network`).
//
// Not replayed (the files' `expect` is Chromium's and is not checked here):
// - the page's host name and scheme (`https://app.example.com`): they need Chromium's
//   --host-resolver-rules and its trusted test certificate. The page is http://127.0.0.1 here,
//   which Firefox counts a secure context whatever its address space ("Secure context: True"), so
//   the http-page files (local-network-http.json, local-network-private.json: Chromium refuses an
//   insecure page outright) would test nothing Firefox-specific;
// - `fetch.targetAddressSpace` and the iframe's `allow="local-network-access"`: Chromium's option
//   and policy (the *-option-* scenarios, the local-network-iframe-*.json files);
// - the local and loopback page files: Firefox skips a private page's requests to loopback
//   (`network.lna.local-network-to-localhost.skip-checks`, true in ESR 153) and checks nothing
//   from a loopback page: nothing LNA to compare.

import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareFirefoxFile, type FirefoxComparison } from './firefox-compare.ts';
import { launchFirefox, type LaunchedFirefox } from './firefox.ts';
import { recordFileInFirefox } from './firefox-record.ts';
import { parseScenarioFile, runCount, type Scenario, type ScenarioFile } from './scenario-file.ts';
import type { ScenarioServers } from './servers.ts';

const FILES = ['local-network-https.json', 'local-network-granted.json', 'local-network-private-granted.json', 'local-network-private-denied.json'];
const PERMISSION: Readonly<Record<string, string>> = { loopbackNetwork: 'loopback-network', localNetwork: 'local-network' };

const files: { name: string; file: ScenarioFile; scenarios: Scenario[] }[] = FILES.map((name) => {
  const file = parseScenarioFile(JSON.parse(readFileSync(new URL(`../scenarios/${name}`, import.meta.url), 'utf8')) as unknown, name);
  return { name, file, scenarios: file.scenarios.filter((s) => s.fetch?.targetAddressSpace === undefined) };
});

interface BidiConnection {
  send(method: string, params: unknown): Promise<{ result: unknown }>;
}

/** Runs `expression` in Firefox's chrome scope (the launcher's `--remote-allow-system-access`). */
async function chromeScope(firefox: LaunchedFirefox): Promise<(expression: string) => Promise<void>> {
  const connection = (firefox.browser as unknown as { connection: BidiConnection }).connection;
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })).result as { contexts: { context: string; url: string }[] };
  const context = (tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml') ?? tree.contexts[0])?.context;
  if (context === undefined) throw new Error('no chrome-scope window');
  return async (expression) => {
    const r = (await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: true })).result as { type: string; exceptionDetails?: { text?: string } };
    if (r.type !== 'success') throw new Error(`chrome-scope script failed: ${r.exceptionDetails?.text ?? ''}`);
  };
}

async function recordLnaFile(firefox: LaunchedFirefox, tab: Page, inChrome: (e: string) => Promise<void>, entry: (typeof files)[number]): Promise<FirefoxComparison[]> {
  const page = entry.file.page ?? {};
  const grants = (page.grant ?? []).map((g) => PERMISSION[g] ?? g);
  const pagePrincipal = (servers: ScenarioServers): string => `Services.scriptSecurityManager.createContentPrincipalFromOrigin(${JSON.stringify(servers.origins.page)})`;
  // The run loop and the HAR export (waiting until it lists what the servers answered) are the
  // main Firefox conformance's: only the prefs and permissions are this file's.
  const record = await recordFileInFirefox(firefox, tab, entry.file, {
    scenarios: entry.scenarios,
    setUp: async (servers) => {
      await inChrome(`Services.prefs.setCharPref('network.lna.address_space.public.override', '127.0.0.1:${servers.pagePort}')`);
      if (page.apiAddressSpace === 'local') await inChrome(`Services.prefs.setCharPref('network.lna.address_space.private.override', '127.0.0.1:${servers.apiPort}')`);
      await inChrome(`Services.prefs.setIntPref('network.lna.prompt.timeout', 200)`);
      for (const g of grants) await inChrome(`Services.perms.addFromPrincipal(${pagePrincipal(servers)}, ${JSON.stringify(g)}, Services.perms.ALLOW_ACTION)`);
    },
    tearDown: async (servers) => {
      for (const g of grants) await inChrome(`Services.perms.removeFromPrincipal(${pagePrincipal(servers)}, ${JSON.stringify(g)})`);
      for (const p of ['network.lna.address_space.public.override', 'network.lna.address_space.private.override', 'network.lna.prompt.timeout']) await inChrome(`Services.prefs.clearUserPref('${p}')`);
    },
  });
  return compareFirefoxFile(record);
}

const results = new Map<string, FirefoxComparison>();
let firefox: LaunchedFirefox | undefined;

beforeAll(async () => {
  firefox = await launchFirefox();
  const inChrome = await chromeScope(firefox);
  const tab = (await firefox.browser.pages())[0] ?? (await firefox.browser.newPage());
  for (const entry of files) {
    for (const c of await recordLnaFile(firefox, tab, inChrome, entry)) results.set(`${entry.name}#${c.run.scenario.id}#${c.run.run}`, c);
  }
}, 300_000);

afterAll(async () => {
  await firefox?.close();
});

for (const { name, scenarios } of files) {
  describe(`test/scenarios/${name} in Firefox (page counted public)`, () => {
    for (const s of scenarios) {
      for (let run = 0; run < runCount(s); run++) {
        it(runCount(s) > 1 ? `${s.id} (run ${run + 1})` : s.id, () => {
          const c = results.get(`${name}#${s.id}#${run}`);
          expect(c, 'the run was not recorded').toBeDefined();
          if (process.env['LNA_VERBOSE']) console.log(name, s.id, run, JSON.stringify(c?.run.firefox), JSON.stringify(c?.run.messages.map((m) => [m.category, m.message.slice(0, 90)])));
          expect(c?.disagreements.join('; '), `${s.id}: Firefox ${JSON.stringify(c?.run.firefox)}`).toBe('');
          // Firefox did run its check on this request (else the case proves nothing about LNA): its
          // `Security` message, or the prompt's time-out (the `Security` lines of a denied preflight
          // can come after the run's messages were taken).
          expect(c?.run.messages.some((m) => /^(Local Network Access|LNA permission prompt)/.test(m.message)), 'no Local Network Access message').toBe(true);
        });
      }
    }
  });
}
