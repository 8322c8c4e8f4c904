import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineInto } from './vite-viewer-single-file.ts';

const PAGE = `<!doctype html>
<html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'" />
<script type="module" crossorigin src="/assets/viewer-1.js"></script>
<link rel="modulepreload" crossorigin href="/assets/ui-2.js">
<link rel="stylesheet" crossorigin href="/assets/ui-3.css">
</head><body><div id="panel"></div></body></html>`;

const scriptText = (html: string): string => html.match(/<script type="module">([\s\S]*?)<\/script>/)![1]!;

describe('inlineInto', () => {
  it('replaces the references with the script and stylesheet, and allows only that script by its hash', () => {
    const html = inlineInto(PAGE, 'console.log(1)', '.a{color:red}');
    expect(html).not.toContain('/assets/');
    expect(html).toContain('<style>\n.a{color:red}\n</style>');
    const text = scriptText(html);
    expect(text.trim()).toBe('console.log(1)');
    const hash = createHash('sha256').update(text).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).not.toContain("script-src 'self'");
  });

  it('keeps a "</script" or "</style" in the text from ending its element', () => {
    const html = inlineInto(PAGE, 'const s = "</script>";', 'a::after{content:"</style>"}');
    expect(scriptText(html)).toContain('"<\\/script>"');
    expect(html).toContain('content:"<\\/style>"');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });

  it('writes a "<!--" as "\\x3C!--", the same in a string, after which "<script" cannot hide the end of the element', () => {
    const html = inlineInto(PAGE, 'x = "<!--<script>"; y = /<!--/u', '');
    expect(scriptText(html).trim()).toBe('x = "\\x3C!--<script>"; y = /\\x3C!--/u');
    expect(html).not.toContain('<!--');
  });

  it('refuses a "<!--" it cannot rewrite (after a backslash)', () => {
    expect(() => inlineInto(PAGE, 'x = "\\<!--<script>"', '')).toThrow(/cannot be inlined safely/);
  });

  it('takes a "<script" with no "<!--" as the text it is', () => {
    const html = inlineInto(PAGE, 'x = "<script type=\\"module\\">"', '');
    expect(scriptText(html).trim()).toBe('x = "<script type=\\"module\\">"');
  });

  it('allows its one style element by hash, and no other inline style', () => {
    const html = inlineInto(PAGE, '', '.a{color:red}');
    const hash = createHash('sha256').update('\n.a{color:red}\n').digest('base64');
    expect(html).toContain(`style-src 'sha256-${hash}'`);
    expect(html).not.toContain('unsafe-inline');
  });
});
