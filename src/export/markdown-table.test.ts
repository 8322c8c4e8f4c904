// The report's tables read by real GFM parsers: markdown-it (whose tables read `\\|` as GitHub's
// cmark-gfm does) and micromark with its GFM table extension (which follows the spec's reading of it).
// Each row must keep its cells, and each cell must show the captured value as the export means to:
// control characters as escapes, line breaks as `(line break)` between code spans and as spaces in
// prose, a `|` as `|`.

import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { micromark } from 'micromark';
import { gfmTable, gfmTableHtml } from 'micromark-extension-gfm-table';
import { describe, expect, it } from 'vitest';
import { diagnose, type ObservedExchange } from '../cors/index.ts';
import { CauseGroups, type CauseGroup } from './cause-groups.ts';
import { causeRow, causeTableHead } from './markdown-causes.ts';
import { markdownReport } from './markdown-report.ts';
import { hostileExchange, refusedHeaderExchange } from './testing-exchanges.ts';
import { showControls } from './visible-controls.ts';

const markdownIt = new MarkdownIt({ html: true });

const PARSERS: Record<string, (markdown: string) => string> = {
  'markdown-it': (markdown) => markdownIt.render(markdown),
  micromark: (markdown) => micromark(markdown, { allowDangerousHtml: true, extensions: [gfmTable()], htmlExtensions: [gfmTableHtml()] }),
};

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * Each table row of the rendered HTML as the text of its cells. Raw HTML is let through (GitHub
 * lets some through): a value's `<td>` or `<script>` that escaped would add a cell or lose text.
 */
function tableRows(html: string): string[][] {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
    [...row!.matchAll(/<(td|th)\b[^>]*>([\s\S]*?)<\/\1>/g)].map(([, , cell]) => cell!.replace(/<[^>]*>/g, '').replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!)),
  );
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** What a prose cell means to show: one line, controls as escapes; the table trims its edges. */
function shownAsProse(value: string): string {
  return showControls(value.replace(LINE_BREAK, ' '), { keepLayout: true }).replace(/^[ \t]+|[ \t]+$/g, '');
}

/**
 * What a code cell means to show: the value exactly, controls as escapes (tabs kept), a line break
 * as `(line break)` between the lines' spans.
 */
function shownAsCode(value: string): string {
  if (value === '') return '(empty)';
  const lines = value.split(LINE_BREAK);
  if (lines.length === 1) return showControls(value, { keepLayout: true });
  const shown: string[] = [];
  lines.forEach((line, i) => {
    if (i > 0) shown.push('(line break)');
    if (line !== '') shown.push(showControls(line, { keepLayout: true }));
  });
  return shown.join(' ');
}

// A real group, its shown fields replaced by the value.
const baseGroup: CauseGroup = (() => {
  const grouping = new CauseGroups();
  const exchange = refusedHeaderExchange('x-trace');
  grouping.add(exchange, diagnose(exchange));
  return grouping.groups()[0]!;
})();

function expectRowShows(value: string): void {
  // corsError and verdict are the engine's words, typed so; the writer is proven on any text all the same.
  const group = { ...baseGroup, title: value, apiOrigin: value, corsError: value as CauseGroup['corsError'] };
  const chromium = causeTableHead(1) + causeRow(group, 1, Infinity)!;
  const firefox = causeTableHead(1, 'firefox') + causeRow(group, 1, Infinity, value)!;
  const verdictShown = causeTableHead(1, 'firefox') + causeRow({ ...group, verdict: value as CauseGroup['verdict'] }, 1, Infinity, null)!;
  for (const [name, parse] of Object.entries(PARSERS)) {
    for (const table of [chromium, firefox]) {
      expect(tableRows(parse(table)), name).toEqual([
        ['#', 'Cause', 'Requests', 'API origin', table === chromium ? 'Chromium error' : 'Firefox reason'],
        ['1', shownAsProse(value), '1', shownAsCode(value), shownAsCode(value)],
      ]);
    }
    expect(tableRows(parse(verdictShown))[1], name).toEqual(['1', shownAsProse(value), '1', shownAsCode(value), shownAsProse(value)]);
  }
}

const HOSTILE = [
  'a|b',
  '|',
  '\\|',
  'a\\|b',
  'a\\\\|b',
  '\\\\\\|',
  'x\\',
  '\\',
  '`|`',
  '``a|b``',
  '` | `',
  'a\nb|c\r\nd',
  '<script>alert(1)</script>',
  '</td><td>x',
  'https://evil.example/|x',
  '@admin #1 | www.evil.example',
  '\x1b]52;c;cHduZWQ=\x07|\x9b31m\u202e|\0',
  ' | ',
  '',
];

describe('the cause table read by GFM parsers', () => {
  it.each(HOSTILE)('keeps its cells and shows %j as captured', (value) => {
    expectRowShows(value);
  });

  it('for any text of the characters that matter', () => {
    const unit = fc.constantFrom('|', '\\', '`', ' ', '\t', '\n', '\r', '<', '>', '&', '*', '_', '[', ']', 'a', 'h', ':', '/', '@', '#', '1', '\x1b', '\x9b', '\u202e');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 24 }), (value) => {
        expectRowShows(value);
      }),
      { seed: 35, numRuns: 300 },
    );
  });

  it('in a whole report, every row has its five cells', () => {
    const exchanges: ObservedExchange[] = [hostileExchange(), refusedHeaderExchange('x-a|b\\|c'), refusedHeaderExchange('x-`|`', 1, 'https://b.example')];
    // With the secrets kept: redaction cuts a name that is no token at its `\` (session 39), and this
    // test is about the table's cells, the `\|` in a name included.
    const report = markdownReport(exchanges.map((exchange) => ({ exchange })), { includeSecrets: true });
    for (const [name, parse] of Object.entries(PARSERS)) {
      const rows = tableRows(parse(report));
      expect(rows.length, name).toBe(1 + 3);
      for (const row of rows) expect(row, name).toHaveLength(5);
      expect(rows.some((row) => row[1]!.includes('x-a|b\\|c')), name).toBe(true);
    }
    // By default the name is cut, its `|` still in the cell.
    const redacted = markdownReport(exchanges.map((exchange) => ({ exchange })));
    for (const [name, parse] of Object.entries(PARSERS)) {
      const rows = tableRows(parse(redacted));
      for (const row of rows) expect(row, name).toHaveLength(5);
      expect(rows.some((row) => row[1]!.includes('x-a|b redacted-rest-of-name')), name).toBe(true);
    }
  });
});
