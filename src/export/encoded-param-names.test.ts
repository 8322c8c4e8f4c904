// Session 37: a parameter's name was decoded once before it was judged, so `password` encoded twice
// (`%2570assword`, `%` itself encoded as `%25`) read as `%70assword`, and its value went out as
// captured (values were decoded up to four times, names not). Names are now decoded while decoding
// changes them, as deep as values; deeper than that, the value is taken as a secret.

import { describe, expect, it } from 'vitest';
import { maskedUrl } from './masked-url.ts';
import { redactBody } from './redact-body.ts';
import { redactHeader } from './redact-header.ts';
import { redactText, redactUrl } from './redact-text.ts';

/** `text` percent-encoded `times` times over (`p` → `%70` → `%2570` → `%252570`...). */
function encoded(text: string, times: number): string {
  let out = text.replace(/./g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  for (let i = 1; i < times; i++) out = out.replace(/%/g, '%25');
  return out;
}

const VALUE = 'hunter2xyz';

describe('a sensitive parameter name percent-encoded more than once', () => {
  it.each([1, 2, 3, 4, 5])('password encoded %i times: its value goes, in every export and in explain', (times) => {
    const url = `https://api.example/a?q=1&${encoded('password', times)}=${VALUE}&page=2`;
    for (const shown of [redactUrl(url), maskedUrl(url), redactText(`see ${url} now`, [], 'note')]) {
      expect(shown).not.toContain(VALUE);
      expect(shown).toContain('REDACTED-QUERY-SECRET');
      expect(shown).toContain('q=1&');
      expect(shown).toContain('&page=2');
    }
    const once = redactUrl(url);
    expect(redactUrl(once)).toBe(once);
  });

  it('in a fragment, and only the first letter encoded twice', () => {
    expect(redactUrl(`https://app.example/#/cb?%2561ccess_token=${VALUE}`)).not.toContain(VALUE);
    expect(redactUrl(`https://api.example/a?%2570ass=${VALUE}`)).not.toContain(VALUE);
  });

  it('deeper than a value is decoded: taken as a secret whatever it names', () => {
    const url = `https://api.example/a?${encoded('q', 7)}=${VALUE}`;
    expect(redactUrl(url)).toBe(`https://api.example/a?${encoded('q', 7)}=REDACTED-QUERY-SECRET`);
  });

  it('an ordinary name encoded twice, and an encoded value, stay as written', () => {
    const url = `https://api.example/a?${encoded('page', 2)}=2&q=caf%25C3%25A9`;
    expect(redactUrl(url)).toBe(url);
    expect(maskedUrl(url)).toBe(url);
  });
});

// Session 38: the same names outside a URL (a header value, a text body, cookie-like text): the pair
// rule of free text read a name back only to its first `%`, so `%2570assword=` was judged as
// `2570assword` and its value went out as captured.
describe('a sensitive name percent-encoded, outside a URL', () => {
  const NAMES = ['password', 'access_token', 'api_key', 'secret'];
  const forms = (name: string): string[] => [
    `debug ${name}=${VALUE}`,
    `a=1; ${name}=${VALUE}; b=2`,
    `{"log":"${name}=${VALUE}"}`,
    `${name}: ${VALUE}`,
  ];
  it.each(NAMES.flatMap((name) => [1, 2, 3, 4].map((times) => [name, times] as const)))('%s encoded %i times: its value goes', (name, times) => {
    for (const text of forms(encoded(name, times))) {
      const once = redactText(text, [], 'x-debug');
      expect(once, text).not.toContain(VALUE);
      expect(redactText(once, [], 'x-debug')).toBe(once);
    }
  });

  it('only one letter encoded twice, and in a header value, a text body and a cookie-like header', () => {
    for (const text of [`x %2570assword=${VALUE}`, `pass%2577ord=${VALUE}`, `%252570assword=${VALUE}`]) {
      expect(redactText(text, [], 'note')).not.toContain(VALUE);
      expect(redactHeader(['X-Thing', text], [])[1]).not.toContain(VALUE);
      expect(redactBody(text, [], 'text/plain')).not.toContain(VALUE);
    }
  });

  it('deeper than a value is decoded: taken as a secret whatever it names; an ordinary name stays', () => {
    expect(redactText(`x ${encoded('q', 7)}=${VALUE}`, [], 'note')).not.toContain(VALUE);
    const ordinary = `x ${encoded('page', 2)}=2 and 100%25 done, caf%25C3%25A9=1`;
    expect(redactText(ordinary, [], 'note')).toBe(ordinary);
  });
});
