// The private-network line (Access-Control-Allow-Private-Network: true) in real Chromium 156, which
// replaced Private Network Access with Local Network Access. A page Chromium counts as public
// (--ip-address-space-overrides) calls a server on 127.0.0.1 (loopback):
// - Chromium 156 sends no private network preflight (no Access-Control-Request-Private-Network, no
//   preflight for a simple GET) and reads no such line: with the permission granted, the same
//   answer with or without it gets the same verdict;
// - for the same request as an older Chromium captured it (its preflight asked for the private
//   network, and failed for want of Access-Control-Allow-Origin), the engine prints the line as
//   advice beside what Chromium 156 checks: the must lines alone let the request through in
//   Chromium 156, and with the line too;
// - without the permission no answer gets the request through: the server sees nothing.
// What this Chromium cannot show: that an older Chromium accepts the printed line (it no longer
// has the code that sends the preflight or reads the answer).

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMustSend, ServerShouldSend } from '../../src/cors/index.ts';
import { openPageSite, type PageSite, replay, type Replayed } from './browser.ts';
import { explainJson } from './engine.ts';

type Lines = [string, string][];

/** What the API answers at a path: its OPTIONS answer's and its response's CORS lines. */
interface Answer {
  preflight: Lines;
  response: Lines;
}

const answers = new Map<string, Answer>();
/** Every request the API saw: method, path and the header lines as sent. */
const seen: { method: string; path: string; headers: string[] }[] = [];

let api: Server;
let apiOrigin: string;
let site: PageSite;
beforeAll(async () => {
  api = createServer((request: IncomingMessage, response) => {
    request.resume();
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      seen.push({ method: request.method ?? '', path, headers: request.rawHeaders });
      const answer = answers.get(path) ?? { preflight: [], response: [] };
      if (request.method === 'OPTIONS') response.writeHead(204, answer.preflight.flat()).end();
      else response.writeHead(200, [...answer.response.flat(), 'Content-Type', 'text/plain']).end('ok');
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  site = await openPageSite({ addressSpace: 'public' });
});
afterAll(async () => {
  await site?.close();
  await new Promise((resolve) => api?.close(resolve));
});

const PUT = { method: 'PUT', headers: { 'X-Trace': '1' }, body: 'x' };
const ACAPN: [string, string] = ['Access-Control-Allow-Private-Network', 'true'];
const GRANTED = ['loopbackNetwork'];

/** The page's request to `path`, the server answering `answer`; what the server saw of it. */
async function run(path: string, answer: Answer, init: object, grant: readonly string[] = GRANTED): Promise<{ replayed: Replayed; sawMethods: string[]; sawHeaders: string[] }> {
  answers.set(path, answer);
  seen.length = 0;
  const replayed = await replay(site.browser, `${site.origin}/`, `${apiOrigin}${path}`, init, grant);
  const mine = seen.filter((s) => s.path === path);
  return { replayed, sawMethods: mine.map((s) => s.method), sawHeaders: mine.flatMap((s) => s.headers.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase())) };
}

describe('Chromium 156: no private network preflight, and the line changes nothing', () => {
  it('a simple GET from the public page to this machine: no preflight at all (an older Chromium sent one for the private network alone)', async () => {
    const { replayed, sawMethods } = await run('/pn/get', { preflight: [], response: [['Access-Control-Allow-Origin', site.origin]] }, {});
    expect(replayed.run).toMatchObject({ outcome: 'allowed', preflight: false });
    expect(sawMethods).toEqual(['GET']);
  });

  it.each([
    ['without the line', []],
    ['with the line', [ACAPN]],
  ] as const)('a PUT whose preflight answer lacks Allow-Origin, %s: the same refusal, and the preflight never asked for it', async (_about, line) => {
    const { replayed, sawMethods, sawHeaders } = await run(`/pn/put-${line.length}`, { preflight: [['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-trace'], ...line], response: [] }, PUT);
    expect(replayed.run).toMatchObject({ outcome: 'blocked', preflight: true, corsError: 'PreflightMissingAllowOriginHeader' });
    expect(sawMethods).toEqual(['OPTIONS']);
    expect(sawHeaders).toContain('access-control-request-method');
    expect(sawHeaders).not.toContain('access-control-request-private-network');
  });
});

describe("the fix printed for an older Chromium's capture of the same request, applied in Chromium 156", () => {
  it('the must lines alone let it through, and with the advised private-network line too', async () => {
    const broken = await run('/pn/fix', { preflight: [['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-trace']], response: [] }, PUT);
    expect(broken.replayed.run.corsError).toBe('PreflightMissingAllowOriginHeader');
    // The same capture as an older Chromium made it: its preflight asked for the private network.
    const har = structuredClone(broken.replayed.har);
    const preflight = har.log.entries.find((e) => e.request.method === 'OPTIONS');
    expect(preflight).toBeDefined();
    preflight!.request.headers.push({ name: 'Access-Control-Request-Private-Network', value: 'true' });
    const explained = explainJson(har).exchanges.find((e) => e.url === broken.replayed.url) as unknown as { corsError: string; serverMustSend: ServerMustSend[]; serverShouldSend: ServerShouldSend[] };
    expect(explained.corsError).toBe('PreflightMissingAllowOriginHeader');
    const advised = explained.serverShouldSend.find((s) => s.advice === 'private-network-access');
    expect(advised).toMatchObject({ on: 'preflight', header: 'Access-Control-Allow-Private-Network', value: 'true' });
    expect(explained.serverMustSend.map((m) => m.header)).not.toContain('Access-Control-Allow-Private-Network');

    const answerOf = (lines: readonly (ServerMustSend | ServerShouldSend)[]): Answer => ({
      preflight: lines.filter((l) => l.on === 'preflight' && !('kind' in l && l.kind === 'status')).map((l) => [l.header, l.value]),
      response: lines.filter((l) => l.on === 'response').map((l) => [l.header, l.value]),
    });
    const others = explained.serverShouldSend.filter((s) => s !== advised);
    const mustOnly = await run('/pn/fix', answerOf([...explained.serverMustSend, ...others]), PUT);
    expect(mustOnly.replayed.run).toMatchObject({ outcome: 'allowed', corsError: null });
    const withLine = await run('/pn/fix', answerOf([...explained.serverMustSend, ...explained.serverShouldSend]), PUT);
    expect(answers.get('/pn/fix')?.preflight).toContainEqual(ACAPN);
    expect(withLine.replayed.run).toMatchObject({ outcome: 'allowed', corsError: null });
  });
});

describe('Chromium 156 without the permission: no answer gets the request through', () => {
  it.each([
    ['a simple GET', {}],
    ['a PUT', PUT],
  ] as const)('%s, the server allowing everything and sending the line: refused before it is sent', async (_about, init) => {
    const allowAll: Answer = {
      preflight: [['Access-Control-Allow-Origin', site.origin], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-trace'], ACAPN],
      response: [['Access-Control-Allow-Origin', site.origin]],
    };
    const { replayed, sawMethods } = await run(`/pn/denied-${init === PUT ? 'put' : 'get'}`, allowAll, init, []);
    expect(replayed.run).toMatchObject({ outcome: 'blocked', corsError: 'LocalNetworkAccessPermissionDenied' });
    expect(sawMethods).toEqual([]);
  });
});
