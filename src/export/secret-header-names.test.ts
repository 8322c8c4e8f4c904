// Session 36: two header names shaped like credentials (`ghp_…`, `sk_live_…`, `AKIA…` used as a
// name) in one exchange were both written as `REDACTED-TOKEN`: the preflight asked for two names and
// was allowed one, yet redacted it asked for one name twice and was allowed it, so the bundle and
// the sanitized HAR, judged again, read another verdict than the capture (a reviewer's repro:
// HeaderDisallowedByPreflightResponse became allowed). Each such name now gets its own numbered
// placeholder, the same wherever the export writes that name.

import { describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../capture/index.ts';
import { diagnose, type ObservedExchange } from '../cors/index.ts';
import { importBundle } from './bundle-import.ts';
import { createBundle, serializeBundle } from './bundle.ts';
import { curlScriptFor } from './curl-export.ts';
import { harFromExchanges, serializeHar } from './har-export.ts';
import { markdownReport } from './markdown-report.ts';
import { redactExchange } from './redact-exchange.ts';
import { SecretNameNumbers } from './secret-name-numbers.ts';

const GITHUB_A = `ghp_${'a'.repeat(36)}`;
const GITHUB_B = `ghp_${'b'.repeat(36)}`;
const AWS = 'AKIAIOSFODNN7EXAMPLE';

/** A GET whose preflight asks for `asked` (as browsers write it: lower-cased) and is allowed `allowed`. */
function preflighted(names: readonly string[], allowed: string): ObservedExchange {
  const url = 'https://api.example/data';
  return {
    request: {
      method: 'GET',
      headers: [['Origin', 'https://app.example'], ...names.map((name): [string, string] => [name, '1'])],
      initiatorOrigin: 'https://app.example',
      mode: 'cors',
    },
    hops: [
      {
        url,
        preflight: {
          url,
          requestHeaders: [
            ['Access-Control-Request-Method', 'GET'],
            ['Access-Control-Request-Headers', names.map((name) => name.toLowerCase()).join(',')],
            ['Origin', 'https://app.example'],
          ],
          response: { status: 204, headers: [['Access-Control-Allow-Origin', 'https://app.example'], ['Access-Control-Allow-Headers', allowed]] },
        },
        response: null,
      },
    ],
    errorText: 'net::ERR_FAILED',
  };
}

const judged = (exchange: ObservedExchange) => {
  const { verdict, corsError, failedParameter } = diagnose(exchange);
  return { verdict, corsError, failedParameter };
};

describe('two token-shaped header names in one exchange', () => {
  const captured = preflighted([GITHUB_A, GITHUB_B], GITHUB_A.toLowerCase());

  it('is refused for the header the preflight did not allow, as captured', () => {
    expect(judged(captured)).toEqual({ verdict: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: GITHUB_B.toLowerCase() });
  });

  it('keeps its verdict in the shared bundle, judged again on import', () => {
    const text = serializeBundle(createBundle({ exchanges: [{ exchange: captured }], engineVersion: '0.0.0' }));
    const imported = importBundle(text, { engineVersion: '0.0.0' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    const [exchange] = imported.exchanges;
    expect(exchange!.verdictChange).toBeNull();
    expect(exchange!.now?.corsError).toBe('HeaderDisallowedByPreflightResponse');
    expect(text).not.toContain('bbbbbbbbbbbbbbbb');
  });

  it('keeps its verdict in the sanitized HAR, read back', () => {
    const [back] = exchangesFromHar(JSON.parse(serializeHar(harFromExchanges([captured]))));
    expect(judged(back!).verdict).toBe('blocked');
    expect(judged(back!).corsError).toBe('HeaderDisallowedByPreflightResponse');
  });

  it('gives each name its own placeholder, the same on every line and list item that names it', () => {
    const redacted = redactExchange(captured);
    const names = redacted.request.headers.slice(1).map(([name]) => name);
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(2);
    for (const name of names) expect(name).toMatch(/^REDACTED-TOKEN-\d+$/);
    const preflight = redacted.hops[0]!.preflight!;
    expect(preflight.requestHeaders[1]![1].toLowerCase()).toBe(names.map((name) => name.toLowerCase()).join(','));
    expect(preflight.response!.headers[1]![1].toLowerCase()).toBe(names[0]!.toLowerCase());
    // The failing name, as the engine words it on the redacted exchange, is the second's placeholder.
    expect(diagnose(redacted).failedParameter).toBe(names[1]!.toLowerCase());
  });

  it('is reported under the cause the capture has, the curl lines naming both placeholders', () => {
    const report = markdownReport([{ exchange: captured }]);
    expect(report).toContain('HeaderDisallowedByPreflightResponse');
    const curl = curlScriptFor(captured, 'bash');
    expect(curl).toContain('HeaderDisallowedByPreflightResponse');
    expect(curl).toContain("-H 'REDACTED-TOKEN-1: ");
    expect(curl).toContain("-H 'REDACTED-TOKEN-2: ");
  });

  it('numbers names by the export: the same name is the same placeholder in every exchange of a bundle', () => {
    const other = preflighted([AWS, GITHUB_B], AWS.toLowerCase());
    const bundle = createBundle({ exchanges: [{ exchange: captured }, { exchange: other }], engineVersion: '0.0.0' });
    const second = (i: number) => bundle.exchanges[i]!.exchange.request.headers.slice(1).map(([name]) => name);
    expect(second(0)).toEqual(['REDACTED-TOKEN-1', 'REDACTED-TOKEN-2']);
    expect(second(1)).toEqual(['REDACTED-API-KEY-3', 'REDACTED-TOKEN-2']);
  });
});

// A reviewer's repro (session 36, /tmp/s36/M/h/a2.har): the capture holds a literal name already
// shaped like a numbered placeholder, `REDACTED-TOKEN-1`, beside a fresh `ghp_…` name, and the
// preflight allows only the literal one. Numbering from 1 blindly wrote the `ghp_…` name as
// `REDACTED-TOKEN-1` too: two names became one, allowed, and the bundle read another verdict.
describe('a token-shaped name beside a literal name shaped like its placeholder', () => {
  const captured = preflighted(['REDACTED-TOKEN-1', GITHUB_A], 'redacted-token-1');

  it('is refused for the token-shaped name, as captured', () => {
    expect(judged(captured)).toEqual({ verdict: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: GITHUB_A.toLowerCase() });
  });

  it('keeps its verdict in the shared bundle and in the sanitized HAR', () => {
    const imported = importBundle(serializeBundle(createBundle({ exchanges: [{ exchange: captured }], engineVersion: '0.0.0' })), { engineVersion: '0.0.0' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    expect(imported.exchanges[0]!.verdictChange).toBeNull();
    expect(imported.exchanges[0]!.now?.corsError).toBe('HeaderDisallowedByPreflightResponse');
    const [back] = exchangesFromHar(JSON.parse(serializeHar(harFromExchanges([captured]))));
    expect(judged(back!).corsError).toBe('HeaderDisallowedByPreflightResponse');
  });

  it('numbers the token-shaped name past the literal one, and redacting again changes nothing', () => {
    const redacted = redactExchange(captured);
    expect(redacted.request.headers.slice(1).map(([name]) => name)).toEqual(['REDACTED-TOKEN-1', 'REDACTED-TOKEN-2']);
    expect(diagnose(redacted).failedParameter).toBe('redacted-token-2');
    expect(redactExchange(redacted)).toEqual(redacted);
  });

  it('skips a number any exchange of the export holds, in any case and in a list of names only', () => {
    // The literal name is only listed, lower-cased, in the second exchange's preflight answer.
    const listed = preflighted([AWS], `${AWS.toLowerCase()}, x-redacted-token-1, redacted-api-key-2`);
    const bundle = createBundle({ exchanges: [{ exchange: preflighted([GITHUB_A], GITHUB_A) }, { exchange: listed }], engineVersion: '0.0.0' });
    expect(bundle.exchanges[0]!.exchange.request.headers[1]![0]).toBe('REDACTED-TOKEN-3');
    expect(bundle.exchanges[1]!.exchange.request.headers[1]![0]).toBe('REDACTED-API-KEY-4');
  });
});

// The numbers a capture already holds are read from every header value: a hostile one must not make
// that read quadratic (a first pattern backtracked from every `redacted-` of a 2 MB run).
describe('reading the numbers taken, on a hostile value', () => {
  it('is linear in the text: 2 MB of `redacted-` and of `x-redacted-token-1`', { timeout: 20_000 }, () => {
    for (const value of ['redacted-'.repeat(250_000), 'x-redacted-token-1'.repeat(120_000), 'REDACTED-'.repeat(250_000) + 'token-7']) {
      const numbers = new SecretNameNumbers([value]);
      expect(numbers.numbered('ghp_abc', 'REDACTED-TOKEN')).toMatch(/^REDACTED-TOKEN-\d+$/);
    }
    const numbers = new SecretNameNumbers(['redacted-token-1, REDACTED-JWT-2']);
    expect(numbers.numbered('ghp_abc', 'REDACTED-TOKEN')).toBe('REDACTED-TOKEN-3');
  });
});
