// Secrets in the values the engine reads as a keyword or a number (session 41): a GitHub token or a
// JWT in `Vary` (an item), `Access-Control-Max-Age`, `-Allow-Credentials`, `-Allow-Private-Network`,
// the request's `Range`, `Sec-Fetch-Site` or `Sec-Fetch-Mode` stayed in clear in every export, where
// the same value in `Cache-Control` or `Accept` went. Each is now a placeholder, and the rules that
// read these headers (`true`, seconds, `bytes=N-M`, `cors`, `same-origin`, a header name) read it as
// they read the secret: every verdict, check, reason code and Firefox reason stays, under both
// browsers' rules, whatever the secret is glued to (a keyword, a number, a comma, quotes, spaces).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { createBundle, serializeBundle } from './bundle.ts';
import { importBundle } from './bundle-import.ts';
import { engineValuesAsRedacted, redactExchange } from './redact-exchange.ts';
import type { Redaction } from './redaction.ts';
import { conclusion, eachString } from './testing-conclusion.ts';
import { HEADER, KEYWORD_SECRET_PARTS, KEYWORD_SECRETS, keywordCase, keywordExchange, type KeywordCase, PLACES, SHAPES, takenElsewhere } from './testing-keyword-values.ts';

function expectNoneLeft(c: KeywordCase, redacted: ObservedExchange): void {
  const text = JSON.stringify(redacted).toLowerCase();
  for (const [place, value] of c.also === null ? [[c.place, c.value] as const] : [[c.place, c.value] as const, c.also]) {
    const taken = takenElsewhere(place, value);
    // Each planted secret is taken elsewhere in most shapes: the test tests something.
    for (const part of taken) expect(text, `${place}: ${value}`).not.toContain(part.toLowerCase());
  }
}

describe('secrets in values read as a keyword (Vary, Max-Age, Allow-Credentials, Allow-Private-Network, Range, Sec-Fetch-*)', () => {
  it('are taken, and the redacted exchange is concluded as the captured one under both browsers\' rules', () => {
    fc.assert(
      fc.property(keywordCase, fc.boolean(), (c, firefox) => {
        const exchange = keywordExchange(c);
        const found: Redaction[] = [];
        const redacted = redactExchange(exchange, found);
        const asRedacted = engineValuesAsRedacted(exchange, redacted);
        expect(conclusion(redacted, firefox)).toEqual(eachString(conclusion(exchange, firefox), asRedacted));
        expectNoneLeft(c, redacted);
        // Redacting again takes nothing more.
        const again: Redaction[] = [];
        expect(redactExchange(redacted, again)).toEqual(redacted);
        expect(again).toEqual([]);
      }),
      { seed: 41_041, numRuns: 500 },
    );
  }, 120_000);

  it.each(PLACES)('%s: each secret in each shape, alone, both browsers', (place) => {
    let tested = 0;
    for (const secret of KEYWORD_SECRETS) {
      for (const shape of SHAPES) {
        for (const preflight of [false, true]) {
          const c: KeywordCase = { place, value: shape(secret, HEADER[place].keyword), also: null, preflight, credentials: place === 'allow-credentials', privateNetwork: place === 'allow-private-network', reported: true };
          const exchange = keywordExchange(c);
          const redacted = redactExchange(exchange);
          const asRedacted = engineValuesAsRedacted(exchange, redacted);
          for (const firefox of [false, true]) expect(conclusion(redacted, firefox), `${c.value} (${firefox ? 'firefox' : 'chromium'})`).toEqual(eachString(conclusion(exchange, firefox), asRedacted));
          expectNoneLeft(c, redacted);
          if (shape !== SHAPES.at(-1)) tested++;
        }
      }
    }
    // Most shapes hold a secret every other header loses.
    const held = KEYWORD_SECRETS.flatMap((secret) => SHAPES.slice(0, -1).map((shape) => takenElsewhere(place, shape(secret, HEADER[place].keyword)).length > 0));
    expect(held.filter(Boolean).length).toBeGreaterThan(held.length * 0.8);
    expect(tested).toBe(KEYWORD_SECRETS.length * (SHAPES.length - 1) * 2);
  });

  it("Chromium's reported failedParameter (the refused value) is written as the line is, number and all; a bundle read back agrees", () => {
    const [, jwt] = KEYWORD_SECRETS;
    for (const [place, corsError] of [['allow-credentials', 'InvalidAllowCredentials'], ['allow-private-network', 'InvalidPrivateNetworkAccess']] as const) {
      const exchange = keywordExchange({ place, value: jwt, also: null, preflight: true, credentials: true, privateNetwork: place === 'allow-private-network', reported: false });
      exchange.browserVerdict = { corsError, failedParameter: jwt };
      const redacted = redactExchange(exchange);
      const line = redacted.hops[0]!.preflight!.response!.headers.find(([name]) => name === HEADER[place].name)![1];
      expect(line).toMatch(/^REDACTED-JWT-\d+$/);
      expect(redacted.browserVerdict?.failedParameter).toBe(line);
      const text = serializeBundle(createBundle({ exchanges: [{ exchange }], engineVersion: '0' }));
      const imported = importBundle(text, { engineVersion: '0' });
      expect(imported.ok && imported.exchanges[0]!.verdictChange).toBeNull();
      for (const part of KEYWORD_SECRET_PARTS) expect(text).not.toContain(part);
    }
  });

  it('two secrets are two placeholders, numbered; the same secret the same one; Range keeps its length', () => {
    const [github, jwt] = KEYWORD_SECRETS;
    const exchange = keywordExchange({ place: 'max-age', value: github, also: ['allow-credentials', jwt], preflight: true, credentials: true, privateNetwork: false, reported: false });
    exchange.request.headers = [...exchange.request.headers, ['Range', github]];
    exchange.hops[0]!.response!.headers = [...exchange.hops[0]!.response!.headers, ['Vary', `Origin, ${jwt}`]];
    const redacted = redactExchange(exchange);
    const preflightAnswer = new Map(redacted.hops[0]!.preflight!.response!.headers);
    const answer = redacted.hops[0]!.response!.headers;
    expect(preflightAnswer.get('Access-Control-Max-Age')).toMatch(/^REDACTED-TOKEN-\d+$/);
    expect(preflightAnswer.get('Access-Control-Allow-Credentials')).toMatch(/^REDACTED-JWT-\d+$/);
    expect(preflightAnswer.get('Access-Control-Max-Age')!.replace(/\D/g, '')).not.toBe(preflightAnswer.get('Access-Control-Allow-Credentials')!.replace(/\D/g, ''));
    expect(answer.find(([name]) => name === 'Access-Control-Allow-Credentials')?.[1]).toBe(preflightAnswer.get('Access-Control-Allow-Credentials'));
    expect(answer.filter(([name]) => name === 'Vary').map(([, value]) => value)).toContainEqual(expect.stringMatching(/^Origin, REDACTED-JWT-\d+$/));
    const range = redacted.request.headers.find(([name]) => name === 'Range')![1];
    expect(range).toMatch(/^REDACTED-TOKEN-+$/);
    expect(range).toHaveLength(github.length);
  });
});
