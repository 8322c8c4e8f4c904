// Session 36: one to three header names shaped like credentials in a preflighted request, among
// ordinary names and at times a name already shaped like a numbered placeholder, in varied case,
// the preflight allowed some of them; since session 38, its method too may be a credential. Every export that is judged
// again (the bundle, imported; the sanitized HAR, read back by the HAR reader) reaches the verdict
// and the cause of the capture, names that differed still differ and names equal but for case stay
// equal, and redacting again changes nothing.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../capture/index.ts';
import { diagnose, type HeaderLine, type ObservedExchange } from '../cors/index.ts';
import { importBundle } from './bundle-import.ts';
import { createBundle, serializeBundle } from './bundle.ts';
import { harFromExchanges, serializeHar } from './har-export.ts';
import { redactExchange } from './redact-exchange.ts';
import { headerNameSources, SecretNameNumbers } from './secret-name-numbers.ts';

const b64 = (json: object): string => Buffer.from(JSON.stringify(json)).toString('base64url');
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const chars = (alphabet: string, length: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: length, maxLength: length });

/** A credential as its issuer writes it: a name a page can send (an HTTP token). */
const secretName = fc.oneof(
  fc.tuple(chars(ALNUM, 12), chars(ALNUM, 24)).map(([sub, sig]) => `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub })}.${sig}`),
  chars(ALNUM, 36).map((s) => `ghp_${s}`),
  chars(ALNUM, 24).map((s) => `sk_live_${s}`),
  chars(UPPER, 16).map((s) => `AKIA${s}`),
  chars(ALNUM, 35).map((s) => `AIza${s}`),
  fc.tuple(chars(ALNUM, 22), chars(ALNUM, 43)).map(([id, s]) => `SG.${id}.${s}`),
);
// Before it: nothing, or a word in either case (`x-`, `X-Key-`).
const named = fc.tuple(fc.constantFrom('', 'x-', 'X-', 'X-Key-', 'x-api_'), secretName).map(([prefix, name]) => prefix + name);
const ordinary = fc.constantFrom('X-Trace', 'x-request-id', 'X-Requested-With', 'x-client');
// A name the capture holds already shaped like a numbered placeholder (typed by hand, or a bundle's
// name shared again), in either case: no redacted name may come out as it.
const placeholderShaped = fc.constantFrom('REDACTED-TOKEN-1', 'redacted-token-1', 'x-REDACTED-TOKEN-1', 'X-Redacted-Jwt-1', 'REDACTED-JWT-2', 'x-redacted-token-2', 'REDACTED-API-KEY-1');

interface Case {
  exchange: ObservedExchange;
}

/** The request's names, as typed (some twice, once in capitals where the shape allows: a hand-made HAR). */
const requestNames = fc
  .tuple(fc.uniqueArray(named, { minLength: 1, maxLength: 3, selector: (name) => name.toLowerCase() }), fc.subarray(['X-Trace', 'x-client', 'X-Requested-With']), fc.boolean(), fc.option(placeholderShaped))
  .chain(([secrets, plain, twice, shaped]) => {
    const names = [...secrets, ...plain, ...(shaped === null ? [] : [shaped])];
    // The same name again, its first letters in other case (`X-` for `x-`): one header to the engine.
    const again = twice && /^x-/i.test(secrets[0]!) ? [`${secrets[0]!.slice(0, 2) === 'x-' ? 'X-' : 'x-'}${secrets[0]!.slice(2)}`] : [];
    return fc.shuffledSubarray(names, { minLength: names.length, maxLength: names.length }).map((order) => ({ order: [...order, ...again], secrets }));
  });

/**
 * Session 38: the method, ordinary or a credential used as one, and what the preflight's
 * Access-Control-Allow-Methods lists beside GET: it as sent, it lower-cased (another method: they
 * compare byte for byte), another credential, `*`, a placeholder-shaped method.
 */
const methods = fc
  .tuple(fc.oneof(fc.constant('GET'), fc.constant('PATCH'), named), named, fc.subarray(['typed', 'lower-cased', 'other', '*', 'REDACTED-TOKEN-1']))
  .map(([method, other, listed]) => ({
    method,
    allowMethods: ['GET', ...listed.map((how) => (how === 'typed' ? method : how === 'lower-cased' ? method.toLowerCase() : how === 'other' ? other : how))].join(', '),
  }));

const cases: fc.Arbitrary<Case> = fc
  .tuple(requestNames, fc.array(fc.constantFrom('lower', 'typed', 'left out'), { minLength: 6, maxLength: 6 }), ordinary, fc.boolean(), fc.boolean(), fc.constantFrom('include', 'same-origin'), methods)
  .map(([{ order }, allow, extra, sent, failed, credentials, { method, allowMethods }]) => {
    const unique = [...new Map(order.map((name) => [name.toLowerCase(), name])).values()];
    const asked = unique.map((name) => name.toLowerCase()).sort();
    const allowed = [extra.toLowerCase(), ...unique.flatMap((name, i) => {
      const how = allow[i];
      return how === 'left out' ? [] : [how === 'lower' ? name.toLowerCase() : name];
    })];
    const url = 'https://api.example/data';
    const preflightHeaders: HeaderLine[] = [['Access-Control-Allow-Origin', 'https://app.example'], ['Access-Control-Allow-Headers', allowed.join(', ')], ['Access-Control-Allow-Methods', allowMethods]];
    if (credentials === 'include') preflightHeaders.push(['Access-Control-Allow-Credentials', 'true']);
    const exchange: ObservedExchange = {
      request: {
        method,
        headers: [['Origin', 'https://app.example'], ...order.map((name, i): HeaderLine => [name, `v${i}`])],
        initiatorOrigin: 'https://app.example',
        credentialsMode: credentials,
        mode: 'cors',
      },
      hops: [
        {
          url,
          preflight: {
            url,
            requestHeaders: [['Access-Control-Request-Method', method], ['Access-Control-Request-Headers', asked.join(',')], ['Origin', 'https://app.example']],
            response: { status: 204, headers: preflightHeaders },
          },
          response: sent ? { status: 200, headers: [['Access-Control-Allow-Origin', 'https://app.example'], ['Access-Control-Expose-Headers', unique.join(', ')]] } : null,
        },
      ],
      ...(failed ? { errorText: 'net::ERR_FAILED' } : {}),
    };
    return { exchange };
  });

/** The verdict and its cause: what a reader of the export acts on. */
function conclusion(exchange: ObservedExchange): unknown {
  const { verdict, corsError, failedAt, failureReason } = diagnose(exchange);
  return { verdict, corsError, failedAt, failureReason };
}

const distinctNames = (lines: readonly HeaderLine[]): number => new Set(lines.map(([name]) => name.toLowerCase())).size;

describe('header names shaped like credentials, redacted', () => {
  it('keep the verdict and cause of the bundle imported and of the sanitized HAR read back', () => {
    fc.assert(
      fc.property(fc.array(cases, { minLength: 1, maxLength: 3 }), (items) => {
        const exchanges = items.map((item) => item.exchange);
        const expected = exchanges.map(conclusion);

        const bundle = serializeBundle(createBundle({ exchanges: exchanges.map((exchange) => ({ exchange })), engineVersion: '0' }));
        const imported = importBundle(bundle, { engineVersion: '0' });
        if (!imported.ok) throw new Error(imported.errors[0]!.message);
        expect(imported.exchanges.map((entry) => entry.verdictChange)).toEqual(exchanges.map(() => null));
        expect(imported.exchanges.map((entry) => conclusion(entry.exchange))).toEqual(expected);

        // A HAR does not say whether the page sent credentials: the HAR read back with its secrets is what redaction must not change.
        const har = (includeSecrets: boolean) => serializeHar(harFromExchanges(exchanges, { includeSecrets }));
        const readBack = (includeSecrets: boolean) => exchangesFromHar(JSON.parse(har(includeSecrets))).map(conclusion);
        expect(readBack(false)).toEqual(readBack(true));

        // No method shaped like a credential is written, in any case (session 38).
        const written = [bundle, har(false)].join('\n').toLowerCase();
        for (const { method } of exchanges.map((exchange) => exchange.request)) if (method.length > 15) expect(written).not.toContain(method.slice(-16).toLowerCase());

        const numbers = new SecretNameNumbers(headerNameSources(exchanges));
        for (const [i, exchange] of exchanges.entries()) {
          const redacted = redactExchange(exchange, [], numbers);
          // Names that differed still differ; names equal but for case stay equal.
          expect(distinctNames(redacted.request.headers)).toBe(distinctNames(exchange.request.headers));
          // The bundle numbered the names as this export does, and a second pass changes nothing.
          expect(imported.exchanges[i]!.exchange.request.headers).toEqual(redacted.request.headers);
          expect(redactExchange(redacted)).toEqual(redacted);
        }
      }),
      { numRuns: 200, seed: 36 },
    );
  });
});
