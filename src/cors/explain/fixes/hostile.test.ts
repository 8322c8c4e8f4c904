// Hostile values from the wire (a HAR can hold anything) must come out of every snippet either
// escaped for that language or not at all. JS is checked with the TypeScript parser, Python with
// python3's ast, JSON with JSON.parse; Java, C# and the config languages with models of their
// quoting rules (see ../escape.test.ts, which checks the escapers against the real parsers).

import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Fix } from '../explanation.ts';
import { explain } from '../explain.ts';
import { ALL_STACKS } from './index.ts';
import { API, diagnosed, exchangeOf } from '../test-diagnosis.ts';

const EVIL_ORIGIN = `http://evil.example'");alert(1)//<script>`;
// A valid header-name token that is still dangerous in most languages.
const EVIL_HEADER = "x-'`$id|%";
const NOT_TOKENS = ['x-<script>', 'x-"q', 'x-\nset-cookie'];

function hostileFixes(): Fix[] {
  const x = exchangeOf({
    method: 'PUT',
    origin: EVIL_ORIGIN,
    headers: [['Origin', EVIL_ORIGIN], [EVIL_HEADER, '1']],
    credentialsMode: 'include',
    hops: [{
      url: `${API}/items`,
      preflight: {
        url: `${API}/items`,
        requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', [EVIL_HEADER, ...NOT_TOKENS].join(',')]],
        response: { status: 204, headers: [['Access-Control-Allow-Origin', EVIL_ORIGIN], ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Methods', 'PUT']] },
      },
      response: null,
    }],
    errorText: 'net::ERR_FAILED',
  });
  const { diagnosis } = diagnosed(x);
  // The origin does not parse, so the engine compares with `null` and the preflight fails on it;
  // the policy still holds every value from the wire.
  expect(diagnosis.verdict).toBe('blocked');
  return explain(diagnosis, x, { stacks: ALL_STACKS }).fixes;
}

/** Double-quoted literals of a C-like language (Java, C#); throws on a literal left open. */
function cLikeLiterals(src: string, decode: (esc: string) => string): string[] {
  const out: string[] = [];
  for (const line of src.split('\n')) {
    const code = line.replace(/^\s*\/\/.*$/, '');
    let i = 0;
    while (i < code.length) {
      if (code[i] !== '"') { i++; continue; }
      let s = '';
      i++;
      for (;;) {
        if (i >= code.length) throw new Error(`open literal in: ${line}`);
        const c = code[i] ?? '';
        if (c === '"') { i++; break; }
        if (c === '\\') {
          const m = /^\\(u[0-9A-Fa-f]{4}|[0-7]{1,3}|.)/.exec(code.slice(i));
          s += decode(m?.[1] ?? '');
          i += (m?.[0] ?? '\\').length;
          continue;
        }
        s += c;
        i++;
      }
      out.push(s);
    }
  }
  return out;
}
const decodeEscape = (e: string): string =>
  e.startsWith('u') && e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : /^[0-7]+$/.test(e) ? String.fromCharCode(parseInt(e, 8)) : e;

describe('snippets with hostile values', () => {
  const fixes = hostileFixes();

  it('covers every snippet language', () => {
    expect(new Set(fixes.map((f) => f.language))).toEqual(new Set(['js', 'python', 'java', 'csharp', 'nginx', 'apache', 'caddyfile', 'json', 'http', 'ruby', 'php', 'go', 'xml']));
  });

  it('never copies an invalid origin or a non-token header name', () => {
    for (const f of fixes) {
      expect(f.snippet).not.toContain('alert(');
      expect(f.snippet).not.toContain('<script>');
      expect(f.snippet).not.toContain('x-"q');
      expect(f.snippet).not.toMatch(/set-cookie/i);
    }
  });

  it('keeps the hostile token inside JS string literals (TypeScript parser)', () => {
    const js = fixes.filter((f) => f.language === 'js');
    expect(js.length).toBeGreaterThan(0);
    for (const f of js) {
      const out = ts.transpileModule(f.snippet, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
      expect(out.diagnostics ?? []).toEqual([]);
    }
    const express = js.find((f) => f.target === 'express');
    const strings: string[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isStringLiteral(n)) strings.push(n.text);
      ts.forEachChild(n, visit);
    };
    visit(ts.createSourceFile('x.js', express?.snippet ?? '', ts.ScriptTarget.ES2022));
    expect(strings).toContain(EVIL_HEADER);
  });

  it('keeps it inside Python string literals (python3 ast)', () => {
    // One python3 for every snippet: a process each costs seconds on a loaded machine.
    const python = fixes.filter((x) => x.language === 'python');
    expect(python.length).toBeGreaterThan(0);
    const src =
      'import ast, json, sys\nprint(json.dumps([[n.value for n in ast.walk(ast.parse(s)) if isinstance(n, ast.Constant) and isinstance(n.value, str)] for s in json.load(sys.stdin)]))';
    const out = execFileSync('python3', ['-c', src], { input: JSON.stringify(python.map((f) => f.snippet)), encoding: 'utf8' });
    for (const literals of JSON.parse(out) as string[][]) expect(literals).toContain(EVIL_HEADER);
  });

  it('keeps it inside Java and C# string literals', () => {
    for (const f of fixes.filter((x) => x.language === 'java' || x.language === 'csharp')) {
      expect(cLikeLiterals(f.snippet, decodeEscape)).toContain(EVIL_HEADER);
    }
  });

  it('keeps it inside Go string literals, and inside single-quoted Ruby and PHP strings', () => {
    for (const f of fixes.filter((x) => x.language === 'go')) {
      expect(cLikeLiterals(f.snippet, decodeEscape)).toContain(EVIL_HEADER);
    }
    for (const f of fixes.filter((x) => x.language === 'ruby' || x.language === 'php')) {
      // Single-quoted: only \\ and \' are escapes, nothing interpolates.
      const literals = [...f.snippet.replace(/^\s*(#|\/\/).*$/gm, '').matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!.replace(/\\(['\\])/g, '$1'));
      expect(literals).toContain(EVIL_HEADER);
    }
  });

  it('keeps it inside JSON strings, or leaves it out of static gateway values and says so', () => {
    const json = fixes.filter((x) => x.language === 'json');
    expect(json.length).toBe(4);
    for (const f of json) {
      const text = JSON.stringify(JSON.parse(f.snippet));
      if (f.title.includes('REST')) {
        expect(text).not.toContain(EVIL_HEADER);
        expect(f.trap).toContain(`Left out (a quote cannot be written in a static gateway value): ${EVIL_HEADER} from Access-Control-Allow-Headers`);
      } else {
        const cloudfront = { Resources: { CorsHeadersPolicy: { Properties: { ResponseHeadersPolicyConfig: { CorsConfig: { AccessControlAllowHeaders: { Items: [EVIL_HEADER] } } } } } } };
        expect(JSON.parse(f.snippet)).toMatchObject(f.target === 'aws-s3' ? { CORSRules: [{ AllowedHeaders: [EVIL_HEADER] }] } : f.target === 'cloudfront' ? cloudfront : { AllowHeaders: [EVIL_HEADER] });
      }
    }
  });

  it('keeps it inside an XML attribute (web.config, python3 xml.etree)', () => {
    const xml = fixes.filter((x) => x.language === 'xml');
    expect(xml.length).toBeGreaterThan(0);
    const src = 'import json, sys, xml.etree.ElementTree as ET\nprint(json.dumps([[e.get("header") for e in ET.fromstring(s.encode()).iter("add") if e.get("header")] for s in json.load(sys.stdin)]))';
    const out = execFileSync('python3', ['-c', src], { input: JSON.stringify(xml.map((f) => f.snippet)), encoding: 'utf8' });
    for (const headers of JSON.parse(out) as string[][]) expect(headers).toContain(EVIL_HEADER);
  });

  it('quotes it for nginx: a literal $ goes through ${dollar}', () => {
    const f = fixes.find((x) => x.language === 'nginx');
    expect(f?.snippet).toContain('geo $dollar { default "$"; }');
    expect(f?.snippet).toContain(`add_header Access-Control-Allow-Headers "${EVIL_HEADER.replace('$', '${dollar}')}" always;`);
  });

  it("quotes it for Apache: % doubled for mod_headers", () => {
    const f = fixes.find((x) => x.language === 'apache');
    expect(f?.snippet).toContain(`Header always set Access-Control-Allow-Headers "${EVIL_HEADER.replace('%', '%%')}"`);
  });

  it('quotes it for Caddy: a backtick value goes in double quotes', () => {
    const f = fixes.find((x) => x.language === 'caddyfile');
    expect(f?.snippet).toContain(`header Access-Control-Allow-Headers "${EVIL_HEADER}"`);
  });

  it('says a value was replaced', () => {
    const express = fixes.find((f) => f.target === 'express');
    expect(express?.snippet).toContain("// NOTE: the page's Origin was not a valid origin");
    expect(express?.snippet).toContain("origin: 'https://your-app.example'");
  });
});
