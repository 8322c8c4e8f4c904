import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBundle, serializeBundle } from './bundle.ts';
import { importBundle } from './bundle-import.ts';
import { FIREFOX_RULES, type ObservedExchange } from '../cors/index.ts';
import { ACAO, fromPage } from '../cors/testing-redirect-from-page.ts';
import { canaryExchange, hostileExchange } from './testing-exchanges.ts';

function bundleText(): string {
  return serializeBundle(createBundle({ exchanges: [{ exchange: canaryExchange() }, { exchange: hostileExchange() }], engineVersion: '0.1.0' }));
}

describe('importBundle', () => {
  it('flags an exchange on which this engine reaches another verdict, with both engine versions', () => {
    const bundle = JSON.parse(bundleText());
    // As if an older engine had let the request through.
    bundle.exchanges[0].diagnosis = { verdict: 'allowed', corsError: null, failedParameter: null, failedAt: null };
    bundle.engine.version = '0.0.1';
    const result = importBundle(JSON.stringify(bundle), { engineVersion: '0.2.0' });
    if (!result.ok) throw new Error(result.errors[0]!.message);
    expect(result.verdictChanges).toBe(1);
    expect(result.exchanges[0]!.verdictChange).toMatchObject({
      exported: { verdict: 'allowed', corsError: null },
      now: { verdict: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse' },
      engineVersions: { exported: '0.0.1', now: '0.2.0' },
    });
    expect(result.exchanges[1]!.verdictChange).toBeNull();
  });

  // Session 33: a hand-edited bundle showed one host while the request it describes went to another.
  it('reads each hop and preflight URL as the browser sent it (serialized), as a HAR\'s', () => {
    const bundle = JSON.parse(bundleText());
    const hop = bundle.exchanges[0].exchange.hops[0];
    hop.url = 'https://evil.example\\@api.example/x';
    if (hop.preflight) hop.preflight.url = 'HTTPS://\u0430pi.example:443/./y';
    const result = importBundle(JSON.stringify(bundle), { engineVersion: '0.1.0' });
    if (!result.ok) throw new Error(result.errors[0]!.message);
    const read = result.exchanges[0]!.exchange.hops[0]!;
    expect(read.url).toBe('https://evil.example/@api.example/x');
    if (hop.preflight) expect(read.preflight!.url).toBe('https://xn--pi-6kc.example/y');
  });

  it("judges a Firefox bundle (`browser: \"firefox\"`) again by Firefox's rules; one without `browser` by Chromium's", () => {
    // Allowed in Chromium (no preflight after the 303), uncertain in Firefox.
    const redirected = fromPage('POST', 303, [['Content-Type', 'application/json']], { response: { status: 200, headers: ACAO } });
    const firefox = serializeBundle(createBundle({ exchanges: [{ exchange: redirected }], engineVersion: '0.1.0', rules: FIREFOX_RULES }));
    const read = importBundle(firefox, { engineVersion: '0.1.0' });
    if (!read.ok) throw new Error(read.errors[0]!.message);
    expect(read.bundle.browser).toBe('firefox');
    expect(read.verdictChanges).toBe(0);
    expect(read.exchanges[0]!.now).toMatchObject({ verdict: 'uncertain', headline: 'Preflight after the redirect not in the capture' });
    // The same bundle without the field is read as Chromium's, as every older bundle is.
    const old = JSON.parse(firefox);
    delete old.browser;
    const asChromium = importBundle(JSON.stringify(old), { engineVersion: '0.1.0' });
    expect(asChromium.ok && asChromium.exchanges[0]!.now?.verdict).toBe('allowed');
  });

  it("reads a Chromium capture's net::ERR_FAILED in a Firefox bundle as Firefox's sign of a failure, as the writer did", () => {
    // `*` allowed, credentials mode not captured: only credentials "include" explains the failure.
    const wildcard: ObservedExchange = { request: { method: 'GET', headers: [['Origin', 'https://app.example']], initiatorOrigin: 'https://app.example' }, hops: [{ url: 'https://api.example/x', response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } }], errorText: 'net::ERR_FAILED' };
    const read = importBundle(serializeBundle(createBundle({ exchanges: [{ exchange: wildcard }], engineVersion: '0.1.0', rules: FIREFOX_RULES })), { engineVersion: '0.1.0' });
    if (!read.ok) throw new Error(read.errors[0]!.message);
    expect(read.exchanges[0]!.exported.verdict).toBe('blocked');
    expect(read.verdictChanges).toBe(0);
  });

  it('flags a different failedParameter with the same verdict', () => {
    const bundle = JSON.parse(bundleText());
    bundle.exchanges[0].diagnosis.failedParameter = 'something-else';
    const result = importBundle(JSON.stringify(bundle), { engineVersion: '0.1.0' });
    expect(result.ok && result.exchanges[0]!.verdictChange?.now.failedParameter).not.toBe('something-else');
    expect(result.ok && result.verdictChanges).toBe(1);
  });

  it('returns the validation errors of a broken bundle instead of importing it', () => {
    const bundle = JSON.parse(bundleText());
    bundle.exchanges[1].exchange.hops = 'none';
    const result = importBundle(JSON.stringify(bundle), { engineVersion: '0.1.0' });
    expect(result).toEqual({ ok: false, errors: [{ code: 'invalid', path: 'exchanges[1].exchange.hops', message: 'expected an array, found a string' }] });
  });

  it('never throws, whatever replaces any part of a valid bundle (property)', () => {
    const valid = JSON.parse(bundleText());
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]): void => {
      paths.push(path);
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
      else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    };
    walk(valid, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((path) => path.length > 0)), fc.jsonValue(), (path, replacement) => {
        const copy = JSON.parse(JSON.stringify(valid));
        let at = copy;
        for (const key of path.slice(0, -1)) at = at[key];
        at[path[path.length - 1]!] = replacement;
        const result = importBundle(JSON.stringify(copy), { engineVersion: '0.1.0' });
        if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
        else for (const entry of result.exchanges) expect(entry.now !== null || entry.engineError !== undefined).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
