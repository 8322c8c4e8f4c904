// The demo: a page on http://127.0.0.1:<P> that calls an API on http://127.0.0.1:<Q> (and, for
// redirects, http://localhost:<R>), with an endpoint per CORS failure and a fixed twin of each.
//
//   npx tsx demo/server.ts [--page-port P] [--api-port Q] [--other-port R]
//
// Everything listens on 127.0.0.1 only.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { GALLERY, endpointById, type DemoContext, type Variant } from './gallery.ts';

export interface DemoServers extends DemoContext {
  pageUrl: string;
  close(): Promise<void>;
}

export interface DemoOptions {
  pagePort?: number;
  apiPort?: number;
  otherPort?: number;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** A port where nothing listens: bound once, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe, 0);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function pageHtml(ctx: DemoContext): string {
  const calls = GALLERY.map((endpoint) => ({
    id: endpoint.id,
    title: endpoint.title,
    fetch: endpoint.fetch,
    urls: {
      broken: endpoint.target?.(ctx, 'broken') ?? `${ctx.apiOrigin}/broken/${endpoint.id}`,
      fixed: endpoint.target?.(ctx, 'fixed') ?? `${ctx.apiOrigin}/fixed/${endpoint.id}`,
    },
    expect: endpoint.expect,
  }));
  const rows = calls
    .map(
      (c) => `<tr data-endpoint="${c.id}">
  <th scope="row">${escapeHtml(c.title)}<br><code>${c.id}</code></th>
  ${(['broken', 'fixed'] as const)
    .map((v) => `<td><button type="button" data-run="${c.id}" data-variant="${v}">${v}</button> <output data-outcome="${c.id}:${v}">not run</output></td>`)
    .join('\n  ')}
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>CORS Inspector demo</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 1.5rem; }
  table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: .35rem .6rem; text-align: left; }
  output[data-state="allowed"] { color: #106010; } output[data-state="failed"] { color: #a01010; }
</style>
</head>
<body>
<h1>CORS Inspector demo</h1>
<p>This page (<code>${ctx.pageOrigin}</code>) calls the API on <code>${ctx.apiOrigin}</code>.
Open DevTools, pick the <strong>CORS</strong> panel, and press a button (or <button type="button" id="run-all">run all</button>).</p>
<table>
<thead><tr><th>Endpoint</th><th>Broken</th><th>Fixed</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script type="module">
const CALLS = ${JSON.stringify(calls)};
// A cookie on 127.0.0.1, so that requests with credentials carry one (ports do not matter to cookies).
document.cookie = 'demo_session=1; SameSite=Lax; Path=/';
window.demoResults = {};
async function run(id, variant) {
  const call = CALLS.find((c) => c.id === id);
  const out = document.querySelector('output[data-outcome="' + id + ':' + variant + '"]');
  out.textContent = 'running';
  let result;
  try {
    const response = await fetch(call.urls[variant], { ...call.fetch, cache: 'no-store' });
    await response.text();
    result = { outcome: 'allowed', status: response.status };
  } catch (error) {
    result = { outcome: 'failed', error: String(error) };
  }
  window.demoResults[id + ':' + variant] = result;
  out.dataset.state = result.outcome;
  out.textContent = result.outcome + (result.status ? ' (' + result.status + ')' : '');
  return result;
}
async function runAll() {
  for (const call of CALLS) for (const variant of ['broken', 'fixed']) await run(call.id, variant);
  document.body.dataset.done = 'true';
  return window.demoResults;
}
window.demo = { calls: CALLS, run, runAll };
document.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-run]');
  if (button) run(button.dataset.run, button.dataset.variant);
});
document.getElementById('run-all').addEventListener('click', () => runAll());
if (!new URLSearchParams(location.search).has('manual')) runAll();
</script>
</body>
</html>`;
}

function apiHandler(ctx: DemoContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    // /slow/<ms>: an allowed GET that answers after <ms> (at most 10 s), for requests in flight.
    if (path.startsWith('/slow/')) {
      const delay = Math.min(Number(path.split('/')[2]) || 0, 10_000);
      setTimeout(() => {
        res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' });
        res.end('slow');
      }, delay);
      return;
    }
    // /burst/<n>: a plain allowed GET, for load tests.
    if (path.startsWith('/burst/')) {
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' });
      res.end('ok');
      return;
    }
    const [, variant, id, hop = ''] = path.split('/');
    const endpoint = id ? endpointById(id) : undefined;
    if (!endpoint || (variant !== 'broken' && variant !== 'fixed')) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('no such endpoint');
      return;
    }
    endpoint.answer(req, res, ctx, variant as Variant, hop);
  };
}

export async function startDemo(options: DemoOptions = {}): Promise<DemoServers> {
  const ctx: DemoContext = { pageOrigin: '', apiOrigin: '', otherOrigin: '', closedOrigin: '' };
  const page = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(pageHtml(ctx));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  const api = createServer(apiHandler(ctx));
  const other = createServer(apiHandler(ctx));
  const pagePort = await listen(page, options.pagePort ?? 0);
  const apiPort = await listen(api, options.apiPort ?? 0);
  const otherPort = await listen(other, options.otherPort ?? 0);
  ctx.pageOrigin = `http://127.0.0.1:${pagePort}`;
  ctx.apiOrigin = `http://127.0.0.1:${apiPort}`;
  // Same machine, other name: cross-site with the page, so redirects through it taint the origin.
  ctx.otherOrigin = `http://localhost:${otherPort}`;
  ctx.closedOrigin = `http://127.0.0.1:${await closedPort()}`;
  const servers = [page, api, other];
  return {
    ...ctx,
    pageUrl: `${ctx.pageOrigin}/`,
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}

function flag(args: string[], name: string): number | undefined {
  const index = args.indexOf(name);
  const value = index >= 0 ? args[index + 1] : undefined;
  return value !== undefined ? Number(value) : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const demo = await startDemo({ pagePort: flag(args, '--page-port'), apiPort: flag(args, '--api-port'), otherPort: flag(args, '--other-port') });
  console.log(`demo page: ${demo.pageUrl}`);
  console.log(`api:       ${demo.apiOrigin}  (redirect target ${demo.otherOrigin})`);
  const stop = (): void => void demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
