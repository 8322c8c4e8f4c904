import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { urlAsSent } from './url-as-sent.ts';

describe('urlAsSent', () => {
  it.each([
    // A `\` ends an http URL's host: the request went to evil.example.
    ['https://evil.example\\@api.example/x', 'https://evil.example/@api.example/x'],
    ['https://0x7f.1/v', 'https://127.0.0.1/v'],
    ['https://аpi.example/y', 'https://xn--pi-6kc.example/y'],
    ['HTTPS://API.EXAMPLE:443/./a/../z', 'https://api.example/z'],
    ['https://api.example\t/w', 'https://api.example/w'],
    ['http://api.example:80/a', 'http://api.example/a'],
    ['https://api.example', 'https://api.example/'],
    ['https://api.example/a/%2e%2E/b', 'https://api.example/b'],
    ["https://api.example/a?q='x'", 'https://api.example/a?q=%27x%27'],
    ['https://api.example/\u202egpj.exe', 'https://api.example/%E2%80%AEgpj.exe'],
    ['http://user:pa ss@api.example/', 'http://user:pa%20ss@api.example/'],
  ])('%j is sent as %j', (captured, sent) => expect(urlAsSent(captured)).toBe(sent));

  it.each(['/api/x', 'not a url', 'http://[::1/'])('%j, no absolute URL, stays as captured', (url) => expect(urlAsSent(url)).toBe(url));

  it('gives what the URL parser gives for any http(s) URL, fast path or not', () => {
    const part = fc.constantFrom('a', 'B', '0', '9', '.', '..', '-', '/', '\\', '@', ':', '%2e', '%2E', '%', '%20', '%zz', '%%', '?', '#', "'", ' ', '\t', '\u0430', '0x7f', '255', '256', ':80', ':443', ':8080', ':99999', '&', '=', '~', '[', ']');
    const url = fc.tuple(fc.constantFrom('http://', 'https://', 'HTTP://'), fc.array(part, { maxLength: 6 }), fc.array(part, { maxLength: 8 })).map(([s, host, path]) => `${s}${host.join('')}/${path.join('')}`);
    fc.assert(
      fc.property(url, (u) => {
        let expected: string;
        try {
          expected = new URL(u).href;
        } catch {
          expected = u;
        }
        expect(urlAsSent(u)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });
});
