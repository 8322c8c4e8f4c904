// String literals for each snippet language. Values come from the wire (or from a HAR someone
// sent you), so they can be hostile: every function here returns a literal that cannot end early,
// start a new statement, interpolate a variable or split a header, whatever the input.

type SnippetLanguage = 'js' | 'python' | 'java' | 'csharp' | 'nginx' | 'apache' | 'caddyfile' | 'json' | 'ruby' | 'php' | 'go';

const hex = (code: number, width: number): string => code.toString(16).toUpperCase().padStart(width, '0');

/** C0 controls, DEL, and the Unicode line/paragraph separators. */
const isControl = (code: number): boolean => code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 || code === 0x85;

/**
 * Removes what a header value can never hold (RFC 9110 field values exclude CTLs; CR/LF would
 * split the header). Config languages get the value without them, as the server would send it.
 */
export function stripControls(value: string): string {
  // Almost every value holds none: returned as it is, without copying it a character at a time
  // (the fixes and serverMustSend of a big capture call this for every header they show).
  if (!CONTROL.test(value)) return value;
  let out = '';
  for (const ch of value) if (!isControl(ch.codePointAt(0) ?? 0)) out += ch;
  return out;
}

/**
 * Characters never printed raw, in the engine's words or in any export, message or CLI text:
 * Unicode controls (Cc: C0, DEL, C1; U+009B is a one-character CSI on some terminals), format
 * characters (Cf: the bidirectional marks, embeddings, overrides and isolates, which reorder what is
 * shown, "Trojan Source", CVE-2021-42574: `\u202E` makes a quoted value read backwards; zero-width
 * characters, the BOM), line and paragraph separators, unpaired UTF-16 surrogates (which have no
 * UTF-8 bytes at all), and characters that show nothing although they are no format character:
 * Unicode's default-ignorable ones (variation selectors U+FE00–U+FE0F and U+E0100–U+E01EF, Hangul
 * fillers U+115F, U+1160, U+3164, U+FFA0, the combining grapheme joiner, Mongolian and Khmer
 * fillers) and the Braille blank U+2800. Any of them lets a header name or a URL hide text
 * (`Access-Control-Allow-Origin\u3164`, data smuggled in variation selectors after a visible
 * character). https://www.unicode.org/reports/tr44/#Default_Ignorable_Code_Point
 */
export const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}\u2800]/u;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'gu');
// Printable ASCII alone needs no escape: most values are that, and this scan is cheaper.
const NOT_PRINTABLE_ASCII = /[^\u0020-\u007e]/;

/**
 * `value` with each `UNPRINTABLE` character written as `\uXXXX` per UTF-16 unit, so a captured value
 * quoted inside one line of words (a console line) stays on that line, reads as it is and cannot drive
 * the terminal that prints it (`jq -r` of `--json` prints the words as they are). Real header values
 * and URLs hold none (a URL is serialized without them, and a header value cannot hold CR or LF); a
 * hand-made HAR can. Spelt `\u009B`, and `\uDB40\uDD00` for U+E0100, upper case, as Chromium's console
 * spells them (`encodeHint`, which the console line reproduces), so a value reads alike in the console
 * line and the words beside it. The exports and the CLI's own text spell `\x9b` and `\udb40\udd00`
 * (src/export/visible-text.ts `escapeShown`, docs/cli.md); as these words escape every character that
 * text would, the CLI's and the panel's pass leaves them alone, and one quoted value has one spelling.
 * `stripControls` keeps the bidi and format characters: it is what a server fix sends, and that stays
 * the captured value.
 */
export function escapeControls(value: string): string {
  if (!NOT_PRINTABLE_ASCII.test(value)) return value;
  UNPRINTABLE_ALL.lastIndex = 0;
  if (!UNPRINTABLE_ALL.test(value)) return value;
  return value.replace(UNPRINTABLE_ALL, (ch) => {
    let out = '';
    for (let i = 0; i < ch.length; i++) out += `\\u${hex(ch.charCodeAt(i), 4)}`;
    return out;
  });
}

/**
 * A code unit `isControl` is true of. Every one of them is a single UTF-16 unit, and no half of a
 * surrogate pair is one, so "no unit matches" is exactly "no code point is a control".
 */
const CONTROL = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/;

/** A JavaScript string in single quotes: `'...'`. Non-ASCII is escaped as `\u{...}`. */
export function jsString(value: string): string {
  let out = "'";
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else out += `\\u{${hex(code, 1)}}`;
  }
  return out + "'";
}

/** A Python 3 string in double quotes. */
export function pythonString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code <= 0xffff) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return out + '"';
}

/**
 * A Java string in double quotes. Java turns `\uXXXX` into characters *before* it reads the
 * source, so `\u0022` would close the string: controls use octal escapes, and `\u` is only used
 * for non-ASCII code units, none of which is special to the Java lexer.
 */
export function javaString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    const code = value.charCodeAt(i);
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code < 0x100 && (code < 0x20 || code === 0x7f)) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += `\\u${hex(code, 4)}`;
  }
  return out + '"';
}

/** A C# regular string in double quotes (no `\x`: it takes a variable number of digits). */
export function csharpString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    const code = value.charCodeAt(i);
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else out += `\\u${hex(code, 4)}`;
  }
  return out + '"';
}

/**
 * A single-quoted Ruby or PHP string: both read only `\\` and `\'` inside, and nothing
 * interpolates. Controls are left out (a header value cannot hold them).
 */
export function singleQuotedString(value: string): string {
  let out = "'";
  for (const ch of stripControls(value)) {
    if (ch === '\\' || ch === "'") out += `\\${ch}`;
    else out += ch;
  }
  return out + "'";
}

/**
 * A Go interpreted string literal in double quotes: Go reads Python's escapes (`\"`, `\\`,
 * `\uXXXX`, `\UXXXXXXXX`) the same way, but refuses a lone surrogate, which becomes U+FFFD.
 */
export function goString(value: string): string {
  return pythonString(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

/** An XML attribute value in double quotes (web.config). */
export function xmlAttribute(value: string): string {
  const escaped = stripControls(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `"${escaped}"`;
}

/** A JSON string. */
export function jsonString(value: string): string {
  // JSON.stringify escapes quotes, backslashes and controls; U+2028/9 are legal in JSON.
  return JSON.stringify(value);
}

/**
 * An nginx quoted string. nginx reads `\\` and `\"` inside quotes, and expands `$name` in
 * `add_header` values; it has no escape for `$`, so each `$` becomes `${dollar}`, which needs
 * `geo $dollar { default "$"; }` in the `http` block (`nginxNeedsDollar` tells).
 */
export function nginxString(value: string): string {
  let out = '"';
  for (const ch of stripControls(value)) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '$') out += '${dollar}';
    else out += ch;
  }
  return out + '"';
}

/**
 * A `map` source value: quoted like `nginxString`, but a source value expands no variables, so `$`
 * stays as it is. map reads a leading `~` as a regular expression and drops a leading `\`, so a
 * value starting with either gets one more `\` (https://nginx.org/en/docs/http/ngx_http_map_module.html).
 */
export function nginxMapKey(value: string): string {
  let out = '"';
  const clean = stripControls(value);
  if (clean.startsWith('~') || clean.startsWith('\\')) out += '\\\\';
  for (const ch of clean) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else out += ch;
  }
  return out + '"';
}

export function nginxNeedsDollar(value: string): boolean {
  return value.includes('$');
}

/**
 * An Apache quoted argument for `Header ... set`. Apache reads `\\` and `\"` inside quotes;
 * mod_headers reads `%` as a format (`%%` is a literal `%`); `${NAME}` is replaced by a Define
 * when the configuration is read and has no escape, so a value holding `${` returns null and the
 * caller uses a placeholder.
 */
export function apacheString(value: string): string | null {
  const clean = stripControls(value);
  if (clean.includes('${')) return null;
  let out = '"';
  for (const ch of clean) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '%') out += '%%';
    else out += ch;
  }
  return out + '"';
}

/**
 * A quoted Apache regular expression (`SetEnvIf`) matching exactly `value`. Letters, digits and
 * `:/-_` stand for themselves, `.` is `\.`, and every other byte is `\xHH` (PCRE): nothing is left
 * that the configuration reader (quotes, backslashes, `${`) or the regex could read otherwise.
 */
export function apacheExactRegex(value: string): string {
  let out = '"^';
  for (const byte of new TextEncoder().encode(stripControls(value))) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9:/_-]/.test(ch)) out += ch;
    else if (ch === '.') out += '\\.';
    else out += `\\x${hex(byte, 2)}`;
  }
  return out + '$"';
}

/**
 * A Caddyfile token. Backtick tokens are fully literal (no escapes at all), so they are used
 * unless the value holds a backtick; double-quoted tokens only know `\"`, so a backslash there
 * cannot be written safely and the value returns null. `{` and `}` are escaped (`\{`) because
 * Caddy replaces `{placeholders}` in header values.
 */
export function caddyString(value: string): string | null {
  const clean = stripControls(value).replace(/[{}]/g, (b) => `\\${b}`);
  if (!clean.includes('`')) return '`' + clean + '`';
  const raw = stripControls(value);
  if (raw.includes('\\')) return null;
  return '"' + clean.replace(/"/g, '\\"') + '"';
}

/** A raw HTTP header value for display: no CR/LF, so one header cannot become two. */
export function httpValue(value: string): string {
  return stripControls(value);
}
