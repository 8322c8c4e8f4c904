// The origins of one scenario file, as real node http servers on the loopback interface.
//
// - `page` and `api`: 127.0.0.1 on two ports (same site, cross-origin).
// - `other`: `localhost:<port>`. Chromium resolves `localhost` itself, to both ::1 and 127.0.0.1, and
//   tries ::1 first (the recorded HAR shows `serverIPAddress: "[::1]"`), so `other` listens on both.
// - `closed`: a port that was free a moment ago and that nothing listens on.
//
// Every hop is answered from the scenario file: `/s/<id>/<N>` with the scenario's headers, each pair
// its own header line, values as written (placeholders substituted), `OPTIONS` per `preflight` or 405.

import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { substitute, substitutePairs, type Origins, type Scenario, type ScenarioAnswer, type ScenarioPage } from './scenario-file.ts';

/** A throw-away self-signed certificate for app.example.com (accepted with --ignore-certificate-errors). */
const CERTIFICATE = new URL('../fixtures/local-network-access/', import.meta.url);

/**
 * The page whose script makes the requests. It sets the cookie the file format promises. `cacheModes`
 * maps scenario ids to their `fetch.cache` (the project's extension of the format): the harness
 * passes the page the other `fetch()` arguments, and the page adds the cache mode of the scenario
 * whose hop 0 it fetches, unless the arguments already carry one.
 */
export function pageHtml(cacheModes: Readonly<Record<string, string>> = {}): string {
  // JSON of ids ([a-z0-9-]) and known mode names: nothing in it can end the script element.
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>cors conformance</title></head><body>
<script>
document.cookie = 'sid=1; SameSite=Lax; Path=/';
const cacheModes = ${JSON.stringify(cacheModes)};
// Runs one scenario's fetch(); the page only sees resolved/rejected, never why.
window.runScenario = async function (url, init) {
  try {
    const [, s, id] = new URL(url).pathname.split('/');
    if (init && init.cache === undefined && s === 's' && id !== undefined && Object.hasOwn(cacheModes, id)) {
      init = { ...init, cache: cacheModes[id] };
    }
    const response = await fetch(url, init);
    let body = null;
    try { body = await response.text(); } catch (e) { body = null; }
    return { settled: 'resolved', type: response.type, status: response.status, body: body };
  } catch (e) {
    return { settled: 'rejected', message: String(e && e.message || e) };
  }
};
</script></body></html>`;
}

/** `fetch.cache` by scenario id, for the scenarios that set one. */
export function cacheModesOf(scenarios: readonly Scenario[]): Record<string, string> {
  const modes: Record<string, string> = {};
  for (const s of scenarios) if (s.fetch?.cache !== undefined) modes[s.id] = s.fetch.cache;
  return modes;
}

export interface ServedRequest {
  host: 'page' | 'api' | 'other';
  method: string;
  url: string;
  headers: string[];
}

export interface ScenarioServers {
  origins: Origins;
  /** The top-level page's origin when the scenarios run in its iframe (`page.frame`), whose origin is `origins.page`. */
  topOrigin?: string;
  /** The page's and the `api` server's ports on 127.0.0.1 (for `--ip-address-space-overrides`). */
  pagePort: number;
  apiPort: number;
  /** What reached the servers, in arrival order (for debugging a disagreement). */
  served: ServedRequest[];
  close(): Promise<void>;
}

function listen(server: http.Server | https.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  const port = await new Promise<number>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => resolve((probe.address() as AddressInfo).port));
  });
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

function answer(res: http.ServerResponse, a: ScenarioAnswer, origins: Origins, s: Scenario): void {
  // A flat [name, value, name, value, ...] list keeps duplicate names as separate lines and the
  // values exactly as written.
  const flat: string[] = [];
  for (const [name, value] of substitutePairs(a.headers, origins, s)) flat.push(name, value);
  const body = a.body === undefined ? '' : substitute(a.body, origins, s);
  // With raw headers node adds no framing header of its own: send `Content-Length` as node would
  // (none for 1xx/204/304), unless the scenario frames the body itself.
  const framed = flat.some((v, i) => i % 2 === 0 && /^(content-length|transfer-encoding)$/i.test(v));
  const bodyless = a.status < 200 || a.status === 204 || a.status === 304;
  if (!framed && !bodyless) flat.push('Content-Length', String(Buffer.byteLength(body)));
  res.writeHead(a.status, flat);
  res.end(body);
}

export async function startScenarioServers(scenarios: readonly Scenario[], pageAt: ScenarioPage = {}): Promise<ScenarioServers> {
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const html = pageHtml(cacheModesOf(scenarios));
  const served: ServedRequest[] = [];
  let origins: Origins | undefined;

  const handler =
    (host: ServedRequest['host']) =>
    (req: http.IncomingMessage, res: http.ServerResponse): void => {
      // Read the whole body before answering, so the client never sees a reset.
      req.resume();
      req.on('end', () => {
        const url = req.url ?? '/';
        served.push({ host, method: req.method ?? '', url, headers: req.rawHeaders });
        if (origins === undefined) {
          res.writeHead(503).end();
          return;
        }
        if (host === 'page' && (url === '/' || url.startsWith('/?'))) {
          res.writeHead(200, ['Content-Type', 'text/html; charset=utf-8', 'Cache-Control', 'no-store']);
          res.end(html);
          return;
        }
        const m = /^\/s\/([a-z0-9-]+)\/(\d+)(?:\?.*)?$/.exec(url);
        const s = m ? byId.get(m[1] ?? '') : undefined;
        const hop = s && m ? s.hops[Number(m[2])] : undefined;
        if (s === undefined || hop === undefined) {
          res.writeHead(404, ['Content-Type', 'text/plain']).end('no such hop');
          return;
        }
        if (req.method === 'OPTIONS') {
          if (hop.preflight === undefined) res.writeHead(405).end();
          else answer(res, hop.preflight, origins, s);
          return;
        }
        answer(res, hop.response, origins, s);
      });
    };

  const servers: (http.Server | https.Server)[] = [];
  const make = (host: ServedRequest['host']): http.Server | https.Server => {
    const server =
      host === 'page' && pageAt.scheme === 'https'
        ? https.createServer({ cert: readFileSync(new URL('app.example.com.crt', CERTIFICATE)), key: readFileSync(new URL('app.example.com.key', CERTIFICATE)) }, handler(host))
        : http.createServer(handler(host));
    // Keep-alive as any node server does; closed for good in close().
    servers.push(server);
    return server;
  };

  const pagePort = await listen(make('page'), 0, '127.0.0.1');
  const apiPort = await listen(make('api'), 0, '127.0.0.1');
  // `other` needs one port free on both 127.0.0.1 and ::1: try a few.
  let otherPort = 0;
  for (let attempt = 0; attempt < 20 && otherPort === 0; attempt++) {
    const v4 = make('other');
    const port = await listen(v4, 0, '127.0.0.1');
    try {
      await listen(make('other'), port, '::1');
      otherPort = port;
    } catch {
      servers.pop();
      servers.splice(servers.indexOf(v4), 1);
      await new Promise<void>((r) => v4.close(() => r()));
    }
  }
  if (otherPort === 0) throw new Error('no port free on both 127.0.0.1 and ::1 for the `other` origin');
  const closedPort = await freePort();

  const top = `${pageAt.scheme ?? 'http'}://${pageAt.host ?? '127.0.0.1'}:${pagePort}`;
  origins = {
    page: pageAt.frame === undefined ? top : `${pageAt.scheme ?? 'http'}://${pageAt.frame.host}:${pagePort}`,
    api: `http://127.0.0.1:${apiPort}`,
    other: `http://localhost:${otherPort}`,
    closed: `http://127.0.0.1:${closedPort}`,
  };

  return {
    origins,
    ...(pageAt.frame === undefined ? {} : { topOrigin: top }),
    pagePort,
    apiPort,
    served,
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((r) => {
              server.closeAllConnections();
              server.close(() => r());
            }),
        ),
      );
    },
  };
}
