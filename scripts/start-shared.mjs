// What `npm start` does the same for Chromium (scripts/start.mjs) and Firefox (start-firefox.mjs).

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The demo's servers, on the ports the environment asks for (any free one by default). */
export async function startDemoServers() {
  const { startDemo } = await import('../demo/server.ts');
  return startDemo({
    pagePort: Number(process.env.DEMO_PAGE_PORT ?? 0),
    apiPort: Number(process.env.DEMO_API_PORT ?? 0),
    otherPort: Number(process.env.DEMO_OTHER_PORT ?? 0),
  });
}

/**
 * `stop(code)`: closes the browser (`closeBrowser`), then the demo's servers, and exits; on Ctrl-C
 * and SIGTERM too. A failed start keeps `keepDir` (the browser's profile, if given) for reading; a
 * clean stop removes it.
 */
export function stopper({ demo, closeBrowser, keepDir }) {
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    await closeBrowser().catch(() => undefined);
    await demo.close();
    if (code === 0 && keepDir !== undefined) rmSync(keepDir, { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  return { stop, stopping: () => stopping };
}

/**
 * A directory for what a headless start saves for the user (a screenshot, the capture as a HAR),
 * apart from the browser's profile: a clean stop removes the profile, and the printed
 * `cors-inspector explain <har>` must still work after Ctrl-C.
 */
export function savedFilesDir() {
  return mkdtempSync(join(tmpdir(), 'cors-inspector-demo-'));
}

/** The first line of `cors-inspector explain` on the HAR, or the CLI's own one-line problem. */
export async function explainSummary(root, har) {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'bin/cors-inspector.mjs'), 'explain', har], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return `summary (cors-inspector explain): ${stdout.split('\n')[0] ?? ''}`;
  } catch (error) {
    // The CLI's own one-line message (e.g. not built yet: `npm run build:cli`, which `npm ci` runs).
    return `(cors-inspector explain: ${String(error?.stderr || error).trim().split('\n')[0]})`;
  }
}
