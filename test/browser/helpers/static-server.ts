// A tiny static server for browser tests: the built `dist/` at `/`, and a scratch directory at
// `/files/` (for the viewer's `?src=`). Loopback only.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Browser } from 'playwright';
import { DIST, launchPlain } from './launch.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
  '.har': 'application/json',
};

function serveStatic(files: string): Promise<{ server: Server; base: string }> {
  const server = createServer((request, response) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    } catch {
      // A path that is no valid percent-encoding names no file here (a test asks for one).
      return void response.writeHead(404).end();
    }
    const [dir, rest] = path.startsWith('/files/') ? [files, path.slice('/files/'.length)] : [DIST, path.slice(1)];
    const file = normalize(join(dir, rest));
    if (!file.startsWith(dir)) return void response.writeHead(403).end();
    try {
      const body = readFileSync(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

/** A plain Chromium, the built `dist/` served statically, and a scratch directory for test files. */
export interface StaticSite {
  browser: Browser;
  base: string;
  files: string;
  close(): Promise<void>;
}

export async function openStaticSite(name: string): Promise<StaticSite> {
  const files = mkdtempSync(join(tmpdir(), `cors-inspector-${name}-`));
  const { server, base } = await serveStatic(files);
  const browser = await launchPlain();
  return {
    browser,
    base,
    files,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(files, { recursive: true, force: true });
    },
  };
}
