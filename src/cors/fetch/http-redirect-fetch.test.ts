// HTTP-redirect fetch on its own: what it does to the request it follows with, and the browser rules
// it takes its Chromium-specific choices from.

import { describe, expect, it } from 'vitest';
import { type BrowserRules, CHROMIUM_RULES } from '../browser-rules.ts';
import type { Check } from '../diagnosis.ts';
import type { HeaderList, ObservedExchange, ObservedHop, ObservedRequest } from '../exchange.ts';
import { type FetchContext, fetchContext, newFetchDetails, readHopHeaders } from './fetch-context.ts';
import { replayFetch } from './main-fetch.ts';

const PAGE = 'http://127.0.0.1:1111';
const API = 'http://127.0.0.1:2222';
const OTHER = 'http://localhost:3333';

function context(hops: ObservedHop[], request: Partial<ObservedRequest> = {}, errorText?: string, rules: BrowserRules = CHROMIUM_RULES): FetchContext {
  const exchange: ObservedExchange = { request: { method: 'GET', headers: [], initiatorOrigin: PAGE, mode: 'cors', credentialsMode: 'omit', ...request }, hops };
  if (errorText !== undefined) exchange.errorText = errorText;
  const input = { exchange, hopHeaders: readHopHeaders(exchange), initiator: PAGE, mode: exchange.request.mode!, rules, firstHopUnsafeNames: null, observed: exchange };
  return fetchContext(input, 'omit', [], newFetchDetails());
}

const redirect = (status: number, location: string, extra: HeaderList = [['Access-Control-Allow-Origin', '*']]) => ({ status, headers: [...extra, ['Location', location]] as HeaderList });
const ok: HeaderList = [['Access-Control-Allow-Origin', '*']];

describe('the request it follows with', () => {
  it('a 303 turns POST into GET and drops the body headers; a cross-origin hop drops Authorization and taints the origin', () => {
    const ctx = context(
      [
        { url: API + '/0', response: redirect(303, OTHER + '/1') },
        { url: OTHER + '/1', response: { status: 200, headers: ok } },
      ],
      { method: 'POST', headers: [['Content-Type', 'text/plain'], ['Authorization', 'Bearer x'], ['X-Trace', '1']] },
    );
    expect(replayFetch(ctx)).toEqual({ kind: 'allowed', hop: 1 });
    expect(ctx.request.method).toBe('GET');
    expect(ctx.request.headerList).toEqual([['X-Trace', '1']]);
    expect(ctx.request.taintedOrigin).toBe(true);
    expect(ctx.details!.requestOrigins).toEqual([PAGE, 'null']);
  });

  it('a 307 keeps the method and the headers, and a same-origin hop keeps Authorization', () => {
    const headers: HeaderList = [['Content-Type', 'text/plain'], ['Authorization', 'Bearer x']];
    const ctx = context([{ url: API + '/0', response: redirect(307, API + '/1') }, { url: API + '/1', response: { status: 200, headers: ok } }], { method: 'POST', headers });
    replayFetch(ctx);
    expect(ctx.request.method).toBe('POST');
    expect(ctx.request.headerList).toBe(headers);
    expect(ctx.request.taintedOrigin).toBe(false);
  });
});

describe('browser rules', () => {
  const chain = (length: number): ObservedHop[] =>
    Array.from({ length }, (_, i) => ({ url: `${API}/${i}`, response: i === length - 1 ? { status: 200, headers: ok } : redirect(302, `${API}/${i + 1}`) }));

  it('maxRedirects: the redirect past the limit is a network error with the rules\' text', () => {
    expect(replayFetch(context(chain(4)))).toEqual({ kind: 'allowed', hop: 3 });
    const rules: BrowserRules = { ...CHROMIUM_RULES, maxRedirects: 2, tooManyRedirectsErrorText: 'too many' };
    expect(replayFetch(context(chain(4), {}, undefined, rules))).toEqual({
      kind: 'network-error',
      failure: { errorText: 'too many', kind: 'other', phase: 'request', hop: 2 },
    });
  });

  describe('redirect mode "error" and a Location with credentials', () => {
    const hops = (): ObservedHop[] => [{ url: API + '/0', response: redirect(302, 'http://u:p@localhost:3333/1') }];

    it('Chromium: the network service\'s Location check comes first (RedirectContainsCredentials)', () => {
      const ctx = context(hops(), { redirectMode: 'error' }, 'net::ERR_FAILED');
      expect(replayFetch(ctx)).toMatchObject({ kind: 'blocked', corsError: 'RedirectContainsCredentials', hop: 0, phase: 'redirect' });
    });

    it('redirect mode applied first, as the standard orders it: a network error before the Location is read', () => {
      const ctx = context(hops(), { redirectMode: 'error' }, 'net::ERR_FAILED', { ...CHROMIUM_RULES, redirectModeErrorAfterLocationChecks: false });
      expect(replayFetch(ctx)).toEqual({ kind: 'network-error', failure: { errorText: 'net::ERR_FAILED', kind: 'other', phase: 'request', hop: 0 } });
      expect(ctx.log!.map((c: Check) => `${c.name}:${c.outcome}`).slice(-1)).toEqual(['redirect-mode:failed']);
    });
  });

  describe('a no-cors redirect to a URL with credentials', () => {
    const hops = (): ObservedHop[] => [
      { url: API + '/0', response: redirect(302, 'http://u:p@localhost:3333/1', []) },
      { url: 'http://u:p@localhost:3333/1', response: { status: 200, headers: [] } },
    ];

    it('Chromium (Blink) refuses it: a network error', () => {
      expect(replayFetch(context(hops(), { mode: 'no-cors' }, ''))).toMatchObject({ kind: 'network-error', failure: { hop: 0 } });
    });

    it('without that refusal the standard follows it: an opaque no-cors response', () => {
      const rules: BrowserRules = { ...CHROMIUM_RULES, noCorsRedirectRefusesCredentials: false };
      expect(replayFetch(context(hops(), { mode: 'no-cors' }, undefined, rules))).toEqual({ kind: 'not-cors', why: 'no-cors' });
    });
  });
});
