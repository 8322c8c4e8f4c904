// The statuses a preflight is refused with in the refused-preflight recordings (Chromium and Firefox
// ESR): each with and without Access-Control-Allow-Origin (with: the whole policy the page's PUT
// needs, so only the status fails), and a plain server that answers OPTIONS so.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const REFUSED_STATUSES = [404, 405, 401, 500] as const;

export interface RefusedCase {
  status: number;
  allowOrigin: boolean;
}

export const REFUSED_CASES: RefusedCase[] = REFUSED_STATUSES.flatMap((status) => [false, true].map((allowOrigin) => ({ status, allowOrigin })));

/** The page's request: a PUT with a JSON body (a preflight, asking for content-type). */
export const REFUSED_PUT = { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' };

/** A server on 127.0.0.1 answering OPTIONS with `c`; its URL for the page's PUT, and how to stop it. */
export async function refusingServer(c: RefusedCase, pageOrigin: string): Promise<{ url: string; close(): Promise<void> }> {
  const cors = c.allowOrigin ? { 'Access-Control-Allow-Origin': pageOrigin, 'Access-Control-Allow-Methods': 'GET, PUT', 'Access-Control-Allow-Headers': 'content-type' } : {};
  const server: Server = createServer((request, response) => {
    if (request.method === 'OPTIONS') response.writeHead(c.status, { 'Content-Type': 'text/plain', ...cors }).end('refused');
    else response.writeHead(200, { 'Content-Type': 'application/json', ...cors }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/items/7`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The headline the engine gives each case. */
export function refusedHeadline(c: RefusedCase): string {
  return `Preflight got ${c.status} ${c.allowOrigin ? 'with' : 'without'} Access-Control-Allow-Origin`;
}
