// Session 38: a method shaped like a credential (a reviewer's repros: `ghp_…` as the request's method,
// so in Access-Control-Request-Method; `ghp_…` and a JWT listed in Access-Control-Allow-Methods).

import { describe, expect, it } from 'vitest';
import { diagnose, type ObservedExchange } from '../cors/index.ts';
import { importBundle } from './bundle-import.ts';
import { createBundle, serializeBundle } from './bundle.ts';
import { curlScriptFor } from './curl-export.ts';
import { markdownReport } from './markdown-report.ts';
import { redactExchange } from './redact-exchange.ts';
import type { Redaction } from './redaction.ts';
import { redactMethod } from './secret-methods.ts';
import { SecretNameNumbers } from './secret-name-numbers.ts';

const GITHUB = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

/** A request sent with `method`, without credentials, whose preflight was allowed `allowMethods` (and that failed, or got `sent`). */
function preflighted(method: string, allowMethods: string, sent = false): ObservedExchange {
  const url = 'https://api.example.com/items/0';
  return {
    request: { method, headers: [['Origin', 'https://app.example.com']], initiatorOrigin: 'https://app.example.com', credentialsMode: 'same-origin', mode: 'cors' },
    hops: [
      {
        url,
        preflight: {
          url,
          requestHeaders: [['Origin', 'https://app.example.com'], ['Access-Control-Request-Method', method]],
          response: { status: 204, headers: [['Access-Control-Allow-Origin', 'https://app.example.com'], ['Access-Control-Allow-Methods', allowMethods]] },
        },
        response: sent ? { status: 200, headers: [['Access-Control-Allow-Origin', 'https://app.example.com']] } : null,
      },
    ],
    ...(sent ? {} : { errorText: 'net::ERR_FAILED' }),
  };
}

const shared = (exchange: ObservedExchange) => serializeBundle(createBundle({ exchanges: [{ exchange }], engineVersion: '0' }));

describe('a method shaped like a credential', () => {
  it('is one numbered placeholder on the request, its preflight and the server list, and the export lists where it was taken', () => {
    const captured = preflighted(GITHUB, `GET, ${GITHUB}, ${JWT}`);
    const found: Redaction[] = [];
    const redacted = redactExchange(captured, found);
    expect(redacted.request.method).toBe('REDACTED-TOKEN-1');
    expect(redacted.hops[0]!.preflight!.requestHeaders[1]).toEqual(['Access-Control-Request-Method', 'REDACTED-TOKEN-1']);
    expect(redacted.hops[0]!.preflight!.response!.headers[1]).toEqual(['Access-Control-Allow-Methods', 'GET, REDACTED-TOKEN-1, REDACTED-JWT-2']);
    expect(found).toEqual(expect.arrayContaining([{ kind: 'token', where: 'method' }, { kind: 'token', where: 'access-control-request-method' }, { kind: 'jwt', where: 'access-control-allow-methods' }]));
    expect(diagnose(redacted).verdict).toBe(diagnose(captured).verdict);
  });

  it('leaks in no export, and the shared bundle is judged as the capture (refused, and allowed)', () => {
    for (const [allowMethods, corsError] of [['GET', 'MethodDisallowedByPreflightResponse'], [`GET, ${GITHUB}`, null]] as const) {
      const captured = preflighted(GITHUB, allowMethods, corsError === null);
      expect(diagnose(captured).corsError).toBe(corsError);
      const text = shared(captured);
      const imported = importBundle(text, { engineVersion: '0' });
      if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
      expect(imported.exchanges[0]!.verdictChange).toBeNull();
      expect(imported.exchanges[0]!.now?.corsError ?? null).toBe(corsError);
      for (const written of [text, markdownReport([{ exchange: captured }]), curlScriptFor(captured, 'bash')]) expect(written).not.toContain('16C7e42F');
    }
    expect(shared(preflighted(GITHUB, 'GET'))).toContain('"failedParameter": "REDACTED-TOKEN-1"');
  });

  it('keeps its case apart: the method lower-cased is another method, and another placeholder', () => {
    const captured = preflighted(GITHUB, `GET, ${GITHUB.toLowerCase()}`);
    const redacted = redactExchange(captured);
    expect(redacted.hops[0]!.preflight!.response!.headers[1]![1]).toBe('GET, REDACTED-TOKEN-2');
    expect(diagnose(redacted).corsError).toBe('MethodDisallowedByPreflightResponse');
  });

  it('stays no token when it was none (its list stays invalid), and a token stays one', () => {
    const numbers = new SecretNameNumbers([]);
    // `whsec_` keys hold `/` and `=`: the secret took the only bytes that made the item no token.
    const odd = `whsec_${'a/'.repeat(14)}`;
    expect(redactMethod(odd, [], 'method', numbers)).toMatch(/^REDACTED-SECRET-1 /);
    const captured = preflighted('PATCH', `GET, ${odd}`);
    expect(diagnose(redactExchange(captured)).corsError).toBe('InvalidAllowMethodsPreflightResponse');
    expect(diagnose(captured).corsError).toBe('InvalidAllowMethodsPreflightResponse');
    expect(redactMethod('PATCH', [], 'method', numbers)).toBe('PATCH');
  });

  it('is kept as captured with --include-secrets', () => {
    const text = serializeBundle(createBundle({ exchanges: [{ exchange: preflighted(GITHUB, 'GET') }], engineVersion: '0', includeSecrets: true }));
    expect(text).toContain(GITHUB);
  });
});
