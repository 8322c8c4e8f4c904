// The published bin: it runs the built CLI (dist-cli/, made by the unit tests' globalSetup from the
// current source), which needs nothing from node_modules, and says how to build it when it is missing.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { RECORDED_HAR_PATH } from '../export/testing-exchanges.ts';
import { EXIT } from './command.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'cors-inspector-bin-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The bin (bin/: the launcher and its V8 flags), alone in a directory (no node_modules, no source, no package.json), built or not. */
function installed(name: string, built: boolean, viewerPage = false): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  for (const file of readdirSync(join(ROOT, 'bin'))) copyFileSync(join(ROOT, 'bin', file), join(dir, 'bin', file));
  if (built) {
    mkdirSync(join(dir, 'dist-cli'));
    copyFileSync(join(ROOT, 'dist-cli/cors-inspector.mjs'), join(dir, 'dist-cli/cors-inspector.mjs'));
    if (viewerPage) copyFileSync(join(ROOT, 'dist-cli/viewer.html'), join(dir, 'dist-cli/viewer.html'));
  }
  return join(dir, 'bin/cors-inspector.mjs');
}

function run(bin: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [bin, ...args], { cwd: scratch, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('bin/cors-inspector.mjs', () => {
  const packageVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  it('runs the built CLI with nothing beside it: the version inlined, a command and the engine bundled', () => {
    const bin = installed('built', true);
    expect(run(bin, ['--version'])).toEqual({ status: EXIT.ok, stdout: `${packageVersion}\n`, stderr: '' });
    const explained = run(bin, ['explain', '--json', RECORDED_HAR_PATH.pathname]);
    expect([explained.status, explained.stderr]).toEqual([EXIT.ok, '']);
    expect((JSON.parse(explained.stdout) as { exchanges: unknown[] }).exchanges.length).toBeGreaterThan(20);
  });

  it('share --html reads the viewer page built beside it, and says how to build it when it is missing', () => {
    const bin = installed('with-viewer', true, true);
    const page = join(scratch, 'diagnosis.html');
    const shared = run(bin, ['share', RECORDED_HAR_PATH.pathname, '--html', page]);
    expect([shared.status, shared.stdout]).toEqual([EXIT.ok, '']);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain(`<script type="application/json" id="bundle">`);
    expect(html).toMatch(/content="default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+';/);
    const without = run(installed('without-viewer', true), ['share', RECORDED_HAR_PATH.pathname, '--html', join(scratch, 'never.html')]);
    expect([without.status, without.stdout]).toEqual([EXIT.input, '']);
    expect(without.stderr).toMatch(/^cors-inspector share: --html needs the viewer page that `npm run build:cli` writes beside the CLI: cannot read .*without-viewer\/dist-cli\/viewer\.html: no such file; run `npm run build:cli`\n$/);
  });

  // Node reads the bundle as UTF-8: one character beyond Latin-1 anywhere in it (esbuild escapes
  // strings but keeps some comments as written) makes the whole 715 KB source two bytes a
  // character, decoded one character at a time at every start (~1% of --version's instructions).
  it('the built CLI is ASCII, so its source is read as one byte a character', () => {
    const bundle = readFileSync(join(ROOT, 'dist-cli/cors-inspector.mjs'));
    expect(bundle.findIndex((byte) => byte > 0x7f)).toBe(-1);
  });

  it('not built: one line saying how to build it, status 70, no stack', () => {
    expect(run(installed('unbuilt', false), ['--version'])).toEqual({ status: EXIT.internal, stdout: '', stderr: 'cors-inspector: the CLI is not built: run npm run build:cli\n' });
  });
});
