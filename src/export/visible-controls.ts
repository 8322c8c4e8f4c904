// Characters from captured data that must not reach a terminal, a pasted report or a log as they
// are: C0 controls (ESC starts the sequences that move the cursor, retitle the window or, with
// OSC 52, write the clipboard; CR overwrites a line), DEL, C1 controls (U+009B is a one-character
// CSI on some terminals), the bidirectional overrides, isolates and marks (they reorder what is
// shown: "Trojan Source", CVE-2021-42574), and the Unicode line and paragraph separators.
// Each is shown as an escape a reader can see: `\x1b`, `\u202e`.

// One pattern, so that every output escapes the same set.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// In JSON text these can only be inside strings (outside, JSON allows ASCII only), where `\uXXXX`
// stands for the same character: escaping them keeps the value and makes the text inert. JSON.stringify
// already escapes C0.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control character shown as an escape. `keepLayout` keeps line feeds and tabs,
 * for text whose lines are meant (a fix snippet); data that must stay on one line leaves it off.
 */
export function showControls(text: string, options: { keepLayout?: boolean } = {}): string {
  const pattern = options.keepLayout === true ? CONTROLS_BUT_LAYOUT : CONTROLS;
  pattern.lastIndex = 0;
  return pattern.test(text) ? text.replace(pattern, visible) : text;
}

/** JSON text with the characters a terminal acts on, which JSON.stringify leaves raw, escaped as `\uXXXX`. */
export function inertJson(json: string): string {
  JSON_UNSAFE.lastIndex = 0;
  return JSON_UNSAFE.test(json) ? json.replace(JSON_UNSAFE, unicodeEscape) : json;
}
