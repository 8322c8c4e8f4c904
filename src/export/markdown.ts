// Markdown that stays inert whatever the exchange holds. Header values, URLs and notes come from a
// HAR someone sent, and the report is pasted into a GitHub or GitLab issue: a value must not close a
// code block, start a heading, inject HTML, make a link, or mention someone.
//
// Rules (CommonMark 0.31 and GFM):
// - code blocks use a backtick fence longer than any backtick run inside, so no line can close them;
// - code spans use a backtick string longer than any run inside, padded with a space when the text
//   starts or ends with a backtick or space (https://spec.commonmark.org/0.31.2/#code-spans), and
//   a line break (which inside a span would let the next line start a block) ends the span, with
//   `*(line break)*` after it, outside the code: what the report writes of its own is ASCII, and no
//   captured text, always inside the backticks, can read as that mark;
// - prose escapes every character with a meaning, and puts anything that GFM would turn into a link
//   (`scheme:...`, `www.`, `@user`, `user@host`, `#123`) in a code span;
// - control characters (ESC, CR, C1, bidi overrides, NUL...) are shown as escapes (`\x1b`) everywhere,
//   code blocks included: reports are also printed to terminals, where they would act.

import { showControls } from './visible-controls.ts';

const LINE_BREAK = /\r\n|\r|\n/g;

/** Longest run of `char` in `text`. */
function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** Control characters shown as escapes; line feeds and tabs, which Markdown reads as layout, kept. */
function inert(text: string): string {
  return showControls(text, { keepLayout: true });
}

/** A fenced code block holding `text` verbatim, control characters shown as escapes. `info` is ours (a language name), never data. */
export function codeBlock(text: string, info = ''): string {
  const body = inert(text).replace(/\n$/, '');
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

/**
 * Where a code span's text held a line break (CR, LF or CR LF): in italics between the spans of
 * the lines, not code. Not `\n` or `\x0a` inside the span, which a value can hold as text, nor `␤`,
 * which a terminal or CI log in another encoding shows as mojibake.
 */
const LINE_BREAK_SHOWN = '*(line break)*';
const HAS_LINE_BREAK = /[\r\n]/;

/**
 * Text on one line, in code spans: one span, or where it held line breaks, a span for each line
 * with `*(line break)*` between them. Empty text becomes an italic `(empty)`.
 */
export function codeSpan(text: string): string {
  return byLine(text, oneCodeSpan);
}

/** `text` written line by line by `write`, with `*(line break)*` where it held a line break. */
function byLine(text: string, write: (line: string) => string): string {
  if (!HAS_LINE_BREAK.test(text)) return write(text);
  const out: string[] = [];
  text.split(LINE_BREAK).forEach((line, i) => {
    if (i > 0) out.push(LINE_BREAK_SHOWN);
    if (line !== '') out.push(write(line));
  });
  return out.join(' ');
}

/** Text without a line break in one code span. */
function oneCodeSpan(text: string): string {
  const flat = inert(text);
  if (flat === '') return '*(empty)*';
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  // A span of spaces only is shown as it is: CommonMark strips no space from it.
  const pad = /^[` ]|[` ]$/.test(flat) && !/^ +$/.test(flat) ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

// ASCII punctuation that can start or end markup in the middle of a line: emphasis, code, links and
// images, HTML and entities, strike-through, table pipes, GitLab's `$math$`. Backslash-escaping any
// ASCII punctuation is always allowed: https://spec.commonmark.org/0.31.2/#backslash-escapes
const MARKUP = /[\\`*_[\]<>!&|~$]/g;

// Words that GFM or the issue tracker would turn into a link or a mention: a scheme (`https:`,
// `javascript:`), `www.`, `@user` and `user@host`, `#123`, GitLab's `!123`.
// Written as a scan, not one regular expression: `^\S*?[a-z][a-z0-9+.-]*:` backtracks over the
// whole word at every position, which never ends on a word of a megabyte (a hostile header name).
const LINKISH_MARK = /www\.|@|#\d|![0-9]/i;
const SCHEME_CHAR = /[a-z0-9+.-]/i;
const LETTER = /[a-z]/i;

function linkish(word: string): boolean {
  if (LINKISH_MARK.test(word)) return true;
  // A scheme: a letter, then letters, digits, `+`, `.` or `-`, then `:` and something after it.
  // Each colon looks back only to the previous one (a colon is no scheme character): linear.
  for (let colon = word.indexOf(':'); colon !== -1; colon = word.indexOf(':', colon + 1)) {
    if (!/\S/.test(word[colon + 1] ?? ' ')) continue;
    for (let i = colon - 1; i >= 0 && SCHEME_CHAR.test(word[i]!); i--) if (LETTER.test(word[i]!)) return true;
  }
  return false;
}

/** One word of prose: inert text, or a code span when it looks like a link. */
function proseWord(word: string, inTable: boolean): string {
  if (linkish(word)) {
    // Sentence punctuation around a URL stays outside the span: `http://a/b`, not `http://a/b,`,
    // and (`net::ERR_FAILED`), not `(net::ERR_FAILED`); but a `)` or `]` that closes one the value
    // opened is the value's: `javascript:alert(1)`, not `javascript:alert(1` and a `)` after it.
    const [, head = '', opened = word, closing = ''] = /^([([]*)(.*?)([.,;:!?)\]]*)$/s.exec(word) ?? [];
    const [core, tail] = withClosersKept(opened, closing);
    if (core === '') return word.replace(MARKUP, '\\$&');
    return head.replace(MARKUP, '\\$&') + (inTable ? tableCode(core) : codeSpan(core)) + tail.replace(MARKUP, '\\$&');
  }
  return word.replace(MARKUP, '\\$&');
}

/**
 * `core` with as much of the trailing punctuation `tail` as closes the brackets `core` left open (a
 * `)` for each unclosed `(`, a `]` for each `[`, the punctuation between them too), and the rest of
 * `tail`: GFM's autolinks keep a trailing `)` that way (https://github.github.com/gfm/#extended-autolink-path-validation).
 */
function withClosersKept(core: string, tail: string): [string, string] {
  if (tail === '') return [core, tail];
  let round = 0;
  let square = 0;
  for (const c of core) {
    if (c === '(') round++;
    else if (c === ')' && round > 0) round--;
    else if (c === '[') square++;
    else if (c === ']' && square > 0) square--;
  }
  let kept = 0;
  for (let i = 0; i < tail.length && (round > 0 || square > 0); i++) {
    if (tail[i] === ')' && round > 0) {
      round--;
      kept = i + 1;
    } else if (tail[i] === ']' && square > 0) {
      square--;
      kept = i + 1;
    }
  }
  return [core + tail.slice(0, kept), tail.slice(kept)];
}

function words(text: string, inTable: boolean): string {
  const flat = inert(text.replace(LINE_BREAK, ' '));
  // A long text (a note can hold millions of words) a piece at a time, cut after a space or tab:
  // the words of one piece at once, never all of them.
  const pieces: string[] = [];
  for (let start = 0; start < flat.length; ) {
    let end = start + 65_536;
    while (end < flat.length && flat[end - 1] !== ' ' && flat[end - 1] !== '\t') end++;
    pieces.push(wordsOfPiece(flat.slice(start, end), inTable));
    start = end;
  }
  return pieces.join('');
}

function wordsOfPiece(text: string, inTable: boolean): string {
  return text
    .split(/([ \t]+)/)
    .map((part, i) => (i % 2 === 1 ? part : proseWord(part, inTable)))
    .join('');
}

/**
 * Plain text as part of one Markdown line: every character literal, nothing active. Line breaks
 * become spaces. The caller starts the line with its own label, so the text never begins a block.
 */
export function prose(text: string): string {
  return words(text, false);
}

/** A multi-line text (a note) as a block quote, each line inert, block markers at its start too. */
export function quotedProse(text: string): string {
  return text
    .split(LINE_BREAK)
    .map((line) => {
      const trimmed = line.trim();
      if (trimmed === '') return '>';
      // A line may start a list, heading, setext underline or quote: escape that first character.
      const safe = prose(trimmed).replace(/^([-+#=>])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
      return `> ${safe}`;
    })
    .join('\n');
}

/**
 * A GFM table cell. The table splits rows on `|` before any inline parsing, so prose escapes it
 * (`\|` is a literal pipe in a cell), and line breaks, which would end the row, become spaces.
 */
export function tableCell(text: string): string {
  return words(text, true);
}

/**
 * A code span inside a table cell, showing the captured text exactly. GFM splits the row on `|`
 * before it parses code spans, and turns `\|` into `|` even inside one
 * (https://github.github.com/gfm/#tables-extension-, example 200): so each `|` is written `\|`.
 * A backslash right before a pipe is the one case renderers read apart: GitHub's cmark-gfm and
 * markdown-it read `\\|` as a backslash and an escaped pipe, the spec's reading (micromark's) as an
 * escaped backslash and a pipe that ends the cell; and inside a code span no backslash escapes.
 * So that backslash is written between two spans, as escaped text: `a\|b` is `` `a`\\`\|b` ``,
 * whose text is the captured one in every reading (markdown-table.test.ts renders the report's
 * tables with both parsers). Two spans side by side would not do: their backticks would make one run.
 */
export function tableCode(text: string): string {
  return byLine(text, oneTableCode);
}

/** `tableCode` of text without a line break. */
function oneTableCode(text: string): string {
  if (!text.includes('|')) return oneCodeSpan(text);
  return text
    .split(/\\(?=\|)/)
    .map((piece) => (piece === '' ? '' : oneCodeSpan(piece).replace(/\|/g, '\\|')))
    .join('\\\\');
}
