// One spelling of a shown escape across the exports, the messages and the CLI's own text
// (docs/cli.md, "Captured text is shown, not obeyed"): `\x1b` below U+0100, `\u202e` above, lower
// case, one per UTF-16 unit. The engine's words are the other reader, spelt as Chromium's console
// spells them (`\u009B`): pinned in src/cors/explain/escape.test.ts.

import { describe, expect, it } from 'vitest';
import { diagnose, escapeControls, explain } from '../cors/index.ts';
import { curlScript } from './curl.ts';
import { curlPair } from './curl-requests.ts';
import { codeSpan, prose } from './markdown.ts';
import { showControls } from './visible-controls.ts';
import { quoted, visible } from './visible-text.ts';
import { refusedHeaderExchange } from './testing-exchanges.ts';

const SPELT: [string, string][] = [
  ['\x1b', '\\x1b'],
  ['\n', '\\x0a'],
  ['\r', '\\x0d'],
  ['\x7f', '\\x7f'],
  ['\x9b', '\\x9b'],
  ['\u061c', '\\u061c'],
  ['\u202e', '\\u202e'],
  ['\u2028', '\\u2028'],
  ['\udb40\udd00', '\\udb40\\udd00'],
];

describe('a shown escape is spelt one way', () => {
  it.each(SPELT)('%j as %s', (char, spelt) => {
    const value = `a${char}b`;
    const shown = `a${spelt}b`;
    expect(showControls(value)).toBe(shown); // explain's text, the panel's values, CLI messages
    expect(visible(value)).toBe(shown); // curl's comments
    expect(quoted(value)).toBe(`"${shown}"`); // curl's refusals, the probe's messages
    if (char !== '\n' && char !== '\r') {
      // Markdown shows a line break between code spans (`*(line break)*`) or as a space (in prose), never as an escape.
      expect(codeSpan(value)).toBe(`\`${shown}\``);
      expect(prose(value)).toBe(shown.replace(/\\/g, '\\\\'));
    }
  });

  it("in a curl script's comments for each shell", () => {
    const exchange = refusedHeaderExchange('x-trace');
    const diagnosis = diagnose(exchange);
    const pair = curlPair(exchange, diagnosis, explain(diagnosis, exchange), { includeSecrets: false });
    for (const shell of ['bash', 'powershell', 'cmd'] as const) {
      const script = curlScript(shell, pair, { title: 'PUT x\x9b2J\u202e' });
      expect(script, shell).toContain('x\\x9b2J\\u202e');
      expect(script, shell).not.toMatch(/\\u009B|\\u202E/);
    }
  });

  it('while the engine words it as Chromium does', () => {
    expect(escapeControls('a\x9b\u202eb')).toBe('a\\u009B\\u202Eb');
  });
});
