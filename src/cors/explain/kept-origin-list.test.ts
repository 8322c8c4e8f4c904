// A server whose Access-Control-Allow-Origin is a list in one value (the "several origins" failure):
// the browser refuses every answer of it, but the list names the origins its owner meant to allow,
// and a fix that replaces it keeps each one that passes kept-origin.ts's rules, counting the rest.

import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnose.ts';
import type { HeaderList } from '../exchange.ts';
import { apacheFix } from './fixes/apache.ts';
import { addToNeed, emptyNeed, keptFromServerWords, mergedFix } from './fixes/merged.ts';
import { keptFromServer, ORIGIN_LIST_LIMIT, serverOriginsAt } from './kept-origin.ts';
import { neededPolicy } from './policy.ts';
import { API, diagnosed, exchangeOf, PAGE, simpleGet } from './test-diagnosis.ts';

const PROD = 'https://app.example.com';
const acao = (value: string): [string, string] => ['Access-Control-Allow-Origin', value];
const many = (n: number): string[] => Array.from({ length: n }, (_, i) => `https://s${i}.example.com`);

describe('a list in one Access-Control-Allow-Origin value: each serialized http(s) origin of it kept', () => {
  it.each([
    { case: 'the page\'s origin and another, comma-separated (the demo\'s origin-list): the other kept', value: `${PAGE}, ${PROD}`, out: [PROD], leftOut: 0 },
    { case: 'space-separated', value: `${PAGE} ${PROD}`, out: [PROD], leftOut: 0 },
    { case: 'the page\'s origin not in it: every listed origin kept, in its order', value: `${PROD}, https://b.example`, out: [PROD, 'https://b.example'], leftOut: 0 },
    { case: 'an item twice: kept once', value: `${PROD}, ${PROD},${PAGE}`, out: [PROD], leftOut: 0 },
    { case: 'quoted: not an origin a browser sends, counted', value: `${PAGE}, "${PROD}"`, out: [], leftOut: 1 },
    { case: 'a wildcard pattern: counted, never kept (a library reads * as every subdomain)', value: `${PROD}, https://*.example.com`, out: [PROD], leftOut: 1 },
    { case: '* and null: no origin to list', value: `${PROD}, *, null`, out: [PROD], leftOut: 2 },
    { case: 'a newline inside an item (a HAR can hold one): counted', value: `${PROD}, https://a.example\nhttps://evil.example`, out: [PROD], leftOut: 1 },
    { case: 'a path, a trailing slash, upper case: counted', value: `${PROD}, https://b.example/, https://c.example/app, https://D.example`, out: [PROD], leftOut: 3 },
    { case: 'not http(s)', value: `${PROD}, chrome-extension://abcdef`, out: [PROD], leftOut: 1 },
    { case: `a long list: its first ${ORIGIN_LIST_LIMIT} items read, the rest counted`, value: many(20).join(', '), out: many(ORIGIN_LIST_LIMIT), leftOut: 20 - ORIGIN_LIST_LIMIT },
    { case: 'the page\'s origin counts among them', value: [PAGE, ...many(20)].join(', '), out: many(ORIGIN_LIST_LIMIT - 1), leftOut: 20 - ORIGIN_LIST_LIMIT + 1 },
    { case: 'nothing but hostile items: no answer read', value: '"x", https://*.example.com, javascript:alert(1)', out: [], leftOut: null },
  ] satisfies { case: string; value: string; out: string[]; leftOut: number | null }[])('$case', ({ value, out, leftOut }) => {
    const kept = keptFromServer(serverOriginsAt(simpleGet([acao(value)]), 0), [PAGE], false);
    expect(kept.origins).toEqual(out);
    // null: a list of no origin at all is no answer to keep, and nothing is said of it.
    expect(kept.list).toEqual(leftOut === null ? undefined : { leftOut });
  });

  it('with credentials an http: item is left out and counted; https kept', () => {
    const kept = keptFromServer(serverOriginsAt(simpleGet([acao(`${PAGE}, http://b.example, ${PROD}`)]), 0), [PAGE], true);
    expect(kept).toEqual({ origins: [PROD], list: { leftOut: 1 } });
  });

  it('two lines are two layers, not a list: nothing kept (the words say to keep one)', () => {
    expect(keptFromServer(serverOriginsAt(simpleGet([acao(PAGE), acao(PROD)]), 0), [PAGE], false)).toEqual({ origins: [] });
  });

  it('from a cache, or beside an answer of the page\'s Origin alone: nothing kept', () => {
    expect(keptFromServer(serverOriginsAt(simpleGet([acao(`${PAGE}, ${PROD}`), ['Age', '30']]), 0), [PAGE], false)).toEqual({ origins: [] });
    const twoHops = exchangeOf({
      hops: [
        { url: `${API}/a`, response: { status: 302, headers: [acao(PAGE), ['Location', `${API}/b`]] } },
        { url: `${API}/b`, response: { status: 200, headers: [acao(`${PAGE}, ${PROD}`)] } },
      ],
    });
    expect(keptFromServer(serverOriginsAt(twoHops, 1), [PAGE], false)).toEqual({ origins: [] });
  });
});

describe('the fix answers each listed origin with itself, and says where the list came from', () => {
  const { diagnosis, exchange } = diagnosed(simpleGet([acao(`${PAGE}, ${PROD}`)]));
  const policy = neededPolicy(diagnosis, exchange);
  it('the policy lists both: the page\'s origin first', () => {
    expect(diagnosis.corsError).toBe('MultipleAllowOriginValues');
    expect(policy).toMatchObject({ origin: PAGE, origins: [PAGE, PROD], keptOrigins: [PROD], keptOriginsList: { leftOut: 0 } });
  });
  it('Apache answers each from SetEnvIf (never the list, never a fixed page origin), with the note', () => {
    const fix = apacheFix({ policy, error: diagnosis.corsError, mustSend: [], errorStatus: null });
    expect(fix.snippet).toContain(`SetEnvIf Origin "^https://app\\.example\\.com$" CORS_ALLOW_ORIGIN=$0`);
    expect(fix.snippet).not.toContain(`Header always set Access-Control-Allow-Origin "${PAGE}"`);
    expect(fix.snippet).toContain(`# NOTE: ${PROD} is kept from the server's own answer (the list it sent as Access-Control-Allow-Origin, which the browser refuses: here each request gets back only its own Origin, when listed), as this replaces its CORS settings: remove it if that origin is not yours.`);
  });
  it('items left out are counted in the note', () => {
    const d = diagnosed(simpleGet([acao(`${PAGE}, ${PROD}, https://*.example.com`)]));
    const fix = apacheFix({ policy: neededPolicy(d.diagnosis, d.exchange), error: d.diagnosis.corsError, mustSend: [], errorStatus: null });
    expect(fix.snippet).toContain('; 1 other value in the server\'s Access-Control-Allow-Origin list was left out (kept are only http(s) origins written as a browser sends them, no *, null, pattern, path or quote; at most 8; no http: origin where credentials are allowed): add by hand any that is yours.');
  });
});

describe('a merged configuration keeps the list the same way', () => {
  it('requests from two page origins, each answered the same list: the third origin kept once, named in the words', () => {
    const OTHER = 'https://b.example';
    const list = acao(`${PAGE}, ${OTHER}, ${PROD}`);
    const fromOther = exchangeOf({ origin: OTHER, hops: [{ url: `${API}/items`, response: { status: 200, headers: [list] } }] });
    const need = emptyNeed();
    for (const x of [simpleGet([list]), fromOther]) addToNeed(need, diagnose(x), x);
    expect(mergedFix('express', need, API).snippet).toContain(`origin: ['${PAGE}', '${OTHER}', '${PROD}'],`);
    expect(keptFromServerWords(need, 'express')).toBe(`origin ${PROD} (from the list it answered as Access-Control-Allow-Origin, which the browser refuses: the snippet answers each request its own Origin when listed; remove any origin that is not yours)`);
  });
});
