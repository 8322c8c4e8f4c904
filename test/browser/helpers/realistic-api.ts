// Two loopback servers for capture tests at scale: a page origin (an empty page, never cached) and
// an API origin whose responses carry a realistic set of headers (~1 KB, as a production API
// behind a CDN sends), so that each captured exchange is the ~1.5 KB of headers real traffic has.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RealisticServers {
  pageOrigin: string;
  apiOrigin: string;
  /** Bodies of the POST requests the API received, by path (what the page really sent). */
  received: Map<string, string>;
  /** Every path the API was asked for, in order. */
  paths: string[];
  close(): Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** About 1 KB of the headers a real API response has, besides the CORS ones. */
function responseHeaders(path: string): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store, max-age=0',
    etag: `W/"${Buffer.from(path).toString('base64url').padEnd(32, 'x')}"`,
    vary: 'Origin, Accept-Encoding, Authorization',
    'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; upgrade-insecure-requests",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
    'x-request-id': `req-${path.replace(/\W/g, '-')}-0f8e7d6c5b4a39281706f5e4d3c2b1a0`,
    'server-timing': 'db;dur=12.3, app;dur=45.6, cdn-cache;desc=MISS, edge;dur=7',
    via: '1.1 varnish, 1.1 edge-cache-fra19-c2',
    'x-cache': 'MISS, MISS',
    'x-served-by': 'cache-fra-etou8220000-FRA, cache-fra-etou8220155-FRA',
    'access-control-expose-headers': 'X-Request-Id, Server-Timing, ETag, Link',
    link: '</items?page=2>; rel="next", </items?page=500>; rel="last"',
  };
}

function api(req: IncomingMessage, res: ServerResponse, received: Map<string, string>, paths: string[], pageOrigin: string): void {
  const origin = req.headers.origin ?? '';
  const cors: Record<string, string> = { 'access-control-allow-origin': origin || '*' };
  if (origin) {
    cors['access-control-allow-credentials'] = 'true';
  }
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  paths.push(path);
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, POST, PUT', 'access-control-allow-headers': 'authorization, content-type', 'access-control-max-age': '0' });
    res.end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method === 'POST') received.set(path, Buffer.concat(chunks).toString('utf8'));
    const body = JSON.stringify({ path, ok: true, page: pageOrigin.length });
    res.writeHead(200, { ...responseHeaders(path), ...cors, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
}

export async function startRealisticServers(): Promise<RealisticServers> {
  const received = new Map<string, string>();
  const paths: string[] = [];
  let pageOrigin = '';
  const apiServer = createServer((req, res) => api(req, res, received, paths, pageOrigin));
  const pageServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>capture test</title></head><body><p>capture test</p></body></html>');
  });
  // Many connections at once from one page: keep them alive, never time them out mid-test.
  apiServer.keepAliveTimeout = 60_000;
  const [apiOrigin, page] = await Promise.all([listen(apiServer), listen(pageServer)]);
  pageOrigin = page;
  return {
    pageOrigin,
    apiOrigin,
    received,
    paths,
    close: async () => {
      await Promise.all([close(apiServer), close(pageServer)]);
    },
  };
}
