// Header names no browser sends (session 32's hostile review): a hand-made or hostile HAR can hold any
// string as a name, a space in it (`X-Weird Name`) or a whole `Authorization: Bearer …` line. The name
// is shown up to where a value could begin and its value is redacted whatever it says, in the bundle,
// the Markdown report and the sanitized HAR; a secret's shape used as a token name (`ghp_…`, a JWT)
// is replaced as in a value. Verdicts stay, and the bundle imports.

import { describe, expect, it } from 'vitest';
import { diagnose, type ObservedExchange } from '../cors/index.ts';
import { createBundle, serializeBundle } from './bundle.ts';
import { importBundle } from './bundle-import.ts';
import { harFromExchanges, serializeHar } from './har-export.ts';
import { markdownReport } from './markdown-report.ts';
import { redactExchange } from './redact-exchange.ts';
import { redactHeader } from './redact-header.ts';
import type { Redaction } from './redaction.ts';

const S = {
  weird: 'topsecretvalue123456789',
  lineInName: 'plaincnry61',
  lineValue: 'plaincnry62',
  eqInName: 'plaincnry63',
  ghpName: 'ghp_cnry64aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  jwtName: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjbnJ5NjUifQ.c2lnbmF0dXJlY25yeTY1',
} satisfies Record<string, string>;

const origin = 'https://app.example';
const url = 'https://api.example/v1/items';

/** A GET whose preflight asked for the odd names and got no Access-Control-Allow-Headers: blocked on the first. */
function oddExchange(): ObservedExchange {
  const asked = `x-weird name,authorization: bearer ${S.lineInName},x-key=${S.eqInName},${S.ghpName}`;
  return {
    request: {
      method: 'GET',
      initiatorOrigin: origin,
      headers: [
        ['Origin', origin],
        ['X-Weird Name', S.weird],
        [`Authorization: Bearer ${S.lineInName}`, `Bearer ${S.lineValue}`],
        [`X-Key=${S.eqInName}`, 'v'],
        [S.ghpName, '1'],
        [S.jwtName, '1'],
      ],
    },
    hops: [
      {
        url,
        preflight: {
          url,
          requestHeaders: [['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Headers', asked], ['Origin', origin]],
          // A server that echoes the list back.
          response: { status: 204, headers: [['Access-Control-Allow-Origin', origin], ['Access-Control-Allow-Methods', 'GET'], ['Access-Control-Expose-Headers', asked]] },
        },
        response: null,
      },
    ],
    errorText: 'net::ERR_FAILED',
  };
}

const notes = [{ text: 'this one', target: { kind: 'header' as const, on: 'request' as const, hop: 0, name: `Authorization: Bearer ${S.lineInName}` }, createdAt: '2026-01-01T00:00:00Z' }];

function exportsOf(exchange: ObservedExchange): Record<string, string> {
  return {
    bundle: serializeBundle(createBundle({ exchanges: [{ exchange, notes }], engineVersion: '0' })),
    markdown: markdownReport([{ exchange, notes }], {}),
    har: serializeHar(harFromExchanges([exchange], {})),
  };
}

describe('header names that are no HTTP token', () => {
  const exports = exportsOf(oddExchange());
  const cases = Object.entries(exports).flatMap(([format, text]) => Object.entries(S).map(([secret, value]) => ({ format, secret, text, value })));
  it.each(cases)('$format holds no $secret', ({ text, value }) => {
    for (const form of [value, value.toLowerCase(), encodeURIComponent(value)]) expect(text).not.toContain(form);
  });

  it('cuts the name where a value could begin, says so, and redacts the value', () => {
    const found: Redaction[] = [];
    expect(redactHeader(['X-Weird Name', S.weird], found)).toEqual(['X-Weird REDACTED-REST-OF-NAME', 'REDACTED-SECRET']);
    expect(redactHeader([`Authorization: Bearer ${S.lineInName}`, `Bearer ${S.lineValue}`], found)).toEqual(['Authorization REDACTED-REST-OF-NAME', 'REDACTED-AUTHORIZATION']);
    expect(redactHeader([`X-Key=${S.eqInName}`, 'v'], found)).toEqual(['X-Key REDACTED-REST-OF-NAME', 'REDACTED-API-KEY']);
    // A `(` begins a comment, and may glue a value on (session 39): cut there too.
    expect(redactHeader(['X(Odd)', 'plain'], found)).toEqual(['X REDACTED-REST-OF-NAME', 'REDACTED-SECRET']);
    // No delimiter, white space or invisible character: the name stays whole, its value goes all the same.
    expect(redactHeader(['X-\u00d6dd', 'plain'], found)).toEqual(['X-\u00d6dd', 'REDACTED-SECRET']);
    expect(found).toEqual([
      { kind: 'secret', where: 'x-weird REDACTED-REST-OF-NAME' },
      { kind: 'authorization', where: 'authorization REDACTED-REST-OF-NAME' },
      { kind: 'api-key', where: 'x-key REDACTED-REST-OF-NAME' },
      { kind: 'secret', where: 'x REDACTED-REST-OF-NAME' },
      { kind: 'secret', where: 'x-\u00f6dd' },
    ]);
    // Redacting again changes nothing.
    expect(redactHeader(['X-Weird REDACTED-REST-OF-NAME', 'REDACTED-SECRET'])).toEqual(['X-Weird REDACTED-REST-OF-NAME', 'REDACTED-SECRET']);
  });

  it("keeps HTTP/2's pseudo-headers, which DevTools logs in every h2 HAR, and redacts them as lines", () => {
    expect(redactHeader([':authority', 'api.example'])).toEqual([':authority', 'api.example']);
    expect(redactHeader([':method', 'GET'])).toEqual([':method', 'GET']);
    expect(redactHeader([':scheme', 'https'])).toEqual([':scheme', 'https']);
    // `:path` is the request target: a secret in its query goes as in any URL.
    const [name, path] = redactHeader([':path', `/v1/items?access_token=${S.weird}`]);
    expect(name).toBe(':path');
    expect(path).toMatch(/^\/v1\/items\?access_token=REDACTED-/);
    // Only those: another name starting with `:` is no token and is cut (its first character kept: one holds no secret).
    expect(redactHeader([':x secret', S.weird])).toEqual([': REDACTED-REST-OF-NAME', 'REDACTED-SECRET']);
  });

  it("replaces a secret's shape used as a token name, and leaves ordinary names alone", () => {
    expect(redactHeader([S.ghpName, '1'])[0]).toBe('REDACTED-TOKEN');
    expect(redactHeader([S.jwtName, '1'])[0]).toBe('REDACTED-JWT');
    expect(redactHeader(['X-Amz-Server-Side-Encryption-Customer-Key-MD5', 'x'])[0]).toBe('X-Amz-Server-Side-Encryption-Customer-Key-MD5');
    expect(redactHeader(['Access-Control-Request-Headers', 'content-type, x-api-key'])).toEqual(['Access-Control-Request-Headers', 'content-type, x-api-key']);
  });

  it('keeps the verdict, and Chromium\'s failedParameter names the cut name', () => {
    const captured = oddExchange();
    const before = diagnose(captured);
    const after = diagnose(redactExchange(captured));
    expect(before.verdict).toBe('blocked');
    expect(before.corsError).toBe('HeaderDisallowedByPreflightResponse');
    expect([after.verdict, after.corsError, after.failedAt]).toEqual([before.verdict, before.corsError, before.failedAt]);
    expect(after.failedParameter).toBe('x-weird redacted-rest-of-name');
  });

  // A name typed in lower case (`img <src=x ...>` first in the request, the one Chromium names): the
  // exporter's words and the importer's, judging the redacted exchange again, both name it lower-cased.
  // (Session 39: it was `<img src=...`, which now keeps only its `<`, a delimiter where a value could
  // begin; a space after the lower-case word keeps what this test is about, the kept part's case.)
  it('writes a bundle that imports with the same verdict when the odd name was typed in lower case', () => {
    const captured = oddExchange();
    const lowerFirst: ObservedExchange = { ...captured, request: { ...captured.request, headers: [['img <src=x onerror=alert(1)>', S.weird], ...captured.request.headers] } };
    const bundle = serializeBundle(createBundle({ exchanges: [{ exchange: lowerFirst }], engineVersion: '0' }));
    const imported = importBundle(bundle, { engineVersion: 'test' });
    if (!imported.ok) throw new Error(imported.errors[0]!.message);
    expect(imported.exchanges[0]!.exported.failedParameter).toBe('img redacted-rest-of-name');
    expect(imported.verdictChanges).toBe(0);
  });

  it('writes a bundle that imports with the same verdict, names cut in its lines, lists, note target and diagnosis', () => {
    const imported = importBundle(exports['bundle']!, { engineVersion: 'test' });
    if (!imported.ok) throw new Error(imported.errors[0]!.message);
    expect(imported.verdictChanges).toBe(0);
    const [entry] = imported.exchanges;
    expect(entry!.exchange.request.headers.map(([name]) => name)).toEqual([
      'Origin', 'X-Weird REDACTED-REST-OF-NAME', 'Authorization REDACTED-REST-OF-NAME', 'X-Key REDACTED-REST-OF-NAME', 'REDACTED-TOKEN-1', 'REDACTED-JWT-2',
    ]);
    expect(entry!.exchange.hops[0]!.preflight!.requestHeaders[1]).toEqual([
      'Access-Control-Request-Headers',
      'x-weird REDACTED-REST-OF-NAME,authorization REDACTED-REST-OF-NAME,x-key REDACTED-REST-OF-NAME,REDACTED-TOKEN-1',
    ]);
    expect(entry!.notes[0]!.target).toEqual({ kind: 'header', on: 'request', hop: 0, name: 'Authorization REDACTED-REST-OF-NAME' });
    expect(entry!.exported.failedParameter).toBe('x-weird redacted-rest-of-name');
    expect(entry!.exported.headline).toContain('x-weird redacted-rest-of-name');
  });

  // `X-Weird Name` and `X-Weird Other` are both cut to `X-Weird REDACTED-REST-OF-NAME`: a note on the
  // second names the second line with that name, in the bundle and in the report.
  it('keeps a note on the second of two names cut to the same name on that line, and the bundle imports with its verdict', () => {
    const captured = oddExchange();
    const twins: ObservedExchange = { ...captured, request: { ...captured.request, headers: [...captured.request.headers, ['X-Weird Other', S.weird]] } };
    const onSecond = [{ text: 'the other one', target: { kind: 'header' as const, on: 'request' as const, hop: 0, name: 'X-Weird Other' }, createdAt: '2026-01-01T00:00:00Z' }];
    const imported = importBundle(serializeBundle(createBundle({ exchanges: [{ exchange: twins, notes: onSecond }], engineVersion: '0' })), { engineVersion: 'test' });
    if (!imported.ok) throw new Error(imported.errors[0]!.message);
    expect(imported.verdictChanges).toBe(0);
    const [entry] = imported.exchanges;
    const target = entry!.notes[0]!.target;
    expect(target).toEqual({ kind: 'header', on: 'request', hop: 0, name: 'X-Weird REDACTED-REST-OF-NAME', index: 1 });
    // The line it names in the imported exchange is the last one, the second cut to that name.
    const lines = entry!.exchange.request.headers;
    const named = lines.flatMap(([name], i) => (target.kind === 'header' && name.toLowerCase() === target.name.toLowerCase() ? [i] : []));
    expect(named[target.kind === 'header' ? (target.index ?? 0) : -1]).toBe(lines.length - 1);
    expect(markdownReport([{ exchange: twins, notes: onSecond }], {})).toContain('on header `X-Weird REDACTED-REST-OF-NAME` #2 (request)');
  });

  it("shows the cut names in the report's headers block", () => {
    expect(exports['markdown']).toContain('X-Weird REDACTED-REST-OF-NAME: REDACTED-SECRET');
    expect(exports['markdown']).toContain('Authorization REDACTED-REST-OF-NAME: REDACTED-AUTHORIZATION');
  });
});

// Session 33: a value glued to a name by a character no reader sees (a zero-width space, a bidi
// mark, NUL or another control) or by `;` or `,`, as in parameters and lists, was kept whole in the
// name: no white space, `:` or `=` to cut at. Those begin a value too.
describe('header names that are no token, with a secret after an invisible character, `;`, `,` or `"`', () => {
  const H = {
    zeroWidth: 'zwspcnry6601abcdef0123',
    nul: 'nulcnry6602abcdef0123',
    bidi: 'bidicnry6603abcdef0123',
    esc: 'esccnry6604abcdef0123',
    c1: 'c1cnry6605abcdef0123',
    semicolon: 'semicnry6606abcdef0123',
    comma: 'commacnry6607abcdef0123',
    surrogate: 'surrcnry6608abcdef0123',
    // Session 38: a quoted string glued to the name.
    quote: 'quotecnry6609abcdef0123',
  } satisfies Record<string, string>;
  const names: Record<keyof typeof H, string> = {
    zeroWidth: `X-Key\u200b${H.zeroWidth}`,
    nul: `X-Key\0${H.nul}`,
    bidi: `X-Key\u202e${H.bidi}`,
    esc: `X-Key\x1b${H.esc}`,
    c1: `X-Key\x9b${H.c1}`,
    semicolon: `X-Key;${H.semicolon}`,
    comma: `X-Key,${H.comma}`,
    surrogate: `X-Key\ud800${H.surrogate}`,
    quote: `X-Key"${H.quote}"`,
  };
  const exchange: ObservedExchange = {
    request: { method: 'GET', initiatorOrigin: origin, headers: [['Origin', origin], ...Object.values(names).map((name): [string, string] => [name, 'v'])] },
    hops: [{ url, response: { status: 200, headers: [] } }],
    // Session 38: Chromium's words name the header: its error text and failedParameter (a hostile
    // HAR writes any), redacted as text only, kept the name's secret after a quote or a blank.
    errorText: `net::ERR_FAILED Request header field ${names.quote} is not allowed; ${Object.values(names).join(' ')}`,
    browserVerdict: { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: names.quote },
  };
  const exports = exportsOf(exchange);
  const cases = Object.entries(exports).flatMap(([format, text]) => Object.entries(H).map(([secret, value]) => ({ format, secret, text, value })));
  it.each(cases)('$format holds no $secret', ({ text, value }) => {
    expect(text.toLowerCase()).not.toContain(value);
  });

  it.each(Object.entries(names))('cuts %s there', (_about, name) => {
    expect(redactHeader([name, 'v'])).toEqual(['X-Key REDACTED-REST-OF-NAME', 'REDACTED-API-KEY']);
  });

  it('keeps a name whose odd character begins no value whole', () => {
    // At the end, a delimiter hides nothing (session 39: `X(Odd)` is cut at its `(` now).
    expect(redactHeader(['X-Odd)', 'plain'])).toEqual(['X-Odd)', 'REDACTED-SECRET']);
    expect(redactHeader(['X-Odd"', 'plain'])).toEqual(['X-Odd"', 'REDACTED-SECRET']);
    expect(redactHeader(['X-\u00d6dd', 'plain'])).toEqual(['X-\u00d6dd', 'REDACTED-SECRET']);
  });
});


// Session 39: a value glued to a name behind one of RFC 9110's other delimiters (`(`, `@`, `/`, `[`,
// `{` ...) was shown whole (`X(secret-token-abc123)`, `x@sk_live_...`); and behind `=`, `,`, `;` or
// a space, as before. A name that begins with one keeps that one character.
describe('header names that are no token, with a secret behind a delimiter', () => {
  const D = {
    paren: 'parencnry3901abc',
    at: 'atcnry3902abc',
    slash: 'slashcnry3903abc',
    bracket: 'bracketcnry3904abc',
    brace: 'bracecnry3905abc',
    angle: 'anglecnry3906abc',
    question: 'questioncnry3907abc',
    backslash: 'backslashcnry3908abc',
    equals: 'equalscnry3909abc',
    comma: 'commacnry3910abc',
    semicolon: 'semicnry3911abc',
    space: 'spacecnry3912abc',
    leading: 'leadingcnry3913abc',
  } satisfies Record<string, string>;
  const names: Record<keyof typeof D, string> = {
    paren: `X-Key(${D.paren})`,
    at: `X-Key@${D.at}`,
    slash: `X-Key/${D.slash}`,
    bracket: `X-Key[${D.bracket}]`,
    brace: `X-Key{${D.brace}}`,
    angle: `X-Key<${D.angle}>`,
    question: `X-Key?${D.question}`,
    backslash: `X-Key\\${D.backslash}`,
    equals: `X-Key=${D.equals}`,
    comma: `X-Key,${D.comma}`,
    semicolon: `X-Key;${D.semicolon}`,
    space: `X-Key ${D.space}`,
    leading: `(${D.leading})`,
  };
  const exchange: ObservedExchange = {
    request: { method: 'GET', initiatorOrigin: origin, headers: [['Origin', origin], ...Object.values(names).map((name): [string, string] => [name, 'v'])] },
    hops: [{ url, response: { status: 200, headers: [] } }],
    errorText: `net::ERR_FAILED Request header field ${names.paren} is not allowed; ${Object.values(names).join(' ')}`,
    browserVerdict: { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: names.at },
  };
  const exports = exportsOf(exchange);
  const cases = Object.entries(exports).flatMap(([format, text]) => Object.entries(D).map(([secret, value]) => ({ format, secret, text, value })));
  it.each(cases)('$format holds no $secret', ({ text, value }) => {
    expect(text.toLowerCase()).not.toContain(value);
  });

  it.each(Object.entries(names).filter(([about]) => about !== 'leading'))('cuts %s there', (_about, name) => {
    expect(redactHeader([name, 'v'])).toEqual(['X-Key REDACTED-REST-OF-NAME', 'REDACTED-API-KEY']);
  });

  it('keeps the first character of a name that begins with one, and cuts the same the second time', () => {
    expect(redactHeader([names.leading, 'v'])).toEqual(['( REDACTED-REST-OF-NAME', 'REDACTED-SECRET']);
    expect(redactHeader(['@/etc/passwd', 'v'])).toEqual(['@ REDACTED-REST-OF-NAME', 'REDACTED-SECRET']);
    expect(redactHeader(['( REDACTED-REST-OF-NAME', 'REDACTED-SECRET'])).toEqual(['( REDACTED-REST-OF-NAME', 'REDACTED-SECRET']);
    // White space and controls are not kept: no reader sees them.
    expect(redactHeader([' x', 'v'])).toEqual([' REDACTED-REST-OF-NAME', 'REDACTED-SECRET']);
    expect(redactHeader(['\x1b]52;c;aGk\x07', 'v'])).toEqual([' REDACTED-REST-OF-NAME', 'REDACTED-SECRET']);
  });
});
