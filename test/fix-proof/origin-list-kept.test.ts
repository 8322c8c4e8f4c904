// Session 40's review: an API whose Access-Control-Allow-Origin is a list in one value (the demo's
// /broken/origin-list, Apache's `Header always set Access-Control-Allow-Origin "a, b"`) is refused
// by the browser for every page (several origins). The printed fix for one page's request keeps the
// list's other origin (kept-origin.ts), answering each request its own Origin when listed: put in
// place of the list as printed, both listed page origins pass and a third, not listed, is refused
// and gets no Access-Control-Allow-Origin at all. Proven in Chromium on Apache (SetEnvIf per origin)
// and Express (cors({ origin: [a, b] })).

import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Fix } from '../../src/cors/index.ts';
import type { DevToolsHar } from '../conformance/har-builder.ts';
import { startApache } from '../servers/apache.ts';
import { startNodeApp } from '../servers/app.ts';
import type { RunningServer } from '../servers/process.ts';
import { expressApp } from './apps.ts';
import { type FetchInit, openPage, openPageSite, type PageSite, replayAll } from './browser.ts';
import { fixFor } from './engine.ts';

let site: PageSite;
const pages: Server[] = [];
let second: string;
let third: string;
let backend: RunningServer;

beforeAll(async () => {
  site = await openPageSite();
  second = await openPage(pages);
  third = await openPage(pages);
  backend = await startNodeApp('express', expressApp('// no CORS in the app: Apache in front adds it'));
});
afterAll(async () => {
  await backend?.stop();
  for (const page of pages) await new Promise((resolve) => page.close(resolve));
  await site?.close();
});

const GET: FetchInit = { method: 'GET' };

/** Every Access-Control-Allow-Origin the HAR's responses carried. */
function allowOrigins(har: DevToolsHar): string[] {
  return har.log.entries.flatMap((e) => e.response.headers.filter((h) => h.name.toLowerCase() === 'access-control-allow-origin').map((h) => h.value));
}

// [target, start(the broken list, the printed setup or null for the broken one)]
const cases: [target: Fix['target'], start: (list: string, setup: string | null) => Promise<RunningServer>][] = [
  ['apache', (list, s) => startApache(`ProxyPass /api/ http://127.0.0.1:${backend.port}/api/\n${s ?? `Header always set Access-Control-Allow-Origin "${list}"`}\n`)],
  ['express', (list, s) => startNodeApp('express', expressApp(s ?? `app.use((req, res, next) => { res.set('Access-Control-Allow-Origin', '${list}'); next(); });`))],
];

it.each(cases)('%s answering a list of two origins: every page refused; the printed fix lets both listed origins in, a third stays out', async (target, start) => {
  const list = `${site.origin}, ${second}`;
  const fromEach = async (setup: string | null) => {
    const api = await start(list, setup);
    try {
      const url = `${api.origin}/api/items`;
      const runs = [];
      for (const page of [site.origin, second, third]) runs.push(await replayAll(site.browser, `${page}/`, [{ url, init: GET }]));
      return { url, runs };
    } finally {
      await api.stop();
    }
  };
  const broken = await fromEach(null);
  expect(broken.runs.map((r) => r.replayed[0]!.run.outcome)).toEqual(['blocked', 'blocked', 'blocked']);
  // The fix printed for the first page's request alone: it never saw the second page.
  const fix = fixFor(broken.runs[0]!.har, broken.url, target);
  expect(fix.snippet).toContain(`NOTE: ${second} is kept from the server's own answer (the list it sent`);
  const fixed = await fromEach(fix.snippet);
  expect(fixed.runs.map((r) => r.replayed[0]!.run.outcome)).toEqual(['allowed', 'allowed', 'blocked']);
  expect(allowOrigins(fixed.runs[0]!.har)).toEqual([site.origin]);
  expect(allowOrigins(fixed.runs[1]!.har)).toEqual([second]);
  expect(allowOrigins(fixed.runs[2]!.har)).toEqual([]);
});
