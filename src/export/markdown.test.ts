import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { codeBlock, codeSpan, prose, quotedProse, tableCell, tableCode } from './markdown.ts';
import { activeText, linesOutsideFences, withoutCodeSpansAndEscapes } from './testing-markdown.ts';

// Values a HAR from a stranger can hold.
const hostile = [
  'a`b',
  '``` ',
  '````js\n# Heading\n````',
  '<script>alert(1)</script>',
  '[x](javascript:alert(1))',
  '![img](http://evil.example/x.png)',
  'a | b | c',
  'line1\n# line2\r\n> line3\rline4',
  'http://evil.example/?q=1',
  'www.evil.example',
  '@everyone ping',
  'user@evil.example',
  'fixes #123',
  '&lt;img src=x onerror=alert(1)&gt;',
  '**bold** _it_ ~~del~~ $x$',
  '`',
  ' ` ',
  '\\',
  '\\|',
  'ends with backslash \\',
];

/**
 * What remains once code is removed must hold no markup a renderer would act on, and the text a
 * reader sees must hold nothing GitHub or GitLab would link (they scan rendered text for those).
 */
function expectInert(line: string): void {
  expect(withoutCodeSpansAndEscapes(line, 'drop')).not.toMatch(/[<>[\]`*_~|&$]/);
  const seen = withoutCodeSpansAndEscapes(line, 'resolve');
  expect(seen).not.toMatch(/[a-z][a-z0-9+.-]*:\S/i);
  expect(seen).not.toMatch(/www\.|@|#\d|!\d/i);
}

describe('codeSpan', () => {
  it.each(hostile)('keeps %j inside code spans, whole, on one line', (value) => {
    const span = codeSpan(value);
    expect(span).not.toMatch(/[\r\n]/);
    // Removing the spans leaves nothing but the marks of line breaks: no part of the value escaped them.
    expect(withoutCodeSpansAndEscapes(span).replace(/ ?\*\(line break\)\* ?/g, '')).toBe('');
  });

  it('uses a backtick string longer than any run inside, padded when the text touches a backtick', () => {
    expect(codeSpan('a``b')).toBe('```a``b```');
    expect(codeSpan('`x')).toBe('`` `x ``');
  });

  // Session 43: shown as `␤` inside the span, which a terminal or CI log in another encoding shows
  // as mojibake. Outside the code, the mark cannot read as a value's text (as `\n` could).
  it('shows line breaks instead of obeying them: ends the span, marks the break outside the code', () => {
    expect(codeSpan('a\nb\r\nc')).toBe('`a` *(line break)* `b` *(line break)* `c`');
    expect(codeSpan('a\\nb\rc\n')).toBe('`a\\nb` *(line break)* `c` *(line break)*');
    expect(codeSpan('\n\n')).toBe('*(line break)* *(line break)*');
    expect(codeSpan('\n`x')).toBe('*(line break)* `` `x ``');
  });

  it('renders a line break as the mark between the pieces, in italics, the pieces as code', () => {
    const html = new MarkdownIt().renderInline(`found ${codeSpan('a\r\n# b')}`);
    expect(html).toBe('found <code>a</code> <em>(line break)</em> <code># b</code>');
  });

  it('writes (empty) for an empty value, since `` is no code span', () => {
    expect(codeSpan('')).toBe('*(empty)*');
  });
});

describe('codeBlock', () => {
  it.each(hostile)('keeps %j inside the block', (value) => {
    const block = codeBlock(`before\n${value}\nafter`, 'http');
    expect(linesOutsideFences(`${block}\nTAIL`)).toEqual(['TAIL']);
  });

  it('fences with more backticks than the longest run inside', () => {
    expect(codeBlock('x ````` y').startsWith('``````\n')).toBe(true);
    expect(codeBlock('plain', 'bash')).toBe('```bash\nplain\n```');
  });

  it('never lets an arbitrary text end the block early (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('`', '~', '\n', ' ', 'a', '#', '>') }), (text) => {
        expect(linesOutsideFences(`${codeBlock(text, 'text')}\nTAIL`)).toEqual(['TAIL']);
      }),
    );
  });
});

describe('prose', () => {
  it.each(hostile)('makes %j inert', (value) => {
    const line = `**Label:** ${prose(value)}`;
    expect(line).not.toMatch(/[\r\n]/);
    expectInert(line.replace('**Label:**', ''));
  });

  it('puts link-like words in code spans and leaves plain words readable', () => {
    expect(prose('see http://a.example/x, then')).toBe('see `http://a.example/x`, then');
    // Brackets around it stay outside too, not half inside the span.
    expect(prose('Connection refused (net::ERR_CONNECTION_REFUSED)')).toBe('Connection refused (`net::ERR_CONNECTION_REFUSED`)');
    expect(tableCell('see [http://a.example/x]')).toBe('see \\[`http://a.example/x`\\]');
    expect(prose('Origin not allowed')).toBe('Origin not allowed');
  });

  it('is inert for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('`', '<', '>', '[', ']', '(', ')', '|', '\\', '*', '_', '@', '#', '1', ':', 'h', 'w', '.', ' ', '\n', '&', '$', '!') }), (text) => {
        expectInert(prose(text));
      }),
    );
  });

  // Session 41: "Access-Control-Allow-Origin is `javascript:alert(1`), not ...": the value's own `)`
  // was taken for sentence punctuation.
  it('keeps in the span a closing bracket the value opened, and leaves out the sentence\'s', () => {
    expect(prose('Access-Control-Allow-Origin is javascript:alert(1), not the request')).toBe('Access-Control-Allow-Origin is `javascript:alert(1)`, not the request');
    expect(prose('302 to javascript:alert(1).')).toBe('302 to `javascript:alert(1)`.');
    expect(prose('(see javascript:alert(1))')).toBe('(see `javascript:alert(1)`)');
    expect(prose('(https://a.example/x_(y).)')).toBe('(`https://a.example/x_(y)`.)');
    expect(prose('https://a.example/[1].')).toBe('`https://a.example/[1]`.');
    expect(prose('https://a.example/(a(b.c)).')).toBe('`https://a.example/(a(b.c))`.');
    expect(tableCell('is javascript:alert(1), not')).toBe('is `javascript:alert(1)`, not');
    // Rendered, the code holds the whole value.
    const html = new MarkdownIt().render(`- **Verdict:** ${prose('Access-Control-Allow-Origin is javascript:alert(1), not the request')}`);
    expect(html).toContain('<code>javascript:alert(1)</code>, not');
  });

  it('a span is followed by no bracket it left open, and the rendered text is the text (property)', () => {
    const md = new MarkdownIt();
    const count = (text: string, c: string): number => text.split(c).length - 1;
    const word = fc.string({ unit: fc.constantFrom('(', ')', '[', ']', '.', ',', 'a', '1', ':') }).map((rest) => `javascript:${rest}`);
    fc.assert(
      fc.property(fc.constantFrom('', '(', '[', '(('), word, fc.constantFrom('', ')', '),', ').', ']', '))', '.)'), (head, value, tail) => {
        const text = `${head}${value}${tail}`;
        const html = md.renderInline(prose(text));
        expect(html.replace(/<[^>]+>/g, '')).toBe(text);
        for (const [, code = '', after = ''] of html.matchAll(/<code>(.*?)<\/code>(.?)/g)) {
          if (after === ')') expect(count(code, '(')).toBeLessThanOrEqual(count(code, ')'));
          if (after === ']') expect(count(code, '[')).toBeLessThanOrEqual(count(code, ']'));
        }
      }),
    );
  });
});

describe('quotedProse', () => {
  it('quotes every line and escapes what would start a block inside the quote', () => {
    expect(quotedProse('- item\n# heading\n1. one\n\n=== \n> nested').split('\n')).toEqual([
      '> \\- item',
      '> \\# heading',
      '> 1\\. one',
      '>',
      '> \\===',
      '> \\> nested',
    ]);
  });
});

describe('table cells', () => {
  it.each(hostile)('keep %j in its cell', (value) => {
    const row = `| ${tableCell(value)} | ${tableCode(value)} |`;
    expect(row).not.toMatch(/[\r\n]/);
    // The only unescaped pipes left once code spans are out are the two row borders and the middle one.
    const outside = activeText(row)[0]!;
    expect(outside.match(/\|/g)).toHaveLength(3);
    // Inside a code span in a cell, every pipe escaped (GFM would split the cell at a raw one);
    // markdown-table.test.ts reads the cells with real GFM parsers.
    expect(tableCode(value)).not.toMatch(/(?<!\\)\|/);
  });
});
