#!/usr/bin/env node
// `npm start`: build the extension, start the demo servers, and open the demo page in the system
// Chromium with the extension loaded and DevTools open. Runs until Ctrl-C.
//
// Headed when a display is available ($DISPLAY or $WAYLAND_DISPLAY), else headless with remote
// debugging on 127.0.0.1 (printed: how to look at it). Set CHROMIUM_PATH for another Chromium.
//   npm start -- --no-build        skip the build (use the dist/ already there)
//   npm start -- --headless        headless even with a display

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const args = process.argv.slice(2);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!args.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (!existsSync(join(dist, 'manifest.json'))) {
  console.error('dist/manifest.json is missing: the build did not produce the extension.');
  process.exit(1);
}
if (!existsSync(chromiumPath)) {
  console.error(`No Chromium at ${chromiumPath}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

register();
const { startDemo } = await import('../demo/server.ts');
const demo = await startDemo({
  pagePort: Number(process.env.DEMO_PAGE_PORT ?? 0),
  apiPort: Number(process.env.DEMO_API_PORT ?? 0),
  otherPort: Number(process.env.DEMO_OTHER_PORT ?? 0),
});

/** An unpacked extension's id: the SHA-256 of its path, first 32 hex digits spelled a–p. */
function unpackedExtensionId(path) {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

const headed = !args.includes('--headless') && Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const userDataDir = mkdtempSync(join(tmpdir(), 'cors-inspector-start-'));
const debugPort = Number(process.env.REMOTE_DEBUGGING_PORT ?? 9222);
const chromiumArgs = [
  `--user-data-dir=${userDataDir}`,
  `--disable-extensions-except=${dist}`,
  `--load-extension=${dist}`,
  '--auto-open-devtools-for-tabs',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  // Running as root (containers) needs it; harmless otherwise for a throwaway profile.
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ...(headed ? [] : ['--headless', '--disable-gpu', `--remote-debugging-address=127.0.0.1`, `--remote-debugging-port=${debugPort}`]),
  demo.pageUrl,
];

const browser = spawn(chromiumPath, chromiumArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
browser.stderr.on('data', (chunk) => {
  // Chromium is chatty on stderr; show only what says it could not start.
  const text = String(chunk);
  if (/error while loading|cannot open display|Failed to launch|FATAL/i.test(text)) process.stderr.write(text);
});

const extensionId = unpackedExtensionId(dist);
console.log(`
CORS Inspector demo
  page:       ${demo.pageUrl}   (runs every endpoint on load; add ?manual to use the buttons)
  api:        ${demo.apiOrigin}  (redirects via ${demo.otherOrigin})
  extension:  ${dist}  (id ${extensionId})
  Chromium:   ${chromiumPath}, ${headed ? 'headed: DevTools opens with the page; pick the "CORS" panel' : 'headless (no display found)'}`);
if (!headed) {
  console.log(`
  To look at it:
  - from a Chrome on this machine: open chrome://inspect, "Configure..." → 127.0.0.1:${debugPort},
    then "inspect" the demo page; or list targets with: curl http://127.0.0.1:${debugPort}/json/list
  - or run with a virtual display to get a real window:  xvfb-run -a npm start
  - or load dist/ into your own Chrome (docs/extension.md) and open ${demo.pageUrl}`);
}
console.log('\nCtrl-C to stop.');

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  if (browser.exitCode === null) browser.kill('SIGTERM');
  await demo.close();
  rmSync(userDataDir, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
browser.on('exit', (code) => {
  if (!stopping) {
    console.log(`Chromium exited (${code ?? 'signal'}); stopping the demo.`);
    void stop(code ? 1 : 0);
  }
});
