// Property tests: for arbitrary (mostly hostile) exchanges, each shell gets a script that makes curl
// receive exactly the intended arguments, or a script with no command and a reason. Whether an
// exchange may be refused is decided here from the rules (RFC 9110 tokens, http(s) URLs, what each
// shell can carry), not from the export's own checks.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { curlCommands, renderCurlScript } from './curl.ts';
import { urlAsRequested } from './curl-arguments.ts';
import type { CurlPair, CurlRequest } from './curl-requests.ts';
import { curlPairOf, curlRequest, hostileText, readCurlArguments } from './testing-curl.ts';
import { SHELLS_UNDER_TEST } from './testing-curl-shells.ts';
import { UNPRINTABLE } from './visible-text.ts';

const tchar = fc.constantFrom(..."!#$%&'*+-.^_`|~0123456789AZaz");
const token = fc.string({ unit: tchar, minLength: 1, maxLength: 8 });
const withoutLineBreaks = (text: string) => text.replace(/[\0\r\n]/g, '');
const withoutBlanksOrControls = (text: string) => text.replace(/[\s\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, '');

// Mostly sendable, so that most cases reach the shells; about one in four is something to refuse.
// A third of the texts are ones cmd.exe can carry too, and a third ASCII, which PowerShell and cmd
// hand to curl.exe (`outsideAscii`).
const printable = (text: string) => text.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}!]/gu, '');
const ascii = (text: string) => text.replace(/[^\x00-\x7f]/gu, '');
const text = (maxLength?: number) => fc.oneof(hostileText(maxLength), hostileText(maxLength).map(printable), hostileText(maxLength).map(printable).map(ascii));
const requestArbitrary = fc.record({
  method: fc.oneof({ weight: 8, arbitrary: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'DELETE', '-K'), token) }, { weight: 1, arbitrary: hostileText(6) }),
  url: fc
    .tuple(
      fc.oneof({ weight: 12, arbitrary: fc.constantFrom('http://127.0.0.1:8080/', 'https://api.test/', 'HTTP://API.TEST/') }, { weight: 1, arbitrary: fc.constantFrom('gopher://x/', 'file:///', 'data:,', '-K', '') }),
      fc.oneof({ weight: 12, arbitrary: text().map(withoutBlanksOrControls) }, { weight: 1, arbitrary: hostileText() }),
    )
    .map(([start, rest]) => start + rest),
  headers: fc.array(
    fc.tuple(fc.oneof({ weight: 20, arbitrary: token }, { weight: 1, arbitrary: hostileText(8) }), fc.oneof({ weight: 20, arbitrary: text().map(withoutLineBreaks) }, { weight: 1, arbitrary: hostileText() })),
    { maxLength: 4 },
  ),
  body: fc.option(text(60), { nil: null }),
});

const pairArbitrary = fc.tuple(requestArbitrary, fc.option(requestArbitrary, { nil: null })).map(([request, preflight]) =>
  curlPairOf(curlRequest(request), preflight === null ? null : curlRequest({ ...preflight, role: 'preflight', method: 'OPTIONS', body: null })),
);

// RFC 9110 §5.6.2 and the export's promise: only absolute http(s) URLs, as captured.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
function sendable(request: CurlRequest): boolean {
  return (
    TOKEN.test(request.method) &&
    /^https?:\/\//i.test(request.url) &&
    !/[\s\p{Cc}\p{Cf}\p{Cs}]/u.test(request.url) &&
    URL.canParse(request.url) &&
    request.headers.every(([name, value]) => TOKEN.test(name) && !/[\0\r\n]/.test(value))
  );
}

const requestsOf = (pair: CurlPair) => (pair.preflight ? [pair.preflight, pair.request] : [pair.request]);
const textsOf = (request: CurlRequest) => [request.method, request.url, ...request.headers.flat(), ...(request.body === null ? [] : [request.body])];

/** What each shell must carry: anything sendable, except what it documents it cannot. */
// PowerShell and cmd: nothing outside ASCII but in the URL, which is sent percent-encoded.
const asciiBeyondTheUrl = (request: CurlRequest) => textsOf(request).every((text) => text === request.url || /^[\x00-\x7f]*$/.test(text));
const carries: Record<string, (request: CurlRequest) => boolean> = {
  bash: () => true,
  powershell: (request) => asciiBeyondTheUrl(request) && !(request.body ?? '').includes('\0') && request.body !== '--%' && request.method !== '--%',
  cmd: (request) => asciiBeyondTheUrl(request) && textsOf(request).every((text) => !UNPRINTABLE.test(text) && !text.includes('!')),
};

// Real shells are slow to start: two of them, fewer cases; the fixed cases in curl.test.ts run all.
const underTest = SHELLS_UNDER_TEST.filter((s) => !s.real || s.name === 'bash' || s.name.startsWith('zsh, pasted'));

describe.each(underTest)('$name: arbitrary exchanges round-trip or are refused with a reason (property)', ({ shell, real, run }) => {
  it('curl receives exactly the intended arguments', () => {
    fc.assert(
      fc.property(pairArbitrary, hostileText(), (pair, title) => {
        const { script, refusal } = renderCurlScript(shell, pair, { title });
        expect(UNPRINTABLE.test(script.replace(/\n/g, ''))).toBe(false);
        const mustCarry = requestsOf(pair).every((request) => sendable(request) && carries[shell]!(request));
        const mayCarry = requestsOf(pair).every(sendable);
        if (mustCarry) expect(refusal).toBe(null);
        if (!mayCarry) expect(refusal).not.toBe(null);
        const built = curlCommands(shell, pair);
        const intended = built.ok ? built.commands.map((command) => ({ args: command.args, stdin: command.stdin })) : [];
        const received = run(script);
        expect(received).toEqual(intended);
        // What a Windows program reading its command line through the ANSI code page could misread: none.
        if (shell !== 'bash') for (const call of received) for (const arg of call.args) expect(arg).toMatch(/^[\x00-\x7f]*$/);
        received.forEach((call, i) => {
          const request = requestsOf(pair)[i]!;
          const reading = readCurlArguments(call.args);
          expect(reading.url).toBe(urlAsRequested(request.url));
          expect(reading.data === '@-' ? call.stdin : reading.data).toBe(request.body);
        });
      }),
      { seed: 20_260_7, numRuns: real ? 20 : 400 },
    );
  }, 120_000);
});
