// Characters from captured data that must not reach a terminal, a pasted report or a log as they
// are (ESC starts the sequences that move the cursor, retitle the window or, with OSC 52, write the
// clipboard; CR overwrites a line; U+009B is a one-character CSI on some terminals; bidi controls
// reorder what is shown: "Trojan Source", CVE-2021-42574). Which characters those are is said once,
// in `visible-text.ts` (`UNPRINTABLE`); this module shows them in the CLI's text and Markdown outputs
// and makes JSON text inert. Each is shown as an escape a reader can see: `\x1b`, `\u202e`.

import { escapeShown, UNPRINTABLE } from './visible-text.ts';

const CONTROLS = new RegExp(UNPRINTABLE.source, 'gu');
// Line feeds and tabs are the layout of text whose lines are meant.
const CONTROLS_BUT_LAYOUT = new RegExp(`(?![\\n\\t])${UNPRINTABLE.source}`, 'gu');
// In JSON text these can only be inside strings (outside, JSON allows ASCII only), where `\uXXXX`
// stands for the same character: escaping them keeps the value and makes the text inert.
// JSON.stringify already escapes C0 (and lone surrogates).
const JSON_UNSAFE = new RegExp(`(?![\\u0000-\\u001f])${UNPRINTABLE.source}`, 'gu');
// Every character JSON_UNSAFE matches is at or above U+007F: text without one (most of `--json`'s
// output) is inert as it is, and this plain scan is many times cheaper than the Unicode-property one.
const BEYOND_ASCII = /[\u007f-\uffff]/;
// Nor is any of U+2010-U+2027 (dashes, quotes, bullets, the ellipsis: punctuation, none a control,
// a format character or a separator; U+2028 and U+2029 are): text beyond ASCII with only those (the
// prose's dashes, Firefox's console lines with their quotes) is inert as it is, and this scan, with
// no Unicode property in it, is many times cheaper than JSON_UNSAFE's.
const BEYOND_ASCII_AND_PUNCTUATION = /[\u007f-\u200f\u2028-\uffff]/;
// The same for CONTROLS: printable ASCII alone needs no escape.
const NOT_PRINTABLE_ASCII = /[^\u0020-\u007e]/;

/** `\uXXXX` per UTF-16 unit: the only escape JSON has. */
function unicodeEscape(char: string): string {
  let out = '';
  for (let i = 0; i < char.length; i++) out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/**
 * `text` with every control character shown as an escape. `keepLayout` keeps line feeds and tabs,
 * for text whose lines are meant (a fix snippet); data that must stay on one line leaves it off.
 */
export function showControls(text: string, options: { keepLayout?: boolean } = {}): string {
  if (!NOT_PRINTABLE_ASCII.test(text)) return text;
  const pattern = options.keepLayout === true ? CONTROLS_BUT_LAYOUT : CONTROLS;
  pattern.lastIndex = 0;
  return pattern.test(text) ? text.replace(pattern, escapeShown) : text;
}

/** JSON text with the characters a terminal acts on, which JSON.stringify leaves raw, escaped as `\uXXXX`. */
export function inertJson(json: string): string {
  if (!BEYOND_ASCII.test(json) || !BEYOND_ASCII_AND_PUNCTUATION.test(json)) return json;
  JSON_UNSAFE.lastIndex = 0;
  return JSON_UNSAFE.test(json) ? json.replace(JSON_UNSAFE, unicodeEscape) : json;
}
