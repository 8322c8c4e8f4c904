// Each escaper is checked against the real parser of its language where one is on the machine
// (JavaScript: this engine; JSON: JSON.parse; Python: python3; Java: the java launcher), and
// otherwise against a model of the parser's quoting rules, cited beside it.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHint } from './console-message.ts';
import {
  apacheExactRegex, apacheString, caddyString, csharpString, escapeControls, httpValue, javaString, jsString, jsonString, nginxMapKey, nginxString, pythonString, stripControls, UNPRINTABLE,
} from './escape.ts';

export const HOSTILE = [
  'http://127.0.0.1:5173',
  "<script>alert('x')</script>",
  `a'b"c`,
  'back\\slash\\',
  'line\nbreak\r\n',
  '$(id) `id` ${HOME} $HOME',
  '%{HTTP_COOKIE}e %t 100%',
  '{env.SECRET} {$PATH} {http.request.host}',
  'sep\u2028arator\u2029',
  'nul\u0000del\u007f',
  '\\"',
  '\\u0022 \\u000a',
  'caf\u00e9 \u{1F600}',
  '`back`tick\\',
  '# not a comment; } {',
];

const hasRawNewline = (s: string): boolean => /[\n\r\u2028\u2029]/.test(s);

function which(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('jsString', () => {
  it.each(HOSTILE.map((h) => [h]))('%j round-trips through the JS parser', (value) => {
    const lit = jsString(value);
    expect(hasRawNewline(lit)).toBe(false);
    expect(new Function(`return ${lit};`)()).toBe(value);
  });
});

describe('jsonString', () => {
  it.each(HOSTILE.map((h) => [h]))('%j round-trips through JSON.parse', (value) => {
    expect(JSON.parse(jsonString(value))).toBe(value);
  });
});

describe.runIf(which('python3'))('pythonString (python3)', () => {
  it('round-trips every hostile value', () => {
    const src = `import json\nprint(json.dumps([${HOSTILE.map(pythonString).join(', ')}]))\n`;
    const out = execFileSync('python3', ['-c', src], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(HOSTILE);
    for (const h of HOSTILE) expect(hasRawNewline(pythonString(h))).toBe(false);
  });
});

describe.runIf(which('java'))('javaString (java)', () => {
  it('round-trips every hostile value, \\u escapes included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cors-java-'));
    const file = join(dir, 'Escapes.java');
    // Print each string's UTF-16 code units, so no console encoding gets in the way.
    const body = HOSTILE.map((h) => `        p(${javaString(h)});`).join('\n');
    writeFileSync(
      file,
      `public class Escapes {\n    static void p(String s) { StringBuilder b = new StringBuilder(); for (char c : s.toCharArray()) b.append((int) c).append(' '); System.out.println(b.toString().trim()); }\n    public static void main(String[] a) {\n${body}\n    }\n}\n`,
    );
    const out = execFileSync('java', [file], { encoding: 'utf8' }).trim().split('\n');
    const expected = HOSTILE.map((h) => [...Array(h.length).keys()].map((i) => h.charCodeAt(i)).join(' '));
    expect(out).toEqual(expected);
  }, 60_000);
});

// C#: https://learn.microsoft.com/dotnet/csharp/language-reference/language-specification/lexical-structure#6456-string-literals
// A regular string literal: `\\`, `\"`, `\uXXXX` (exactly four digits); no raw newline allowed.
function csharpDecode(lit: string): string {
  expect(lit.startsWith('"') && lit.endsWith('"')).toBe(true);
  const inner = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '"') throw new Error('unescaped quote');
    if (c !== '\\') { out += c; continue; }
    const n = inner[++i];
    if (n === '\\' || n === '"') out += n;
    else if (n === 'u') { out += String.fromCharCode(parseInt(inner.slice(i + 1, i + 5), 16)); i += 4; }
    else throw new Error(`unknown escape \\${n}`);
  }
  return out;
}

describe('csharpString (model of the C# lexer)', () => {
  it.each(HOSTILE.map((h) => [h]))('%j', (value) => {
    const lit = csharpString(value);
    expect(hasRawNewline(lit)).toBe(false);
    expect(csharpDecode(lit)).toBe(value);
  });
});

// nginx: ngx_conf_read_token reads `\"`, `\\` (and \t \r \n) inside double quotes; then a `$`
// starts a variable in add_header values. `${dollar}` stands for a literal `$`.
function nginxDecode(lit: string): string {
  const inner = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '"') throw new Error('unescaped quote');
    if (c === '\\') { out += inner[++i]; continue; }
    if (c === '$') {
      expect(inner.slice(i, i + 9)).toBe('${dollar}');
      out += '$';
      i += 8;
      continue;
    }
    out += c;
  }
  return out;
}

describe('nginxString (model of ngx_conf_read_token)', () => {
  it.each(HOSTILE.map((h) => [h]))('%j', (value) => {
    const lit = nginxString(value);
    expect(hasRawNewline(lit)).toBe(false);
    expect(nginxDecode(lit)).toBe(stripControls(value));
  });
});

// A map source value: the same token reading, no variables; map drops one leading `\` (which is
// how a value starting with `~`, else a regular expression, stays a string).
function nginxMapKeyDecode(lit: string): string {
  const inner = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '"') throw new Error('unescaped quote');
    out += c === '\\' ? inner[++i] : c;
  }
  if (out.startsWith('\\')) return out.slice(1);
  expect(out.startsWith('~')).toBe(false);
  return out;
}

describe('nginxMapKey (model of ngx_conf_read_token + ngx_http_map)', () => {
  it.each([...HOSTILE, '~regex', '\\lead'].map((h) => [h]))('%j', (value) => {
    const lit = nginxMapKey(value);
    expect(hasRawNewline(lit)).toBe(false);
    expect(nginxMapKeyDecode(lit)).toBe(stripControls(value));
  });
});

// SetEnvIf's regex (PCRE, matching bytes): only letters, digits, `:/_-`, `\.` and `\xHH` in it, so
// neither the configuration reader (quotes, `\"`, `${`) nor the regex can read it another way.
describe('apacheExactRegex (PCRE, read here by a JavaScript RegExp of the same escapes)', () => {
  const bytes = (v: string): string => String.fromCharCode(...new TextEncoder().encode(stripControls(v)));
  it.each(HOSTILE.map((h) => [h]))('%j', (value) => {
    const lit = apacheExactRegex(value);
    expect(lit).toMatch(/^"\^(?:[A-Za-z0-9:/_-]|\\\.|\\x[0-9A-F]{2})*\$"$/);
    const regex = new RegExp(lit.slice(1, -1));
    expect(regex.test(bytes(value))).toBe(true);
    expect(regex.test(bytes(`${value}x`))).toBe(false);
    expect(regex.test(bytes(`x${value}`))).toBe(false);
  });
});

// Apache: ap_getword_conf/substring_conf turn `\\` and `\"` inside quotes into `\` and `"`;
// mod_headers turns `%%` into `%` and reads any other `%` as a format; `${` is a Define.
function apacheDecode(lit: string): string {
  const inner = lit.slice(1, -1);
  expect(inner).not.toContain('${');
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '"') throw new Error('unescaped quote');
    if (c === '\\' && (inner[i + 1] === '\\' || inner[i + 1] === '"')) { out += inner[++i]; continue; }
    if (c === '%') { expect(inner[i + 1]).toBe('%'); out += '%'; i++; continue; }
    out += c;
  }
  return out;
}

describe('apacheString (model of ap_getword_conf + mod_headers)', () => {
  it.each(HOSTILE.map((h) => [h]))('%j', (value) => {
    const lit = apacheString(value);
    if (stripControls(value).includes('${')) {
      expect(lit).toBeNull();
      return;
    }
    expect(lit).not.toBeNull();
    expect(hasRawNewline(lit ?? '')).toBe(false);
    expect(apacheDecode(lit ?? '')).toBe(stripControls(value));
  });
});

// Caddyfile: caddyconfig/caddyfile/lexer.go: a backtick token is literal up to the next backtick;
// in a double-quoted token only `\"` is an escape (`\x` stays `\x`). The replacer then turns
// `\{` / `\}` into literal braces instead of reading a placeholder.
function caddyDecode(lit: string): string {
  let token = '';
  if (lit.startsWith('`')) {
    const end = lit.indexOf('`', 1);
    expect(end).toBe(lit.length - 1);
    token = lit.slice(1, -1);
  } else {
    const inner = lit.slice(1, -1);
    for (let i = 0; i < inner.length; i++) {
      const c = inner[i];
      if (c === '"') throw new Error('unescaped quote');
      if (c === '\\' && inner[i + 1] === '"') { token += '"'; i++; continue; }
      token += c;
    }
  }
  expect(token).not.toMatch(/(^|[^\\])[{}]/);
  return token.replace(/\\([{}])/g, '$1');
}

describe('caddyString (model of the Caddyfile lexer)', () => {
  it.each(HOSTILE.map((h) => [h]))('%j', (value) => {
    const lit = caddyString(value);
    const clean = stripControls(value);
    if (clean.includes('`') && clean.includes('\\')) {
      expect(lit).toBeNull();
      return;
    }
    expect(lit).not.toBeNull();
    expect(hasRawNewline(lit ?? '')).toBe(false);
    expect(caddyDecode(lit ?? '')).toBe(clean);
  });
});

describe('httpValue', () => {
  it.each([
    ['a\r\nSet-Cookie: x=1', 'aSet-Cookie: x=1'],
    ['plain', 'plain'],
  ])('%j', (input, out) => expect(httpValue(input)).toBe(out));
});

describe('stripControls', () => {
  // The model: every code point but the controls, read a code point at a time.
  const model = (value: string): string => [...value].filter((ch) => !/^[\u0000-\u001f\u007f\u0085\u2028\u2029]$/u.test(ch)).join('');
  const unit = fc.oneof(
    fc.constantFrom('\u0000', '\n', '\r', '\u001f', '\u007f', '\u0085', '\u2028', '\u2029', '\ud83d', '\ude00', '\u{1F600}', ' ', 'a', '\u00e9'),
    fc.string({ unit: 'binary', maxLength: 3 }),
  );

  it('keeps exactly the code points that are not controls, whether or not the value has any', () => {
    fc.assert(fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
      const value = units.join('');
      expect(stripControls(value)).toBe(model(value));
    }), { seed: 14, numRuns: 2000 });
  });

  it.each(HOSTILE)('%j', (value) => expect(stripControls(value)).toBe(model(value)));
});

describe('escapeControls', () => {
  // The model: each unprintable character (controls, format characters such as the bidi marks,
  // lone surrogates, default-ignorables) as `\uXXXX` per UTF-16 unit, upper case.
  const SHOWN = new RegExp(`^${UNPRINTABLE.source}$`, 'u');
  const model = (value: string): string =>
    [...value].map((ch) => (SHOWN.test(ch) ? [...Array(ch.length).keys()].map((i) => `\\u${ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`).join('') : ch)).join('');
  const unit = fc.oneof(
    fc.constantFrom('\u0000', '\n', '\u001b', '\u007f', '\u0080', '\u0085', '\u009b', '\u009f', '\u00a0', '\u061c', '\u200d', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202e', '\u202f', '\u2065', '\u2066', '\u2069', '\u206a', '\ud83d', '\ude00', '\u{1F600}', '\u{E0100}', '\u200b', '\u3164', 'a', '\u00e9'),
    fc.string({ unit: 'binary', maxLength: 3 }),
  );

  it('shows exactly the unprintable characters as escapes, whether or not the value has any', () => {
    fc.assert(fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
      const value = units.join('');
      expect(escapeControls(value)).toBe(model(value));
    }), { seed: 34, numRuns: 2000 });
  });

  // The CLI's text and the panel show every unprintable character of what they print as an escape in
  // their own spelling (`showControls`: `\x9b`, `\udb40\udd00`). The engine's words have escaped each
  // already, in theirs, so that pass finds nothing in them: a quoted value never mixes the two
  // (`\u202E\udb40\udd00` was one value's, when the words left U+E0100 to the CLI): see also
  // src/export/visible-controls.test.ts.
  it('escapes a character beyond U+FFFF and a format character itself, in its own spelling', () => {
    expect(escapeControls('https://other.example\u202e\u{E0100}\u009b')).toBe('https://other.example\\u202E\\uDB40\\uDD00\\u009B');
    expect(escapeControls('p\u200bass\u3164\ud800')).toBe('p\\u200Bass\\u3164\\uD800');
  });

  it.each([
    ['a C1 CSI', 'x\u009b2J', 'x\\u009B2J'],
    ['a right-to-left override', 'https://a.example/\u202Egnp.exe', 'https://a.example/\\u202Egnp.exe'],
    ['an isolate and a mark', '\u2066a\u2069\u200e\u061c', '\\u2066a\\u2069\\u200E\\u061C'],
    ['a line break', 'a\r\nb', 'a\\u000D\\u000Ab'],
    ['printable text beyond ASCII, as it is', 'café \u00a0\u{1F600}', 'café \u00a0\u{1F600}'],
    // A joiner shows nothing, as every default-ignorable: the CLI and the panel show it too.
    ['a zero-width joiner', '\u{1F469}\u200d\u{1F4BB}', '\u{1F469}\\u200D\u{1F4BB}'],
  ])('%s', (_about, value, shown) => expect(escapeControls(value)).toBe(shown));

  // The engine's words spell an escape as Chromium's console does (`\u009B`, upper case: its
  // EncodeHint), which consoleMessage reproduces, so a value reads alike in the console line and the
  // explanation beside it; the exports and the CLI's own text spell `\x9b` (docs/cli.md).
  it('spells each escape as Chromium\'s console line does', () => {
    for (const char of ['\u0000', '\n', '\u001b', '\u007f', '\u0085', '\u009b', '\u061c', '\u200e', '\u2028', '\u202e', '\u2069']) {
      expect(escapeControls(char)).toBe(encodeHint(char));
    }
  });

  // What a server fix sends stays the captured value: only controls are taken out of it.
  it('leaves stripControls as it was: bidi characters stay in a header value', () => expect(stripControls('a\u202eb\u009bc\u0085')).toBe('a\u202eb\u009bc'));
});
