// Review s38 R (flask6.har): Flask-CORS reads an origin string holding `[ ]` (an IPv6 origin) as a
// regular expression matched from its start. One Flask API called with cookies from two page origins,
// http://127.0.0.1:<port> and http://[::1]:<port>, configured for the first only: the second is
// blocked. The printed merged configuration, put in place of the CORS call as printed, lets both
// through in Chromium, each answered with itself; and the real server gives no
// Access-Control-Allow-Origin to an origin that the bracketed one, read as a pattern, would match.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DevToolsHar } from '../conformance/har-builder.ts';
import { pageHtml } from '../conformance/servers.ts';
import { startPythonApp } from '../servers/app.ts';
import type { RunningServer } from '../servers/process.ts';
import { flaskApp } from './apps.ts';
import { openPageSite, type PageSite, replayAll } from './browser.ts';
import { explainJson, mergedFixFor } from './engine.ts';

let site: PageSite;
let v6Page: Server;
let v6Origin: string;

beforeAll(async () => {
  site = await openPageSite();
  // The loopback address in its IPv6 form: a page origin with brackets.
  v6Page = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml()));
  await new Promise<void>((resolve) => v6Page.listen(0, '::1', resolve));
  v6Origin = `http://[::1]:${(v6Page.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => v6Page?.close(resolve));
  await site?.close();
});

const start = (setup: string): Promise<RunningServer> => startPythonApp('flask', flaskApp(setup), 'python3-flask python3-flask-cors');

it('Flask-CORS and an IPv6 page origin: the printed configuration allows it exactly, and no origin its brackets would match as a pattern', async () => {
  const fromBoth = async (setup: string) => {
    const api = await start(setup);
    try {
      const url = `${api.origin}/api/me`;
      const runs = [];
      for (const page of [site.origin, v6Origin]) runs.push(await replayAll(site.browser, `${page}/`, [{ url, init: { credentials: 'include' } }]));
      // Origins `http://[::1]:<port>` read as a pattern would match: a character class of `:` and
      // `1` in place of the brackets, and anything after it (no end anchor).
      const port = new URL(v6Origin).port;
      const others: Record<string, string | null> = {};
      for (const origin of [`http://1:${port}`, `http://::${port}`, `${v6Origin}.evil.example`, 'https://evil.example']) {
        const response = await fetch(url, { headers: { Origin: origin, Cookie: 'sid=1' } });
        others[origin] = response.headers.get('access-control-allow-origin');
      }
      return { apiOrigin: api.origin, runs, others };
    } finally {
      await api.stop();
    }
  };
  const broken = await fromBoth(`from flask_cors import CORS\n\nCORS(app, origins=["${site.origin}"], supports_credentials=True)`);
  expect(broken.runs.map((r) => r.replayed[0]!.run.outcome)).toEqual(['allowed', 'blocked']);
  const [a, b] = broken.runs;
  const har: DevToolsHar = { ...a!.har, log: { ...a!.har.log, entries: [...a!.har.log.entries, ...b!.har.log.entries] } };
  const config = explainJson(har).serverConfigs.find((c) => c.apiOrigin === broken.apiOrigin);
  expect(config).toBeDefined();
  const fix = config!.stack === 'flask' ? config!.fix : mergedFixFor(har, broken.apiOrigin, 'flask');
  expect(fix.target).toBe('flask');

  const fixed = await fromBoth(fix.snippet);
  expect(fixed.runs.map((r) => r.replayed[0]!.run.outcome)).toEqual(['allowed', 'allowed']);
  expect(Object.values(fixed.others)).toEqual([null, null, null, null]);
});
