// The engine is pure: it imports only from src/cors, and uses no browser, extension or Node API.
// Files are read with the TypeScript parser, so code snippets inside strings (the fixes' examples,
// spec links such as https://fetch.spec.whatwg.org) are not mistaken for imports or API use.
// (The tests beside the engine may use Node to read fixtures; they are not part of the engine.)

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = dirname(fileURLToPath(import.meta.url));

function engineFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return engineFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

// Globals that only exist in a browser, an extension or Node.
const FORBIDDEN_GLOBALS = new Set([
  'chrome',
  'browser',
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'XMLHttpRequest',
  'fetch',
  'process',
  'require',
  'Buffer',
  '__dirname',
  '__filename',
  'globalThis',
  'self',
]);

interface Findings {
  imports: string[];
  globals: string[];
}

function analyse(fileName: string, source: string): Findings {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const imports: string[] = [];
  const globals: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      imports.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      imports.push(arg && ts.isStringLiteral(arg) ? arg.text : '<dynamic>');
    } else if (ts.isIdentifier(node) && FORBIDDEN_GLOBALS.has(node.text)) {
      const parent = node.parent;
      // `x.fetch`, `{ fetch: 1 }`, `function f(fetch)`: a name, not the global.
      const isName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        ts.isPropertySignature(parent) ||
        ts.isParameter(parent) ||
        ts.isVariableDeclaration(parent) ||
        ts.isLiteralTypeNode(parent);
      if (!isName) globals.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { imports, globals };
}

describe('src/cors is pure', () => {
  const files = engineFiles(ROOT);

  it('finds the engine files', () => {
    expect(files.map((f) => relative(ROOT, f))).toContain('diagnose.ts');
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s imports only files inside src/cors and no API global', (_name, file) => {
    const { imports, globals } = analyse(file, readFileSync(file, 'utf8'));
    for (const specifier of imports) {
      expect(specifier.startsWith('.'), `${specifier} is a package or Node import`).toBe(true);
      expect(relative(ROOT, resolve(dirname(file), specifier)).startsWith('..'), `${specifier} leaves src/cors`).toBe(false);
    }
    expect(globals).toEqual([]);
  });

  it('the checker catches outside imports and API globals, and ignores strings', () => {
    const found = analyse(
      'x.ts',
      "import { x } from 'node:fs';\nimport y from '../ui/y.ts';\nconst a = chrome.runtime.id;\nconst s = \"import z from 'cors'; fetch(u)\";\nconst o = { fetch: 1 }.fetch;\nawait fetch('u');",
    );
    expect(found.imports).toEqual(['node:fs', '../ui/y.ts']);
    expect(found.globals).toEqual(['chrome', 'fetch']);
  });
});
