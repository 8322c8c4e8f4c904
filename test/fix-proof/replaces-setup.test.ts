// The reviewer's case (session 39): nginx with a plain proxy_pass in front of an Express app that
// already calls app.use(cors({ origin: <one fixed origin> })). A page of another origin is refused
// (Access-Control-Allow-Origin names the fixed one). The printed Express fix must
//  - say to replace that cors() call: pasted beside it (the new call first, the old one still after
//    it), the old middleware overwrites Access-Control-Allow-Origin and Chromium still refuses;
//  - keep the fixed origin the server answered (it may be production), saying where it came from.
// Applied as its words say, in place of the old call, both the page's origin and the kept one pass
// in Chromium, and a third origin gets no Access-Control-Allow-Origin at all.

import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeApp } from '../servers/app.ts';
import { startNginx } from '../servers/nginx.ts';
import type { RunningServer } from '../servers/process.ts';
import { expressApp } from './apps.ts';
import { type FetchInit, openPage, openPageSite, type PageSite, replayAll } from './browser.ts';
import { explainedRequest, explainJson, fixFor, layersOf, mergedFixFor } from './engine.ts';

let site: PageSite;
const pages: Server[] = [];
/** The origin the app's own cors() names (its production page, here another local page). */
let kept: string;
/** An origin allowed by neither. */
let other: string;

beforeAll(async () => {
  site = await openPageSite();
  kept = await openPage(pages);
  other = await openPage(pages);
});
afterAll(async () => {
  for (const page of pages) await new Promise((resolve) => page.close(resolve));
  await site?.close();
});

const OLD_CALL = (origin: string): string => `app.use(cors({ origin: '${origin}' }));`;
const oldSetup = (origin: string): string => `import cors from 'cors';\n${OLD_CALL(origin)}`;

/** The preflighted PUT and a plain GET, as the page makes them. */
const requests = (api: string): { url: string; init: FetchInit }[] => [
  { url: `${api}/api/items/7`, init: { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' } },
  { url: `${api}/api/items`, init: {} },
];

/** Express with `setup`, behind nginx's plain proxy_pass; `run` while both are up. */
async function withServers<T>(setup: string, run: (api: string) => Promise<T>): Promise<T> {
  const app: RunningServer = await startNodeApp('express', expressApp(setup));
  try {
    const nginx = await startNginx({ server: `        location /api/ {\n            proxy_pass http://127.0.0.1:${app.port};\n        }` });
    try {
      return await run(nginx.origin);
    } finally {
      await nginx.stop();
    }
  } finally {
    await app.stop();
  }
}

/** Each page origin's two requests, as Chromium decided them. */
async function outcomes(api: string, origins: readonly string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const page of origins) out[page] = (await replayAll(site.browser, `${page}/`, requests(api))).replayed.map((r) => r.run.outcome);
  return out;
}

it("nginx + Express with its own cors() for one origin: the fix replaces that call and keeps its origin; proven in Chromium", async () => {
  // The broken app: its cors() names the kept origin only.
  const { snippet, words } = await withServers(oldSetup(kept), async (api) => {
    expect(await outcomes(api, [kept])).toEqual({ [kept]: ['allowed', 'allowed'] });
    const { har, replayed } = await replayAll(site.browser, `${site.origin}/`, [requests(api)[0]!]);
    expect(replayed[0]!.run).toMatchObject({ outcome: 'blocked', corsError: 'PreflightAllowOriginMismatch', failedParameter: kept });
    const explained = explainedRequest(explainJson(har), replayed[0]!.url);
    expect(layersOf(explained)).toEqual(['nginx', 'express']);
    // Both layers are read, both fixes offered; the lines are Express's own (its cors middleware's
    // order), so its fix says firmly to replace the old call. The reviewer applied Express's.
    const fix = fixFor(har, replayed[0]!.url, 'express');
    // The configuration for the server keeps the origin as well.
    expect(mergedFixFor(har, api, 'express').snippet).toContain(`origin: ['${site.origin}', '${kept}'],`);
    return { snippet: fix.snippet, words: fix.snippet.split('\n').filter((l) => l.startsWith('//')).join(' ') };
  });
  // The words: replace the old call, and the kept origin said to come from the server's answer.
  expect(words).toContain("This replaces the app's existing cors setup");
  expect(words).toContain('remove that app.use(cors(...)) call');
  expect(words).toContain(`${kept} is kept from the server's own answer`);
  expect(snippet).toContain(`origin: ['${site.origin}', '${kept}'],`);

  // Pasted beside the old call (first, as "first, before any route" says), without the words: the
  // old cors() after it overwrites Access-Control-Allow-Origin, and the page is still refused.
  const beside = await withServers(`${snippet}\n${OLD_CALL(kept)}`, (api) => outcomes(api, [site.origin]));
  expect(beside[site.origin]).toContain('blocked');

  // In place of the old call, as the words say: the page's origin and the kept one pass, another not.
  const fixed = await withServers(snippet, (api) => outcomes(api, [site.origin, kept, other]));
  expect(fixed).toEqual({ [site.origin]: ['allowed', 'allowed'], [kept]: ['allowed', 'allowed'], [other]: ['blocked', 'blocked'] });
});
