// The fixes that sit in front of a backend (Caddy, a Cloudflare Worker) or before the app's routes
// (Next.js middleware) and answer each page origin with itself: the backend's own
// Access-Control-Allow-Origin and -Credentials must go, or a backend that echoes any Origin with
// credentials still answers every other site; and Origin joins the backend's Vary instead of
// replacing it. Caddy's lines are proven on real Caddy in test/fix-proof/origin-list.test.ts; the
// Worker's printed code runs here, against a backend that echoes any Origin.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerStack } from '../explanation.ts';
import { API, PAGE } from '../test-diagnosis.ts';
import { cloudflareFix } from './cloudflare.ts';
import { caddyFix } from './caddy.ts';
import { emptyNeed, mergedFix, type MergedNeed } from './merged.ts';
import { nextjsFix } from './nextjs.ts';
import { contextFor } from './test-context.ts';

const A = 'https://a.example';
const B = 'https://b.example';
const need = (over: Partial<MergedNeed>): MergedNeed => ({ ...emptyNeed(), ...over });
const two = need({ origins: [A, B], credentials: true, originCredentials: true, methods: ['PUT'] });
// The page's origin with credentials and Origin: null (Caddy's nullOriginAny).
const both = need({ origins: [PAGE], credentials: true, originCredentials: true, originTainted: true, taintedPlain: true });
const snippetOf = (stack: ServerStack, n: MergedNeed): string => mergedFix(stack, n, API).snippet;

describe("the backend's own CORS lines", () => {
  it.each<[string, () => string, string[], string[]]>([
    ['caddy, two page origins', () => snippetOf('caddy', two), ['header {\n\t-Access-Control-Allow-Origin\n\t-Access-Control-Allow-Credentials\n\t+Vary Origin\n\tdefer'], ['\tVary Origin']],
    ['caddy, the page and Origin: null', () => snippetOf('caddy', both), ['header {\n\t-Access-Control-Allow-Origin\n\t-Access-Control-Allow-Credentials\n\t+Vary Origin\n\tdefer', 'header @cors_null {\n\tAccess-Control-Allow-Origin *\n\tdefer\n}'], ['\tVary Origin']],
    ['caddy, one page origin without credentials', () => caddyFix(contextFor()).snippet, ['header {\n\tAccess-Control-Allow-Origin `http://127.0.0.1:5173`\n\t-Access-Control-Allow-Credentials\n\t+Vary Origin'], ['\tVary Origin', '-Access-Control-Allow-Origin']],
    ['caddy, one page origin with credentials', () => caddyFix(contextFor({ credentials: true })).snippet, ['\tAccess-Control-Allow-Credentials true\n\t+Vary Origin'], ['-Access-Control-Allow-Credentials']],
    [
      'cloudflare, two page origins',
      () => snippetOf('cloudflare', two),
      ["    response.headers.delete('Access-Control-Allow-Origin');\n    response.headers.delete('Access-Control-Allow-Credentials');\n    for (const [name, value] of Object.entries(CORS)) {", 'response.headers.append(name, value);'],
      ['for (const [name, value] of Object.entries(CORS)) response.headers.set(name, value);'],
    ],
    ['cloudflare, one page origin', () => cloudflareFix(contextFor({ credentials: true })).snippet, ["response.headers.delete('Access-Control-Allow-Origin');"], []],
  ])('%s', (_name, snippet, contains, lacks) => {
    const s = snippet();
    for (const l of contains) expect(s).toContain(l);
    for (const l of lacks) expect(s).not.toContain(l);
  });

  it("Next.js's middleware never sees the route's response: the trap says to remove them there", () => {
    for (const trap of [nextjsFix(contextFor()).trap, mergedFix('nextjs', two, API).trap]) expect(trap).toContain('remove them there: the middleware never sees the route');
  });
});

describe('the printed Cloudflare Worker, run against a backend that echoes any Origin with credentials', () => {
  const dir = mkdtempSync(join(tmpdir(), 'worker-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The Worker's answer to a GET from `origin`, its fetch() answered by the echoing backend with `vary`. */
  async function workerAnswer(snippet: string, origin: string, vary: string): Promise<Headers> {
    const file = join(dir, `w${Math.random().toString(36).slice(2)}.mjs`);
    writeFileSync(file, snippet);
    const worker = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default: { fetch: (r: Request, env: unknown, ctx: unknown) => Promise<Response> } };
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input) => {
      const o = (input as Request).headers.get('Origin') ?? '*';
      return new Response('{}', { headers: { 'Access-Control-Allow-Origin': o, 'Access-Control-Allow-Credentials': 'true', Vary: vary } });
    };
    try {
      return (await worker.default.fetch(new Request(`${API}/x`, { headers: { Origin: origin } }), {}, {})).headers;
    } finally {
      globalThis.fetch = realFetch;
    }
  }

  it.each<[string, string, string | null, string | null, string]>([
    // [page origin, backend's Vary, Access-Control-Allow-Origin, -Credentials, Vary]
    [A, 'Accept-Encoding', A, 'true', 'Accept-Encoding, Origin'],
    [B, 'Origin', B, 'true', 'Origin'],
    ['https://evil.example', 'Accept-Encoding', null, null, 'Accept-Encoding, Origin'],
    ['https://evil.example', '*', null, null, '*'],
  ])('from %s, the backend sending Vary: %s', async (origin, vary, allowOrigin, credentials, outVary) => {
    const h = await workerAnswer(snippetOf('cloudflare', two), origin, vary);
    expect([h.get('access-control-allow-origin'), h.get('access-control-allow-credentials'), h.get('vary')]).toEqual([allowOrigin, credentials, outVary]);
  });

  it('one page origin without credentials: the backend\'s credentials line goes', async () => {
    const h = await workerAnswer(cloudflareFix(contextFor()).snippet, 'https://evil.example', 'Accept-Encoding');
    expect([h.get('access-control-allow-origin'), h.get('access-control-allow-credentials'), h.get('vary')]).toEqual([PAGE, null, 'Accept-Encoding, Origin']);
  });
});
