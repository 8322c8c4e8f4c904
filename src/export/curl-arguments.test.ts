import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { curlInvocation, urlAsRequested } from './curl-arguments.ts';
import { anyCodePoint, curlRequest, readCurlArguments } from './testing-curl.ts';

const refusal = (overrides: Parameters<typeof curlRequest>[0]): string | null => {
  const checked = curlInvocation(curlRequest(overrides), '/dev/null', '-');
  return checked.ok ? null : checked.reason;
};

describe('what curl cannot be given', () => {
  it.each<[string, Parameters<typeof curlRequest>[0], RegExp]>([
    // Refused; since session 39 named only by its `@` (what follows a delimiter may be a secret).
    ['a header name that would read a file', { headers: [['@/etc/passwd\0', 'x']] }, /^the header name starting with "@" is not an HTTP token \(RFC 9110; the rest is not shown: it may hold a secret\)$/],
    // A name whose odd characters begin no value is named whole, a NUL at its end shown escaped.
    ['a header name ending in NUL, shown whole', { headers: [["x-$`id`'!|&\0", 'x']] }, /^the header name "x-\$`id`'!\|&\\x00" is not an HTTP token \(RFC 9110\)$/],
    ['a header name with a space', { headers: [['X Y', 'x']] }, /^the header name starting "X" is not an HTTP token \(RFC 9110; the rest is not shown: it may hold a secret\)$/],
    ['a header name with a colon', { headers: [['X:Y', 'x']] }, /starting "X" is not an HTTP token/],
    ['a header name with CR LF', { headers: [['X\r\nEvil', 'x']] }, /starting "X" is not an HTTP token/],
    // A whole header line captured as the name: its value is not printed.
    ['a header name holding its value', { headers: [['Authorization: Bearer sk_live_51HcanaryCANARY', '']] }, /^the header name starting "Authorization" is not an HTTP token \(RFC 9110; the rest is not shown: it may hold a secret\)$/],
    ['a header name holding name=value', { headers: [['X-Api-Key=ghp_canaryCANARY0123456789', 'x']] }, /starting "X-Api-Key" is not an HTTP token/],
    // A value glued on by a character no reader sees, or by `;` or `,`: not printed either.
    ['a header name holding a value after a zero-width space', { headers: [['X-Api-Key\u200bcanary0123456789abcdef', 'x']] }, /^the header name starting "X-Api-Key" is not an HTTP token \(RFC 9110; the rest is not shown: it may hold a secret\)$/],
    ['a header name holding a value after NUL', { headers: [['X-Api-Key\0canary0123456789abcdef', 'x']] }, /^the header name starting "X-Api-Key" is not/],
    ['a header name holding a value after ;', { headers: [['X-Api-Key;canary0123456789abcdef', 'x']] }, /^the header name starting "X-Api-Key" is not/],
    ['an empty header name', { headers: [['', 'x']] }, /"" is not an HTTP token/],
    ['a header name starting with a colon', { headers: [[': Bearer sk_live_51HcanaryCANARY', 'x']] }, /^the header name starting with ":" is not an HTTP token \(RFC 9110; the rest is not shown: it may hold a secret\)$/],
    // ESC begins it: shown escaped, and no further (what follows a control may be a value).
    ['a header name with an OSC 52 sequence, shown escaped', { headers: [['\x1b]52;c;aGk\x07', 'x']] }, /starting with "\\x1b" is not an HTTP token/],
    ['a LF in a value', { headers: [['X-A', 'a\nInjected: 1']] }, /^the value of the X-A header contains a line break or NUL byte$/],
    ['a CR in a value', { headers: [['X-A', 'a\rb']] }, /line break or NUL/],
    ['a NUL in a value', { headers: [['X-A', 'a\0b']] }, /line break or NUL/],
    ['an unpaired surrogate in a value', { headers: [['X-A', 'a\ud800']] }, /unpaired UTF-16 surrogate/],
    ['an unpaired surrogate in the body', { body: '\udfff' }, /^the body contains an unpaired UTF-16 surrogate/],
    ['a URL that is a curl option', { url: '-K/tmp/curlrc' }, /^the URL "-K\/tmp\/curlrc" is not an absolute http or https URL$/],
    ['a URL that is an output option', { url: '-o/tmp/x' }, /is not an absolute http or https URL/],
    ['gopher', { url: 'gopher://127.0.0.1:6379/_FLUSHALL' }, /^the URL scheme "gopher:" is not http or https$/],
    ['dict', { url: 'dict://127.0.0.1:11211/stat' }, /scheme "dict:"/],
    ['file', { url: 'file:///etc/passwd' }, /scheme "file:"/],
    ['data', { url: 'data:text/plain,hi' }, /scheme "data:"/],
    ['javascript', { url: 'javascript:alert(1)' }, /scheme "javascript:"/],
    ['a relative URL', { url: '/api/x' }, /not an absolute http or https URL/],
    ['http with one slash', { url: 'http:/x' }, /not an absolute http or https URL/],
    ['a space in the URL', { url: 'http://x/a b' }, /white space or a control character/],
    ['a bidi override in the URL', { url: 'http://x/\u202egpj.exe' }, /"http:\/\/x\/\\u202egpj\.exe" contains white space or a control character/],
    ['an invalid host', { url: 'http://[::1/' }, /is not a valid URL/],
    ['a method that is no token', { method: 'GET /x HTTP/1.1\r\n' }, /^the method "GET \/x HTTP\/1\.1\\x0d\\x0a" is not an HTTP token$/],
  ])('%s', (_about, overrides, message) => {
    expect(refusal(overrides)).toMatch(message);
  });

  it.each<Parameters<typeof curlRequest>[0]>([
    { url: 'HTTPS://API.test/x' },
    { url: "http://x/$(id)/it's?q=[1]&y={2}#frag" },
    { headers: [['X-Esc', 'a\x1b]52;c;aGk=\x07 \u202e ü']] },
    { headers: [["!#$%&'*+-.^_`|~", '"q"']] },
    { method: '-K', body: '@/etc/passwd' },
  ])('takes %j (unprintable characters are for the quoting to escape)', (overrides) => {
    expect(refusal(overrides)).toBe(null);
  });
});

describe('the URL curl is given', () => {
  // The browser's reading of the captured URL (the URL Standard's), which curl's own parser does not
  // share: curl gets the serialization, which both read alike.
  it.each<[string, string, string]>([
    ['a backslash before @ (curl: user name `api.example\\`, host 10.0.0.1)', 'http://api.example\\@10.0.0.1:8080/steal', 'http://api.example/@10.0.0.1:8080/steal'],
    ['backslashes as slashes', 'https:\\\\api.example\\x', 'https://api.example/x'],
    ['a user name and password (curl would send them as Authorization)', 'https://user:pw@api.example/x', 'https://api.example/x'],
    ['a user name only', 'https://user@api.example/x', 'https://api.example/x'],
    ['a fragment (never sent)', 'https://api.example/x?q=1#frag', 'https://api.example/x?q=1'],
    ['dot segments, resolved as the browser does', 'http://api.example/a/./b/../c', 'http://api.example/a/c'],
    ['encoded dot segments', 'http://api.example/a/%2e%2E/c', 'http://api.example/c'],
    ['an upper-case scheme and host, and no path', 'HTTPS://API.Example', 'https://api.example/'],
    ['an internationalized host, in ASCII', 'https://bücher.example/x', 'https://xn--bcher-kva.example/x'],
    ['a default port', 'https://api.example:443/x', 'https://api.example/x'],
    ['brackets and braces in the query, kept (-g stops curl globbing them)', 'http://x/$(id)/it\'s?q=[1]&y={2}', 'http://x/$(id)/it\'s?q=[1]&y={2}'],
  ])('%s', (_about, captured, sent) => {
    expect(urlAsRequested(captured)).toBe(sent);
  });

  it('is what curl reads after --url', () => {
    const checked = curlInvocation(curlRequest({ url: 'http://api.example\\@10.0.0.1/x#f' }), '/dev/null', '-');
    if (!checked.ok) throw new Error(checked.reason);
    expect(checked.invocation.lines[1]).toEqual(['--url', 'http://api.example/@10.0.0.1/x']);
  });
});

describe('the arguments', () => {
  it('limit curl to HTTP, give the URL after --url, and send an empty value as "Name;"', () => {
    const checked = curlInvocation(curlRequest({ method: 'PUT', url: 'http://api.test/x', headers: [['X-Empty', ' '], ['Accept', '*/*']], body: '@body' }), '/dev/null', '-');
    if (!checked.ok) throw new Error(checked.reason);
    expect(checked.invocation.lines).toEqual([
      ['-q', '--proto', '=http,https', '--proto-redir', '=http,https', '-sS', '--path-as-is', '-g', '-o', '/dev/null', '-D', '-', '-X', 'PUT'],
      ['--url', 'http://api.test/x'],
      ['-H', 'X-Empty;'],
      ['-H', 'Accept: */*'],
      ['-H', 'User-Agent:'],
      ['-H', 'Content-Type:'],
    ]);
    expect(checked.invocation.body).toBe('@body');
  });

  it('whatever the capture holds, curl reads only the options the export meant (property)', () => {
    const text = fc.string({ unit: anyCodePoint, maxLength: 12 });
    fc.assert(
      fc.property(fc.record({ method: fc.oneof(fc.constantFrom('GET', 'HEAD', 'PUT', '-K', '--url'), text), url: fc.oneof(text, text.map((t) => `http://x/${t}`)), headers: fc.array(fc.tuple(text, text), { maxLength: 4 }), body: fc.option(text) }), (overrides) => {
        const checked = curlInvocation(curlRequest(overrides), '/dev/null', '-');
        if (!checked.ok) return;
        const reading = readCurlArguments(checked.invocation.lines.flat());
        expect(reading.url).toBe(urlAsRequested(overrides.url));
        expect(reading.headers.slice(0, overrides.headers.length).map((h) => h.split(/[:;]/)[0])).toEqual(overrides.headers.map(([name]) => name));
      }),
      { seed: 20_260_107, numRuns: 500 },
    );
  });
});
