import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBundle, serializeBundle } from './bundle.ts';
import { DEFAULT_BUNDLE_LIMITS, formatBundleError, MAX_NAME_LENGTH, MAX_NOTE_INPUT_LENGTH, parseBundle, utf8Length, validateBundle, type BundleError } from './bundle-schema.ts';
import { canaryExchange } from './testing-exchanges.ts';

// A valid bundle with two exchanges and one header note, as plain JSON to break.
function validJson(): any {
  return JSON.parse(
    serializeBundle(
      createBundle({
        exchanges: [
          { exchange: canaryExchange(), notes: [{ text: 'n', target: { kind: 'header', on: 'preflight-response', hop: 0, name: 'Access-Control-Allow-Headers' } }] },
          { exchange: canaryExchange() },
        ],
        engineVersion: '0.1.0',
        createdAt: '2026-01-01T00:00:00.000Z',
      }),
    ),
  );
}

function errorsOf(value: unknown): BundleError[] {
  const result = validateBundle(value);
  return result.ok ? [] : result.errors;
}

describe('validateBundle: one wrong field, one error at its path', () => {
  const cases: { about: string; change: (b: any) => void; path: string; code: BundleError['code']; message?: RegExp }[] = [
    { about: 'hops not an array', change: (b) => (b.exchanges[1].exchange.hops = {}), path: 'exchanges[1].exchange.hops', code: 'invalid', message: /^expected an array, found an object$/ },
    { about: 'no hops', change: (b) => (b.exchanges[0].exchange.hops = []), path: 'exchanges[0].exchange.hops', code: 'invalid', message: /at least one hop/ },
    { about: 'a header line is not a pair', change: (b) => (b.exchanges[0].exchange.request.headers[2] = ['x']), path: 'exchanges[0].exchange.request.headers[2]', code: 'invalid', message: /^expected a \[name, value\] pair of strings, found an array$/ },
    { about: 'a header line too long', change: (b) => (b.exchanges[0].exchange.request.headers[0] = ['x', 'y'.repeat(DEFAULT_BUNDLE_LIMITS.maxHeaderLineLength)]), path: 'exchanges[0].exchange.request.headers[0]', code: 'too-large', message: /^262,145 characters, more than the 262,144/ },
    { about: 'a URL too long', change: (b) => (b.exchanges[0].exchange.hops[0].url = 'h'.repeat(DEFAULT_BUNDLE_LIMITS.maxUrlLength + 1)), path: 'exchanges[0].exchange.hops[0].url', code: 'too-large' },
    { about: 'a request that is an array', change: (b) => (b.exchanges[0].exchange.request = []), path: 'exchanges[0].exchange.request', code: 'invalid', message: /^expected an object, found an array$/ },
    { about: 'a missing verdict', change: (b) => delete b.exchanges[0].diagnosis.verdict, path: 'exchanges[0].diagnosis.verdict', code: 'invalid', message: /^expected one of "allowed", .*, found nothing$/ },
    { about: 'a status not an integer', change: (b) => (b.exchanges[0].exchange.hops[0].preflight.response.status = 200.5), path: 'exchanges[0].exchange.hops[0].preflight.response.status', code: 'invalid', message: /^expected an integer, found a number$/ },
    { about: 'two notes with one id', change: (b) => b.exchanges[1].notes.push({ ...b.exchanges[0].notes[0] }), path: 'exchanges[1].notes[0].id', code: 'duplicate-id', message: /another note already has the id "note-1"/ },
    {
      about: 'a header value is a number',
      change: (b) => (b.exchanges[0].exchange.hops[0].preflight.response.headers[0][1] = 5),
      path: 'exchanges[0].exchange.hops[0].preflight.response.headers[0][1]',
      code: 'invalid',
      message: /^expected a string, found the number 5$/,
    },
    { about: 'status out of range', change: (b) => (b.exchanges[0].exchange.hops[0].preflight.response.status = 1000), path: 'exchanges[0].exchange.hops[0].preflight.response.status', code: 'invalid' },
    { about: 'empty method', change: (b) => (b.exchanges[0].exchange.request.method = ''), path: 'exchanges[0].exchange.request.method', code: 'invalid' },
    { about: 'unknown credentials mode', change: (b) => (b.exchanges[0].exchange.request.credentialsMode = 'always'), path: 'exchanges[0].exchange.request.credentialsMode', code: 'invalid' },
    { about: 'startedAt not a number', change: (b) => (b.exchanges[0].exchange.startedAt = 'yesterday'), path: 'exchanges[0].exchange.startedAt', code: 'invalid' },
    { about: 'unknown verdict', change: (b) => (b.exchanges[0].diagnosis.verdict = 'maybe'), path: 'exchanges[0].diagnosis.verdict', code: 'invalid' },
    { about: 'failedAt phase unknown', change: (b) => (b.exchanges[0].diagnosis.failedAt.phase = 'later'), path: 'exchanges[0].diagnosis.failedAt.phase', code: 'invalid' },
    { about: 'note target kind unknown', change: (b) => (b.exchanges[0].notes[0].target.kind = 'cookie'), path: 'exchanges[0].notes[0].target.kind', code: 'invalid' },
    { about: 'note on a hop that does not exist', change: (b) => (b.exchanges[0].notes[0].target.hop = 3), path: 'exchanges[0].notes[0].target.hop', code: 'dangling', message: /^the exchange has no hop 3 \(it has 1\)$/ },
    { about: 'note date unreadable', change: (b) => (b.exchanges[0].notes[0].createdAt = 'soon'), path: 'exchanges[0].notes[0].createdAt', code: 'invalid' },
    { about: 'two exchanges with one id', change: (b) => (b.exchanges[1].id = b.exchanges[0].id), path: 'exchanges[1].id', code: 'duplicate-id' },
    { about: 'redaction of an unknown kind', change: (b) => (b.redactions[0].kind = 'password-value'), path: 'redactions[0].kind', code: 'invalid' },
    { about: 'engine without version', change: (b) => delete b.engine.version, path: 'engine.version', code: 'invalid', message: /found nothing/ },
    { about: 'author name missing', change: (b) => (b.author = {}), path: 'author.name', code: 'invalid' },
    { about: 'createdAt not a date', change: (b) => (b.createdAt = 'x'), path: 'createdAt', code: 'invalid' },
    // Only the two browsers a writer names: a guessed sender would write another browser's headers.
    { about: 'sentBy another browser', change: (b) => (b.exchanges[1].sentBy = 'safari'), path: 'exchanges[1].sentBy', code: 'invalid', message: /^expected one of "chromium", "firefox", found a string$/ },
    { about: 'sentBy in capitals', change: (b) => (b.exchanges[0].sentBy = 'Firefox'), path: 'exchanges[0].sentBy', code: 'invalid' },
    // The message describes the value, never echoes it: no control byte reaches a terminal or the panel.
    { about: 'sentBy with control bytes', change: (b) => (b.exchanges[0].sentBy = 'firefox\u001b[2J\u0000'), path: 'exchanges[0].sentBy', code: 'invalid', message: /^expected one of "chromium", "firefox", found a string$/ },
    { about: 'sentBy null', change: (b) => (b.exchanges[0].sentBy = null), path: 'exchanges[0].sentBy', code: 'invalid', message: /found null$/ },
    { about: 'sentBy an object', change: (b) => (b.exchanges[0].sentBy = { browser: 'firefox' }), path: 'exchanges[0].sentBy', code: 'invalid', message: /found an object$/ },
  ];

  it.each(cases)('$about', ({ change, path, code, message }) => {
    const bundle = validJson();
    expect(validateBundle(bundle).ok).toBe(true);
    change(bundle);
    const errors = errorsOf(bundle);
    expect(errors.map((error) => [error.path, error.code])).toEqual([[path, code]]);
    if (message) expect(errors[0]!.message).toMatch(message);
  });

  it("reads an exchange's sentBy, \"chromium\" or \"firefox\"; one without it (every bundle from before the field) opens as before", () => {
    const bundle = validJson();
    bundle.exchanges[0].sentBy = 'firefox';
    bundle.exchanges[1].sentBy = 'chromium';
    const read = validateBundle(bundle);
    expect(read.ok && read.bundle.exchanges.map((entry) => entry.sentBy)).toEqual(['firefox', 'chromium']);
    const old = validateBundle(validJson());
    expect(old.ok && old.bundle.exchanges.map((entry) => 'sentBy' in entry)).toEqual([false, false]);
  });

  it('formats an error as one line: path, then what was wrong', () => {
    const bundle = validJson();
    bundle.exchanges[1].exchange.hops = 'x';
    expect(formatBundleError(errorsOf(bundle)[0]!)).toBe('exchanges[1].exchange.hops: expected an array, found a string');
  });
});

// Chromium lays out long text at seconds per megabyte, and the viewer shows these fields: each
// free-text field is bounded at what an export can hold, and a longer one is refused at its path,
// naming the bound and not the value.
describe('validateBundle: every free-text field has a length bound', () => {
  const L = DEFAULT_BUNDLE_LIMITS;
  const fields: { path: string; max: number; set: (b: any, text: string) => void }[] = [
    { path: 'author.name', max: L.maxNameLength, set: (b, t) => (b.author = { name: t }) },
    { path: 'engine.name', max: L.maxNameLength, set: (b, t) => (b.engine.name = t) },
    { path: 'engine.version', max: L.maxNameLength, set: (b, t) => (b.engine.version = t) },
    { path: 'exchanges[0].id', max: L.maxIdLength, set: (b, t) => (b.exchanges[0].id = t) },
    { path: 'exchanges[0].diagnosis.corsError', max: L.maxNameLength, set: (b, t) => (b.exchanges[0].diagnosis.corsError = t) },
    { path: 'exchanges[0].diagnosis.failureReason', max: L.maxNameLength, set: (b, t) => (b.exchanges[0].diagnosis.failureReason = t) },
    { path: 'exchanges[0].diagnosis.headline', max: L.maxHeadlineLength, set: (b, t) => (b.exchanges[0].diagnosis.headline = t) },
    { path: 'exchanges[0].exchange.browserVerdict.corsError', max: L.maxNameLength, set: (b, t) => (b.exchanges[0].exchange.browserVerdict = { corsError: t, failedParameter: '' }) },
    { path: 'exchanges[0].notes[0].id', max: L.maxIdLength, set: (b, t) => (b.exchanges[0].notes[0].id = t) },
    { path: 'exchanges[0].notes[0].text', max: L.maxNoteLength, set: (b, t) => (b.exchanges[0].notes[0].text = t) },
    { path: 'exchanges[0].notes[0].author.name', max: L.maxNameLength, set: (b, t) => (b.exchanges[0].notes[0].author = { name: t }) },
    { path: 'exchanges[0].notes[0].target.name', max: L.maxHeaderLineLength, set: (b, t) => (b.exchanges[0].notes[0].target.name = t) },
    { path: 'redactions[0].exchange', max: L.maxIdLength, set: (b, t) => (b.redactions[0].exchange = t) },
  ];

  it.each(fields)('$path: refused one character past its bound, accepted at it', ({ path, max, set }) => {
    const over = validJson();
    set(over, 'Q'.repeat(max + 1));
    const errors = errorsOf(over);
    expect(errors).toEqual([{ code: 'too-large', path, message: `${(max + 1).toLocaleString('en-US')} characters, more than the ${max.toLocaleString('en-US')} a bundle holds here` }]);
    // The value is not echoed: a message is one line for a terminal.
    expect(formatBundleError(errors[0]!)).not.toContain('QQ');
    const at = validJson();
    set(at, 'Q'.repeat(max));
    expect(errorsOf(at)).toEqual([]);
  });

  // The engine joins every Allow-Origin line of a response into it (MultipleAllowOriginValues): two
  // lines of 150,000 characters, from a Firefox or hand-made HAR, make a bundle `share` writes.
  it('leaves failedParameter unbounded by a line: a bundle with every Allow-Origin line joined opens', () => {
    const bundle = validJson();
    bundle.exchanges[0].diagnosis.failedParameter = `${'a'.repeat(150_000)}, ${'b'.repeat(L.maxHeaderLineLength)}`;
    expect(errorsOf(bundle)).toEqual([]);
  });

  it('bounds the dates too', () => {
    for (const [path, set] of [
      ['createdAt', (b: any, t: string) => (b.createdAt = t)],
      ['exchanges[0].notes[0].createdAt', (b: any, t: string) => (b.exchanges[0].notes[0].createdAt = t)],
    ] as const) {
      const bundle = validJson();
      set(bundle, `2026-01-01T00:00:00.000Z${' '.repeat(L.maxNameLength)}`);
      expect(errorsOf(bundle)).toEqual([{ code: 'too-large', path, message: `280 characters, more than the 256 a bundle holds here` }]);
    }
  });

  it('accepts what share writes: an author, notes with their authors, a long note, a header note', () => {
    const bundle = createBundle({
      exchanges: [
        {
          exchange: canaryExchange(),
          notes: [
            { text: 'x'.repeat(MAX_NOTE_INPUT_LENGTH), author: { name: 'A'.repeat(MAX_NAME_LENGTH) } },
            { text: 'the header', target: { kind: 'header', on: 'preflight-response', hop: 0, name: 'Access-Control-Allow-Headers' }, author: { name: 'Bo' } },
          ],
        },
      ],
      engineVersion: '0.1.0',
      author: { name: 'Ana María Pérez-Øster' },
    });
    expect(parseBundle(serializeBundle(bundle))).toMatchObject({ ok: true });
  });
});

describe('validateBundle: the wrong file', () => {
  it.each([
    { value: [], message: /not a CORS Inspector bundle: expected a JSON object, found an array/ },
    { value: { log: { entries: [] } }, message: /not a CORS Inspector bundle: "format" is nothing, expected "cors-inspector-bundle"/ },
    { value: { format: 'har' }, message: /"format" is "har"/ },
  ])('rejects $value with one clear message', ({ value, message }) => {
    const errors = errorsOf(value);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe('not-a-bundle');
    expect(formatBundleError(errors[0]!)).toMatch(message);
  });

  it('says a newer version needs a newer CORS Inspector, and rejects other versions', () => {
    const newer = { ...validJson(), version: 2 };
    expect(errorsOf(newer)).toEqual([{ code: 'unsupported-version', path: 'version', message: expect.stringMatching(/version 2 is newer than this CORS Inspector reads \(version 1\); update/) }]);
    expect(errorsOf({ ...validJson(), version: '1' })[0]!.message).toMatch(/unsupported bundle version a string/);
    expect(errorsOf({ ...validJson(), version: 0 })[0]!.code).toBe('unsupported-version');
  });
});

describe('parseBundle: sizes', () => {
  it('refuses a file over the size cap before parsing it', () => {
    const notEvenJson = '{'.repeat(2000);
    const result = parseBundle(notEvenJson, { maxBytes: 1000 });
    expect(result).toEqual({ ok: false, errors: [{ code: 'too-large', path: '', message: 'the bundle is 2000 bytes, larger than the 1000 bytes CORS Inspector reads' }] });
    expect(parseBundle(new Uint8Array(1001), { maxBytes: 1000 })).toMatchObject({ ok: false, errors: [{ code: 'too-large' }] });
  });

  it('counts UTF-8 bytes, not characters', () => {
    const text = JSON.stringify({ format: 'é'.repeat(600) });
    expect(text.length).toBeLessThan(1300);
    expect(parseBundle(text, { maxBytes: 1000 + 200 })).toMatchObject({ ok: false, errors: [{ code: 'too-large' }] });
  });

  it('caps at 200 MB by default', () => {
    expect(DEFAULT_BUNDLE_LIMITS.maxBytes).toBe(200 * 1024 * 1024);
  });

  it('refuses too many exchanges, naming the count', () => {
    const bundle = validJson();
    const errors = validateBundle(bundle, { maxExchanges: 1 });
    expect(errors).toEqual({ ok: false, errors: [{ code: 'too-many', path: 'exchanges', message: '2 exchanges, more than the 1 a bundle may hold' }] });
  });

  it('stops collecting errors at the cap', () => {
    const bundle = validJson();
    bundle.exchanges = Array.from({ length: 500 }, () => ({}));
    const result = validateBundle(bundle);
    expect(result.ok === false && result.errors.length).toBe(DEFAULT_BUNDLE_LIMITS.maxErrors);
  });

  it('stops reading once the cap is reached: the rest of a hostile file is never walked', () => {
    let reads = 0;
    const counted = () => ({
      get id(): unknown {
        reads++;
        return 5;
      },
    });
    const bundle = validJson();
    bundle.exchanges = Array.from({ length: 10_000 }, counted);
    const result = validateBundle(bundle);
    expect(result.ok === false && result.errors.length).toBe(DEFAULT_BUNDLE_LIMITS.maxErrors);
    expect(reads).toBeLessThan(2 * DEFAULT_BUNDLE_LIMITS.maxErrors);
  });

  it('says what is wrong with text that is not JSON', () => {
    expect(parseBundle('{"format":')).toMatchObject({ ok: false, errors: [{ code: 'not-json', message: expect.stringMatching(/^not a CORS Inspector bundle: not JSON/) }] });
    expect(parseBundle(new Uint8Array([0xff, 0xfe, 0x00]))).toMatchObject({ ok: false, errors: [{ code: 'not-json' }] });
  });
});

describe('hostile input', () => {
  it('never throws on arbitrary JSON, and answers ok or with errors (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseBundle(JSON.stringify(value) ?? 'null');
        expect(result.ok || result.errors.length > 0).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary JSON under the right format and version (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('createdAt', 'author', 'engine', 'exchanges', 'redactions', 'secretsIncluded'), fc.jsonValue()), (fields) => {
        const result = validateBundle({ ...fields, format: 'cors-inspector-bundle', version: 1 });
        expect(result.ok || result.errors.every((error) => typeof error.path === 'string' && error.message !== '')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps only known fields, so `__proto__` and extra keys in a file go nowhere', () => {
    const text = serializeBundle(createBundle({ exchanges: [{ exchange: canaryExchange() }], engineVersion: '1' })).replace(
      '"request": {',
      '"request": { "__proto__": { "polluted": true }, "extra": 1,',
    );
    const result = parseBundle(text);
    if (!result.ok) throw new Error(formatBundleError(result.errors[0]!));
    const request = result.bundle.exchanges[0]!.exchange.request as unknown as Record<string, unknown>;
    expect(request['extra']).toBeUndefined();
    expect(request['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('docs/bundle-schema.md', () => {
  it('its example is a valid bundle', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/bundle-schema.md', import.meta.url), 'utf8');
    const example = /## Example\n\n```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    expect(parseBundle(example!)).toMatchObject({ ok: true });
  });
});

describe('utf8Length', () => {
  it('counts the bytes TextEncoder writes, lone surrogates and pairs included', () => {
    const units = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) });
    fc.assert(
      fc.property(fc.oneof(units, fc.string({ unit: 'binary' })), (text) => utf8Length(text) === new TextEncoder().encode(text).length),
      { seed: 14, numRuns: 2000 },
    );
  });
});
