// A page whose own origin is opaque (a sandboxed iframe, a data: or file: document) sends
// `Origin: null` (https://html.spec.whatwg.org/#concept-origin-opaque serializes as "null",
// https://fetch.spec.whatwg.org/#serializing-a-request-origin). Only `Access-Control-Allow-Origin: null`
// would let it through with credentials, and every other sandboxed iframe or file: page sends that
// same null: credentials from an opaque origin cannot be allowed safely. So the server is told to send
// nothing, the one fix is the page's (a real origin), and the explanation says why. Without
// credentials `*` passes (what any page may read anyway), and every fix writes it.

import { describe, expect, it } from 'vitest';
import type { CredentialsMode, HeaderList, ObservedExchange } from '../../exchange.ts';
import { explain } from '../explain.ts';
import { API, diagnosed, exchangeOf } from '../test-diagnosis.ts';
import { ALL_STACKS } from './index.ts';

function opaquePage(credentials: CredentialsMode, headers: HeaderList = []): ObservedExchange {
  return exchangeOf({ origin: 'null', credentialsMode: credentials, hops: [{ url: `${API}/items`, response: { status: 200, headers } }], errorText: 'net::ERR_FAILED' });
}

const PAGE_FIX = 'In the page: load it from its own origin';

describe('an opaque page with credentials', () => {
  it.each<[string, HeaderList, string]>([
    ['no Access-Control-Allow-Origin', [], 'MissingAllowOriginHeader'],
    ['null allowed, no Access-Control-Allow-Credentials', [['Access-Control-Allow-Origin', 'null']], 'InvalidAllowCredentials'],
  ])('%s: nothing for the server to send, the page must have a real origin', (_about, headers, error) => {
    const x = opaquePage('include', headers);
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.corsError).toBe(error);
    for (const fixes of ['all', 'first'] as const) {
      const explanation = explain(diagnosis, x, { stacks: ['express', 'nginx'], fixes });
      expect(explanation.serverMustSend).toEqual([]);
      expect(explanation.fixes.map((f) => f.title)).toEqual([PAGE_FIX]);
      expect(explanation.fixes[0]!.snippet).not.toMatch(/Allow-Origin: null|'null'/);
      expect(explanation.explanation).toContain('Credentials from an opaque origin cannot be allowed safely');
      expect(explanation.explanation).not.toMatch(/must send Access-Control-Allow-Origin: null/);
    }
  });
});

describe('an opaque page without credentials', () => {
  const x = opaquePage('same-origin');
  const { diagnosis } = diagnosed(x);
  const explanation = explain(diagnosis, x, { stacks: ALL_STACKS });

  it('the server must send *', () => {
    expect(explanation.serverMustSend.map((m) => `${m.header}: ${m.value}`)).toEqual(['Access-Control-Allow-Origin: *']);
  });

  const stackFixes = explanation.fixes.filter((f) => (ALL_STACKS as string[]).includes(f.target));
  it.each(stackFixes.map((f) => [f.title, f.snippet, f.trap ?? ''] as const))('%s allows any origin: no placeholder origin, never null', (_title, snippet, trap) => {
    expect(snippet).not.toMatch(/your-app\.example|NOTE:|['"]null['"]/);
    expect(snippet).toMatch(/\*|CORS_ALLOW_ALL_ORIGINS = True|\.AllowAnyOrigin\(\)/);
    expect(trap).toContain('Do not allow null as an origin');
  });
});
