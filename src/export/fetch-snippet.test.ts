// The fetch() snippet is run here, with a stand-in `fetch` that records its arguments: each test
// checks what a real Console would send, not the text of the snippet.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { fetchSnippet, literal } from './fetch-snippet.ts';
import { UNPRINTABLE } from './index.ts';
import { exchangesFromHar } from '../capture/index.ts';
import { harFromExchanges, serializeHar } from './har-export.ts';
import { allowedExchange, canaryExchange, SECRETS, unsentExchange } from './testing-exchanges.ts';
import { PUT_IN_VALUES, VALUES_NOT_CAPTURED } from './unsent-values.ts';
import { INVISIBLE_NOT_FORMAT, utf16Escapes } from './testing-invisible.ts';

type Call = { url: string; init: RequestInit | undefined };

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<void>;

/** Runs the snippet as the Console would; returns the fetch calls it made. */
async function run(code: string): Promise<Call[]> {
  const calls: Call[] = [];
  const fakeFetch = (url: string, init?: RequestInit): Promise<void> => {
    calls.push({ url, init });
    return Promise.resolve();
  };
  await new AsyncFunction('fetch', code)(fakeFetch);
  return calls;
}

function exchange(over: Partial<ObservedExchange['request']> = {}, url = 'https://api.example/v1/items'): ObservedExchange {
  return {
    request: { method: 'PUT', headers: [['Content-Type', 'application/json'], ['X-Trace', 'abc']], initiatorOrigin: 'https://app.example', ...over },
    hops: [{ url, response: null }],
  };
}

const HOSTILE = ['</script><script>globalThis.pwned=1</script>', '`${globalThis.pwned=1}`', '"); globalThis.pwned=1; ("', '\\', 'a\u2028b\u2029c', '\ud800 lone', "it's", '\n// */ globalThis.pwned=1'];

describe('fetchSnippet', () => {
  it('sends the method, URL, page-set headers and body as captured', async () => {
    const { code } = fetchSnippet(exchange({ body: '{"a":1}' }));
    const [call, ...more] = await run(code);
    expect(more).toEqual([]);
    expect(call!.url).toBe('https://api.example/v1/items');
    expect(call!.init).toEqual({ method: 'PUT', headers: [['Content-Type', 'application/json'], ['X-Trace', 'abc']], body: '{"a":1}' });
  });

  it('a plain GET is fetch(url) alone', async () => {
    const { code } = fetchSnippet(exchange({ method: 'GET', headers: [] }));
    expect(await run(code)).toEqual([{ url: 'https://api.example/v1/items', init: undefined }]);
  });

  it('leaves out what the browser sets itself: forbidden headers and those added on the wire', async () => {
    const { code, omitted } = fetchSnippet(
      exchange({
        headers: [
          ['Origin', 'https://app.example'],
          ['User-Agent', 'x'],
          ['Sec-Fetch-Mode', 'cors'],
          [':authority', 'api.example'],
          ['Priority', 'u=1'],
          ['X-Trace', 'abc'],
        ],
      }),
    );
    const [call] = await run(code);
    expect(call!.init?.headers).toEqual([['X-Trace', 'abc']]);
    expect(omitted.sort()).toEqual([':authority', 'origin', 'priority', 'sec-fetch-mode', 'user-agent']);
  });

  it.each([
    ['captured include', { credentialsMode: 'include' as const }, 'include'],
    ['captured omit', { credentialsMode: 'omit' as const }, 'omit'],
    ['the default, same-origin', { credentialsMode: 'same-origin' as const }, undefined],
    ['a Cookie header proves include', { headers: [['Cookie', 'a=1']] as [string, string][] }, 'include'],
    ['unknown, no cookie', {}, undefined],
  ])('credentials: %s', async (_name, request, expected) => {
    const [call] = await run(fetchSnippet(exchange(request), { includeSecrets: true }).code);
    expect(call!.init?.credentials).toBe(expected);
  });

  it('replaces secrets by placeholders unless asked for them', async () => {
    const { code } = fetchSnippet(canaryExchange());
    for (const secret of Object.values(SECRETS)) expect(code).not.toContain(secret);
    expect(code).toContain('REDACTED');
    const withSecrets = fetchSnippet(canaryExchange(), { includeSecrets: true }).code;
    expect(withSecrets).toContain(SECRETS.bearerToken);
  });

  it('says so only when the call itself holds a placeholder', async () => {
    // The 401 preflight's WWW-Authenticate is redacted, but the call holds nothing of it.
    const { code } = fetchSnippet(unsentExchange());
    expect(code).not.toContain('Secrets were replaced');
    expect(code).not.toContain('REDACTED');
    expect(fetchSnippet(canaryExchange()).code).toContain('// Secrets were replaced by REDACTED-... placeholders.');
  });

  it('a request its failed preflight kept off the wire says its header values were never seen, in the curl export\'s words', async () => {
    const { code } = fetchSnippet(unsentExchange());
    expect(code).toContain(`// ${VALUES_NOT_CAPTURED} ${PUT_IN_VALUES}\n`);
    expect(code).not.toContain('the request as the page made it (');
    const [call] = await run(code);
    expect(call!.init?.headers).toEqual([['authorization', ''], ['content-type', '']]);
    // A capture that holds the values (a HAR, the request answered): no such note.
    const sent = unsentExchange();
    sent.request.headers = [['Origin', 'https://app.example'], ['Authorization', 'Bearer x'], ['Content-Type', 'application/json']];
    sent.hops[0]!.response = { status: 200, headers: [] };
    expect(fetchSnippet(sent).code).not.toContain(VALUES_NOT_CAPTURED);
  });

  it('the note holds no header name: hostile names stay inside their string literals', async () => {
    for (const text of HOSTILE) {
      const { code } = fetchSnippet(unsentExchange([text]), { includeSecrets: true });
      expect(code).toContain(VALUES_NOT_CAPTURED);
      const [call] = await run(code);
      expect(call!.init?.headers).toEqual([[text, '']]);
      expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
      const comments = code.split('\n').filter((line) => line.startsWith('//'));
      for (const comment of comments) expect(comment).not.toContain(text);
    }
  });

  it('hostile names, values, URL and body arrive exactly, and nothing else runs', async () => {
    for (const text of HOSTILE) {
      const hostile = exchange({ method: text, headers: [[text, text]], body: text }, `https://api.example/${text}`);
      const { code } = fetchSnippet(hostile, { includeSecrets: true });
      const g = globalThis as { pwned?: unknown };
      delete g.pwned;
      const [call, ...more] = await run(code);
      expect(g.pwned).toBeUndefined();
      expect(more).toEqual([]);
      expect(call!.url).toBe(`https://api.example/${text}`);
      expect(call!.init).toEqual({ method: text, headers: [[text, text]], body: text });
      // Inert inside an HTML script block and in any JavaScript parser.
      expect(code.toLowerCase()).not.toContain('</script');
      expect(code).not.toMatch(/[\u2028\u2029]/);
    }
  });
});

// A capture sanitized before (a sanitized HAR or a bundle opened again) holds REDACTED-... placeholders
// where the browser sent secrets: the call sends them, and the server answers that request, not the
// browser's. The snippet says where they are and what to put there.
describe('fetchSnippet of a capture sanitized before', () => {
  const NOTE = 'This capture was sanitized before';
  const sanitizedAgain = (exchange: ObservedExchange): ObservedExchange => exchangesFromHar(JSON.parse(serializeHar(harFromExchanges([exchange]))))[0]!;

  it('names the headers, query parameters and body that send placeholders, secrets asked for or not', () => {
    for (const includeSecrets of [false, true]) {
      const { code } = fetchSnippet(sanitizedAgain(canaryExchange()), { includeSecrets });
      const notes = code.split('\n').filter((line) => line.includes(NOTE));
      // Cookie is not among them: the browser sends its own cookies, the call leaves the header out.
      expect(notes).toEqual([
        '// This capture was sanitized before: this call sends its REDACTED-... placeholders, not what the browser sent, in the headers "Authorization", "X-Trace" and "X-Api-Key"; ' +
          'the query parameter "api_key"; the body. Put the real values there first (from a session of your own: a token or key the server accepts); ' +
          'sent as they are, the server may answer otherwise than it answered the browser (a 401 or 403 for a placeholder credential), and the CORS failure may not show.',
      ]);
      expect(code).not.toContain('Secrets were replaced');
    }
  });

  it('says nothing of the kind where the capture held no placeholder', () => {
    expect(fetchSnippet(canaryExchange()).code).not.toContain(NOTE);
    expect(fetchSnippet(canaryExchange(), { includeSecrets: true }).code).not.toContain(NOTE);
    expect(fetchSnippet(allowedExchange()).code).not.toContain(NOTE);
  });

  it('hostile names go into the note only as string literals, and nothing else runs', async () => {
    for (const text of HOSTILE) {
      const hostile = exchange({ headers: [[text, 'REDACTED-TOKEN']] }, `https://api.example/a?${text}=REDACTED-TOKEN`);
      for (const includeSecrets of [false, true]) {
        const { code } = fetchSnippet(hostile, { includeSecrets });
        const g = globalThis as { pwned?: unknown };
        delete g.pwned;
        const [call, ...more] = await run(code);
        expect(g.pwned).toBeUndefined();
        expect(more).toEqual([]);
        // A name that is no token loses what follows its first delimiter unless secrets are asked for.
        const [name, value] = (call!.init?.headers as [string, string][])[0]!;
        if (includeSecrets) expect(name).toBe(text);
        expect(value).toBe('REDACTED-TOKEN');
        const notes = code.split('\n').filter((line) => line.includes(NOTE));
        expect(notes, text).toHaveLength(1);
        expect(notes[0]).toContain(`in the header ${literal(name!)}; the query parameter `);
        expect(code.toLowerCase()).not.toContain('</script');
        expect(code).not.toMatch(/[\u2028\u2029\r]/);
      }
    }
  });
});

/** One of each kind a reader cannot see or that reorders what is shown, with the escape the snippet must show. */
const INVISIBLE: readonly (readonly [string, string])[] = [
  ...[0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c].map(
    (code) => [String.fromCharCode(code), `\\u${code.toString(16).padStart(4, '0')}`] as const,
  ),
  ['\u0000', '\\u0000'], ['\u001b', '\\u001b'], ['\u007f', '\\u007f'], ['\u0085', '\\u0085'], ['\u009b', '\\u009b'],
  ['\u200b', '\\u200b'], ['\u200d', '\\u200d'], ['\u2060', '\\u2060'], ['\ufeff', '\\ufeff'], ['\u00ad', '\\u00ad'],
  ['\u2028', '\\u2028'], ['\u2029', '\\u2029'], ['\ud800', '\\ud800'], ['\udfff', '\\udfff'],
  // Invisible but no format character: variation selectors, Hangul fillers, the Braille blank, ...
  ...INVISIBLE_NOT_FORMAT.map((char) => [char, utf16Escapes(char)] as const),
];

describe('literal', () => {
  it('writes every unprintable character as a \\uXXXX escape, so the code reads as what runs', () => {
    for (const [char, escape] of INVISIBLE) {
      const source = literal(`a${char}b`);
      expect(source, escape).toBe(`"a${escape}b"`);
      expect(new Function(`return ${source};`)()).toBe(`a${char}b`);
    }
  });

  it('the snippet holds no unprintable character but its line feeds, and sends the value exactly', async () => {
    const value = INVISIBLE.map(([char]) => char).join(' ');
    const { code } = fetchSnippet(exchange({ method: 'POST', headers: [['X-Hostile', value]], body: value }, `https://api.example/?q=${value}`), { includeSecrets: true });
    expect([...code].filter((char) => char !== '\n' && UNPRINTABLE.test(char))).toEqual([]);
    const [call] = await run(code);
    expect(call!.init).toEqual({ method: 'POST', headers: [['X-Hostile', value]], body: value });
    expect(call!.url).toBe(`https://api.example/?q=${value}`);
  });

  it('any string round-trips through JavaScript and never ends a script block', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const source = literal(text);
        expect(new Function(`return ${source};`)()).toBe(text);
        expect(source).not.toMatch(/[<\u2028\u2029\n\r]/);
        expect(source).not.toMatch(new RegExp(UNPRINTABLE.source, 'u'));
      }),
      { seed: 8, numRuns: 500 },
    );
    // 500 runs take well under a second alone; the bound is for a machine busy with other work.
  }, 30_000);
});
