// The engine's own words are ASCII as written: the CLI prints them (explain's reasons, the fixes'
// snippets and traps, the layers' evidence), and what it prints stays ASCII (src/cli/bin.test.ts).
// Review of session 42: `RFC 9111 §4.3.4`, `<iframe src="…">`, `cache-…` and others went out so.
// A character the engine means to write (a control, a bidi mark) is written as an escape, and
// Firefox's console lines are quoted as Firefox prints them (its curly quotes: bin.test again).
// Read with the TypeScript parser: only string and template literals, not comments.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, it } from 'vitest';

const ROOT = dirname(fileURLToPath(import.meta.url));
/** Firefox's own words, as its console prints them. */
const FIREFOX_WORDS = new Set(['firefox/console-text.ts']);

function engineFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return engineFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const LITERALS = new Set([ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateHead, ts.SyntaxKind.TemplateMiddle, ts.SyntaxKind.TemplateTail]);

function nonAsciiLiterals(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (LITERALS.has(node.kind) && /[^\x00-\x7f]/.test(node.getText(source))) {
      found.push(`${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${node.getText(source).slice(0, 80)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

it("the engine's words are ASCII as written, but Firefox's console lines", () => {
  const found = engineFiles(ROOT)
    .map((path) => relative(ROOT, path))
    .filter((path) => !FIREFOX_WORDS.has(path))
    .flatMap((path) => nonAsciiLiterals(join(ROOT, path)).map((at) => `${path}:${at}`));
  expect(found).toEqual([]);
});
