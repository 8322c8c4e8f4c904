// Imports flow one way: cors ← capture ← export ← ui ← extension (and cors/capture/export ← cli).
// The engine (src/cors) stays usable anywhere; the capture mappers stay usable without a panel; the
// panel knows nothing of chrome.*. A wrong-way import compiles fine, so only a test can keep the
// direction. Files are read with the TypeScript parser: an import written inside a string (the
// fixes' code examples) is not an import.
//
// One door per layer: another layer reaches the engine, the capture and the export only through
// their index.ts, so what each offers is one short list and its insides can move freely.
//
// Not only relative imports: a specifier from the project's root (`/src/...`, which Vite resolves,
// or `src/...`, `@/...`, `~/...` should an alias be added) is held to the same rules, and each
// layer's code uses only its own packages (Node's built-ins in the CLI alone; none in the engine
// or the capture). Outside extension/, no code touches the `chrome` or `browser` globals.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

type Layer = 'cors' | 'capture' | 'export' | 'ui' | 'cli' | 'extension';

/** What each layer may import besides itself. */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  cors: [],
  capture: ['cors'],
  // The HAR export reuses the capture's HAR reading.
  export: ['cors', 'capture'],
  ui: ['cors', 'capture', 'export'],
  cli: ['cors', 'capture', 'export'],
  extension: ['cors', 'capture', 'export', 'ui'],
};

/**
 * The one module through which other layers import a layer. The UI has none: its index.tsx is the
 * panel's entry (it mounts Preact and loads the styles), and the extension takes the protocol's
 * types from `src/ui/protocol.ts`.
 */
const DOORS: Partial<Record<Layer, string>> = {
  cors: 'src/cors/index.ts',
  capture: 'src/capture/index.ts',
  export: 'src/export/index.ts',
};

/** The layer a repository-relative path belongs to; null for files of no layer (test/, bench/, package.json). */
function layerOf(path: string): Layer | null {
  const parts = path.split('/');
  if (parts[0] === 'extension') return 'extension';
  if (parts[0] !== 'src') return null;
  const dir = parts[1];
  return dir === 'cors' || dir === 'capture' || dir === 'export' || dir === 'ui' || dir === 'cli' ? dir : null;
}

function isTestFile(path: string): boolean {
  return /\.test\.tsx?$/.test(path);
}

/** A layer's fixtures for tests (`testing-*.ts`): not part of what it offers, so not behind its door. */
function isTestHelper(path: string): boolean {
  return /(^|\/)testing-[^/]*\.tsx?$/.test(path);
}

// Files of no layer a non-test file may still import: the package's own metadata (the version the
// share links carry).
const METADATA = new Set(['package.json']);

/**
 * Module specifiers in a file: static imports, re-exports, `import()` (also in a type).
 * TypeScript's pre-processor scans tokens, so the text of a string is never read as an import, and
 * it is much faster than a full parse of the ~700 files.
 */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
}

/**
 * The repository-relative path a specifier names, or null for a package: relative to the
 * importer, or from the project's root (`/src/x.ts` as Vite resolves it, `src/x.ts` as a `baseUrl`
 * would, `@/x.ts` and `~/x.ts` as the usual aliases of `src/`).
 */
function projectTarget(importer: string, specifier: string): string | null {
  const normal = (path: string): string => join(path).split(sep).join('/');
  if (specifier.startsWith('.')) return normal(join(dirname(importer), specifier));
  if (specifier.startsWith('/')) return normal(specifier.slice(1));
  if (/^(src|extension|test|bench|scripts)\//.test(specifier)) return normal(specifier);
  if (/^[@~]\//.test(specifier)) return normal(`src/${specifier.slice(2)}`);
  return null;
}

/** The packages each layer's code may import (tests and test helpers may import any). */
const MAY_USE_PACKAGES: Record<Layer, readonly string[]> = {
  cors: [],
  capture: [],
  export: ['valibot', 'har-format'],
  ui: ['preact'],
  cli: ['node:'],
  extension: ['preact', 'webextension-polyfill'],
};

function usesPackage(layer: Layer, specifier: string): boolean {
  return MAY_USE_PACKAGES[layer].some((name) => (name.endsWith(':') ? specifier.startsWith(name) : specifier === name || specifier.startsWith(`${name}/`)));
}

/**
 * The build's own output, imported at run time from the extension's root: the viewer page's
 * template (`dist/viewer-page.js`, external in vite.config.ts).
 */
const BUILT_ASSETS: Partial<Record<Layer, ReadonlySet<string>>> = { extension: new Set(['viewer-page.js']) };

interface SourceFile {
  /** Repository-relative, `/`-separated. */
  path: string;
  source: string;
}

/**
 * Every import against the direction, or into another layer past its door, as `importer → imported`,
 * sorted. Within a layer (its unit tests too) any module may import any other.
 */
export function layerViolations(files: readonly SourceFile[]): string[] {
  const violations: string[] = [];
  for (const { path, source } of files) {
    const from = layerOf(path);
    if (from === null) continue;
    for (const specifier of importsOf(source)) {
      const target = projectTarget(path, specifier);
      if (target === null) {
        if (!isTestFile(path) && !isTestHelper(path) && !usesPackage(from, specifier)) violations.push(`${path} → package ${specifier}`);
        continue;
      }
      if (BUILT_ASSETS[from]?.has(target)) continue;
      const to = layerOf(target);
      if (to === null) {
        // Test helpers and benchmarks are for tests; the engine imports nothing outside itself.
        if (isTestFile(path)) continue;
        if (from !== 'cors' && METADATA.has(target)) continue;
        violations.push(`${path} → ${target}`);
        continue;
      }
      if (to === from) continue;
      if (!MAY_IMPORT[from].includes(to)) {
        violations.push(`${path} → ${target}`);
        continue;
      }
      const door = DOORS[to];
      // A test, or a test helper of its own (test-only code too), may use another layer's helpers.
      const testOnly = isTestFile(path) || isTestHelper(path);
      if (door !== undefined && target !== door && !(testOnly && isTestHelper(target))) violations.push(`${path} → ${target}`);
    }
  }
  return violations.sort();
}

/** The extension APIs' globals: only extension/ may touch them. */
const EXTENSION_GLOBALS = new Set(['chrome', 'browser']);

/** Names a file declares (variables, parameters, destructured names, imports, functions, classes). */
function declaredNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node)) &&
      node.name !== undefined &&
      ts.isIdentifier(node.name)
    ) {
      names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

/**
 * Uses of `chrome` or `browser` as the extension API's global outside extension/ (tests aside), as
 * `path: name`: `chrome.runtime...`, `browser?.devtools`, `globalThis.chrome`, the `chrome.x.Y`
 * types. A file that declares such a name itself (a `browser` parameter) uses its own.
 */
export function extensionGlobalUses(files: readonly SourceFile[]): string[] {
  const uses: string[] = [];
  for (const { path, source } of files) {
    if (!path.startsWith('src/') || isTestFile(path) || !/\b(?:chrome|browser)\b/.test(source)) continue;
    const file = ts.createSourceFile(path, source, ts.ScriptTarget.ES2022, true);
    const declared = declaredNames(file);
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && EXTENSION_GLOBALS.has(node.text)) {
        const parent = node.parent;
        const global =
          (ts.isPropertyAccessExpression(parent) && parent.expression === node && !declared.has(node.text)) ||
          (ts.isPropertyAccessExpression(parent) && parent.name === node && ts.isIdentifier(parent.expression) && parent.expression.text === 'globalThis') ||
          (ts.isQualifiedName(parent) && parent.left === node && !declared.has(node.text));
        if (global) uses.push(`${path}: ${node.text}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return uses.sort();
}

function sourceFiles(dir: string): SourceFile[] {
  return readdirSync(join(REPO, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(REPO, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [{ path, source: readFileSync(join(REPO, path), 'utf8') }] : [];
  });
}

describe('layerViolations', () => {
  it.each<{ about: string; files: SourceFile[]; violations: string[] }>([
    { about: 'capture importing the engine through its door', files: [{ path: 'src/capture/a.ts', source: "import { x } from '../cors/index.ts';" }], violations: [] },
    {
      about: 'capture importing an engine module past its door',
      files: [{ path: 'src/capture/a.ts', source: "import { x } from '../cors/b.ts';" }],
      violations: ['src/capture/a.ts → src/cors/b.ts'],
    },
    {
      about: 'past the door from a nested folder, to a nested module, by a type import and a re-export',
      files: [
        { path: 'src/ui/share/a.ts', source: "import type { E } from '../../cors/explain/explanation.ts';" },
        { path: 'src/ui/b.ts', source: "let c: import('../capture/har.ts').HarEntries; export { d } from '../export/index.ts';" },
      ],
      violations: ['src/ui/b.ts → src/capture/har.ts', 'src/ui/share/a.ts → src/cors/explain/explanation.ts'],
    },
    {
      about: 'the doors of the engine, the capture and the export, from the extension',
      files: [
        {
          path: 'extension/a.ts',
          source: "import { x } from '../src/cors/index.ts'; import { y } from '../src/capture/index.ts'; import { z } from '../src/export/index.ts';",
        },
      ],
      violations: [],
    },
    {
      about: "a layer's own modules and its unit tests need no door",
      files: [
        { path: 'src/cors/explain/a.ts', source: "import { x } from '../diagnose.ts';" },
        { path: 'src/capture/a.test.ts', source: "import { y } from './har.ts'; import { e } from './testing-entries.ts';" },
      ],
      violations: [],
    },
    {
      about: "another layer's test helpers: fine from a test or a test helper, not from code",
      files: [
        { path: 'src/cli/a.test.ts', source: "import { canaryExchange } from '../export/testing-exchanges.ts';" },
        { path: 'src/cli/testing-a.ts', source: "import { canaryExchange } from '../export/testing-exchanges.ts';" },
        { path: 'src/cli/b.ts', source: "import { canaryExchange } from '../export/testing-exchanges.ts';" },
        { path: 'src/cli/testing-b.ts', source: "import { diagnose } from '../export/diagnose.ts';" },
      ],
      violations: ['src/cli/b.ts → src/export/testing-exchanges.ts', 'src/cli/testing-b.ts → src/export/diagnose.ts'],
    },
    {
      about: 'files of no layer may import any module',
      files: [{ path: 'test/unit/a.test.ts', source: "import { x } from '../../src/cors/diagnose.ts';" }],
      violations: [],
    },
    {
      about: 'capture importing the UI',
      files: [{ path: 'src/capture/a.ts', source: "import type { X } from '../ui/protocol.ts';" }],
      violations: ['src/capture/a.ts → src/ui/protocol.ts'],
    },
    {
      about: 'a re-export counts as an import',
      files: [{ path: 'src/capture/a.ts', source: "export type { X } from '../export/har.ts';" }],
      violations: ['src/capture/a.ts → src/export/har.ts'],
    },
    {
      about: 'the engine importing the capture, from a nested folder',
      files: [{ path: 'src/cors/explain/a.ts', source: "import { y } from '../../capture/har.ts';" }],
      violations: ['src/cors/explain/a.ts → src/capture/har.ts'],
    },
    {
      about: 'the UI importing the extension',
      files: [{ path: 'src/ui/a.tsx', source: "import { z } from '../../extension/port-transport.ts';" }],
      violations: ['src/ui/a.tsx → extension/port-transport.ts'],
    },
    {
      about: 'a dynamic import and an import type',
      files: [{ path: 'src/cors/a.ts', source: "const m = import('../ui/x.ts'); let t: import('../capture/y.ts').Y;" }],
      violations: ['src/cors/a.ts → src/capture/y.ts', 'src/cors/a.ts → src/ui/x.ts'],
    },
    { about: 'the extension importing the UI', files: [{ path: 'extension/panel.tsx', source: "import { App } from '../src/ui/index.tsx';" }], violations: [] },
    { about: 'export importing capture (the HAR reader)', files: [{ path: 'src/export/a.ts', source: "import { h } from '../capture/index.ts';" }], violations: [] },
    {
      about: 'the CLI importing the UI',
      files: [{ path: 'src/cli/a.ts', source: "import { f } from '../ui/format.ts';" }],
      violations: ['src/cli/a.ts → src/ui/format.ts'],
    },
    {
      about: 'test helpers: fine from a test, not from code',
      files: [
        { path: 'src/cors/a.test.ts', source: "import { g } from '../../test/unit/arbitrary-exchange.ts';" },
        { path: 'src/capture/b.ts', source: "import { g } from '../../test/unit/arbitrary-exchange.ts';" },
      ],
      violations: ['src/capture/b.ts → test/unit/arbitrary-exchange.ts'],
    },
    {
      about: 'a test file is still held to the direction between layers',
      files: [{ path: 'src/capture/a.test.ts', source: "import { s } from '../ui/store/store.ts';" }],
      violations: ['src/capture/a.test.ts → src/ui/store/store.ts'],
    },
    {
      about: 'an import inside a string is not an import',
      files: [{ path: 'src/cors/a.ts', source: "const example = \"import cors from '../ui/x.ts';\";" }],
      violations: [],
    },
    {
      about: 'package.json: fine for the UI, not for the engine',
      files: [
        { path: 'src/ui/a.ts', source: "import p from '../../package.json' with { type: 'json' };" },
        { path: 'src/cors/a.ts', source: "import p from '../../package.json' with { type: 'json' };" },
      ],
      violations: ['src/cors/a.ts → package.json'],
    },
    {
      about: 'a Node built-in in the UI, a package in the engine',
      files: [
        { path: 'src/ui/a.ts', source: "import { readFileSync } from 'node:fs';" },
        { path: 'src/cors/a.ts', source: "import * as v from 'valibot';" },
      ],
      violations: ['src/cors/a.ts → package valibot', 'src/ui/a.ts → package node:fs'],
    },
    {
      about: "each layer's own packages; any package from a test or a test helper",
      files: [
        { path: 'src/cli/a.ts', source: "import { request } from 'node:http';" },
        { path: 'src/ui/a.tsx', source: "import { useState } from 'preact/hooks';" },
        { path: 'src/export/a.ts', source: "import * as v from 'valibot';" },
        { path: 'extension/a.ts', source: "import browser from 'webextension-polyfill';" },
        { path: 'src/ui/a.test.ts', source: "import { readFileSync } from 'node:fs';" },
        { path: 'src/export/testing-a.ts', source: "import { spawn } from 'node:child_process';" },
      ],
      violations: [],
    },
    {
      about: "from the project's root (/src/..., as Vite resolves it) and through aliases (src/, @/, ~/)",
      files: [
        { path: 'src/capture/a.ts', source: "import { s } from '/src/ui/store/store.ts';" },
        { path: 'src/cors/b.ts', source: "import { h } from '@/capture/har.ts'; import { e } from 'src/export/index.ts'; import { f } from '~/ui/format.ts';" },
        { path: 'src/ui/c.ts', source: "import { x } from '/src/cors/index.ts';" },
      ],
      violations: ['src/capture/a.ts → src/ui/store/store.ts', 'src/cors/b.ts → src/capture/har.ts', 'src/cors/b.ts → src/export/index.ts', 'src/cors/b.ts → src/ui/format.ts'],
    },
    {
      about: "the viewer page's template from the extension's root: the extension's only",
      files: [
        { path: 'extension/panel.tsx', source: "const m = import('/viewer-page.js');" },
        { path: 'src/ui/a.ts', source: "const m = import('/viewer-page.js');" },
      ],
      violations: ['src/ui/a.ts → viewer-page.js'],
    },
  ])('$about', ({ files, violations }) => {
    expect(layerViolations(files)).toEqual(violations);
  });
});

describe('extensionGlobalUses', () => {
  it.each<{ about: string; files: SourceFile[]; uses: string[] }>([
    { about: 'chrome.* in the UI', files: [{ path: 'src/ui/a.ts', source: 'chrome.runtime.sendMessage({});' }], uses: ['src/ui/a.ts: chrome'] },
    { about: 'browser?.* in the capture', files: [{ path: 'src/capture/a.ts', source: 'const n = browser?.devtools.network;' }], uses: ['src/capture/a.ts: browser'] },
    { about: 'globalThis.chrome, and a chrome type', files: [{ path: 'src/cli/a.ts', source: 'const c = globalThis.chrome; let p: chrome.runtime.Port;' }], uses: ['src/cli/a.ts: chrome', 'src/cli/a.ts: chrome'] },
    {
      about: 'a browser of its own (a parameter, a destructured name, a property), a string',
      files: [
        { path: 'src/cli/a.ts', source: "export function f(browser: { name: string }) { return browser.name; } const s = 'chrome.runtime';" },
        { path: 'src/cli/b.ts', source: 'const { browser } = args; const r = rules.browser; log(browser.length);' },
      ],
      uses: [],
    },
    { about: 'the extension, and tests', files: [{ path: 'extension/a.ts', source: 'chrome.runtime.id;' }, { path: 'src/ui/a.test.ts', source: 'chrome.runtime.id;' }], uses: [] },
  ])('$about', ({ files, uses }) => {
    expect(extensionGlobalUses(files)).toEqual(uses);
  });
});

describe('the source tree', () => {
  const files = [...sourceFiles('src'), ...sourceFiles('extension')];

  it('reads every layer', () => {
    const layers = new Set(files.map((file) => layerOf(file.path)));
    expect([...layers].sort()).toEqual(['capture', 'cli', 'cors', 'export', 'extension', 'ui']);
    expect(files.map((file) => file.path)).toContain('src/capture/web-request.ts');
  });

  it('has no import against cors ← capture ← export ← ui ← extension, nor past a door', { timeout: 60_000 }, () => {
    expect(layerViolations(files)).toEqual([]);
  });

  it('touches the chrome and browser globals only in extension/', () => {
    expect(extensionGlobalUses(files)).toEqual([]);
  });
});
