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

  it('refuses a script containing "<script", which the HTML parser could read past its end', () => {
    expect(() => inlineInto(PAGE, 'x = "<!--<script>"', '')).toThrow(/cannot be inlined safely/);
  });
});
