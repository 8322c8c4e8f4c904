import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBundle, serializeBundle } from './bundle.ts';
import { parseBundle } from './bundle-schema.ts';
import { diagnosisPage, jsonForScriptElement, ViewerPageError } from './diagnosis-page.ts';
import { canaryExchange } from './testing-exchanges.ts';
import { VIEWER_PAGE, VIEWER_SCRIPT, VIEWER_SCRIPT_HASH, VIEWER_STYLE_HASH } from './testing-viewer-page.ts';

const OPEN = '<script type="application/json" id="bundle">';

/** The data block's text, as the HTML parser reads it: up to the first `</script`. */
function embedded(page: string): string {
  const start = page.indexOf(OPEN);
  expect(start).toBeGreaterThan(page.indexOf('<body>'));
  const text = page.slice(start + OPEN.length);
  return text.slice(0, text.search(/<\/script/i));
}

function policyOf(page: string): Map<string, string> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)![1]!;
  return new Map(content.split('; ').map((d) => [d.slice(0, d.indexOf(' ')), d.slice(d.indexOf(' ') + 1)]));
}

const HOSTILE = [
  '</script><script>alert(1)</script>',
  '<!--<script>',
  '</SCRIPT >',
  '<img src=x onerror=alert(1)>',
  'line\u2028para\u2029end',
  "$' $& $` $$ $1",
  '&lt;&amp;&#x3c;',
  '\\u003c',
  '\\</script>',
  ']]>',
];

function bundleWith(strings: readonly string[]): string {
  const exchange = canaryExchange();
  return serializeBundle(
    createBundle({
      exchanges: [
        {
          id: strings[0],
          exchange: { ...exchange, request: { ...exchange.request, headers: [...exchange.request.headers, ...strings.map((s): [string, string] => [s, s])] } },
          notes: strings.map((text) => ({ text })),
        },
      ],
      engineVersion: '1',
      author: { name: strings.join(' ') },
      createdAt: '2026-03-01T09:08:07.000Z',
    }),
  );
}

describe('diagnosisPage: the bundle as data', () => {
  it('round-trips hostile strings exactly, none of them raw in the page', () => {
    const bundle = bundleWith(HOSTILE);
    const page = diagnosisPage(VIEWER_PAGE, bundle);
    expect(JSON.parse(embedded(page))).toEqual(JSON.parse(bundle));
    const parsed = parseBundle(embedded(page));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.bundle.exchanges[0]!.notes.map((n) => n.text)).toEqual(HOSTILE);
    // The element ends where the data does, not earlier: all of it is in the text the parser reads.
    const data = embedded(page);
    expect(page.slice(page.indexOf(OPEN) + OPEN.length)).toMatch(/^[^<]*<\/script>\n\s*<div id="panel">/);
    expect(data.length).toBeGreaterThan(bundle.length);
    for (const raw of ['</script>', '<!--', '<script', '<img', '\u2028', '\u2029']) expect(data).not.toContain(raw);
    // Two script elements in the body, both closed where they should be: the data, then the viewer's.
    const body = page.slice(page.indexOf('<body>'));
    expect(body.match(/<\/script>/g)).toHaveLength(2);
    expect(page).toContain(`<script type="module">${VIEWER_SCRIPT}</script>`);
  });

  it('round-trips any text, and leaves no "<", ">", "&", U+2028 or U+2029 in the data', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 4 }), (strings) => {
        const json = JSON.stringify({ strings });
        const text = jsonForScriptElement(json);
        expect(text).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(text)).toEqual({ strings });
      }),
      { seed: 20_261_204, numRuns: 100 },
    );
  }, 60_000);

  it('does not read the bundle as a replacement pattern', () => {
    const page = diagnosisPage(VIEWER_PAGE, JSON.stringify({ x: "$' $& $`" }));
    expect(JSON.parse(embedded(page))).toEqual({ x: "$' $& $`" });
    expect(page.split('<!doctype html>')).toHaveLength(2);
  });
});

describe('diagnosisPage: the policy', () => {
  it('loads and connects to nothing; runs only the viewer script and its style, by hash', () => {
    const policy = policyOf(diagnosisPage(VIEWER_PAGE, '{}'));
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': "'none'",
      'script-src': VIEWER_SCRIPT_HASH,
      'style-src': VIEWER_STYLE_HASH,
      'img-src': 'data:',
      'connect-src': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
    });
  });

  it("replaces the head's policy, not the look-alike in the viewer's script", () => {
    const page = diagnosisPage(VIEWER_PAGE, '{}');
    expect(page.match(/http-equiv="Content-Security-Policy"/g)).toHaveLength(2);
    expect(page).toContain(VIEWER_SCRIPT);
    expect(page.indexOf(OPEN)).toBeLessThan(page.indexOf('<div id="panel">'));
    expect(page).toContain('<title>CORS diagnosis — CORS Inspector</title>');
  });

  it.each([
    ['no policy', VIEWER_PAGE.replace(/<meta http-equiv[^>]*>/, ''), /no Content-Security-Policy/],
    ["script-src 'self'", VIEWER_PAGE.replace(/script-src [^;]*/, "script-src 'self'"), /script-src is "'self'"/],
    ["a script-src with 'unsafe-inline'", VIEWER_PAGE.replace(/script-src ([^;]*)/, "script-src $1 'unsafe-inline'"), /not the hash/],
    ['no body', VIEWER_PAGE.replace('<body>', '<div>'), /no <body>/],
  ])('refuses a page that is not the built viewer: %s', (_what, page, message) => {
    expect(() => diagnosisPage(page, '{}')).toThrow(ViewerPageError);
    expect(() => diagnosisPage(page, '{}')).toThrow(message);
  });
});
