#!/usr/bin/env node
// `npm start`: build the extension, start the demo servers, open the system Chromium (through
// Playwright) with the extension loaded, load the demo page in its tab, and bring DevTools' CORS
// panel to the front, listing the demo's requests. Runs until Ctrl-C.
//
// Headed when a display is available ($DISPLAY or $WAYLAND_DISPLAY), else headless: then the
// DevTools protocol listens on 127.0.0.1, and what the panel shows is also written where a server
// can read it (a screenshot of DevTools, a HAR for `cors-inspector explain`). Set CHROMIUM_PATH for
// another Chromium.
//   npm start -- --no-build        skip the build (use the dist/ already there)
//   npm start -- --headless        headless even with a display
//   npm start -- --firefox         the same in Firefox (Debian's firefox-esr): scripts/start-firefox.mjs
//
// Why not `chromium --load-extension=dist URL`: with an extension loaded, Chromium drops the URL
// given on its command line and the tab stays on about:blank. The page is opened by Playwright
// instead, after DevTools shows the panel, so the capture sees the page load from its first request.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const started = performance.now();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const args = process.argv.slice(2);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

register();
// The DevTools protocol's port when headless: REMOTE_DEBUGGING_PORT, else one Chromium picks. A bad
// value stops here, before the build, with one line and its own exit status.
const { BAD_PORT_EXIT, parseDebugPort } = await import('./debug-port.ts');
const parsedPort = parseDebugPort(process.env.REMOTE_DEBUGGING_PORT);
if ('error' in parsedPort) {
  console.error(parsedPort.error);
  process.exit(BAD_PORT_EXIT);
}
const debugPort = parsedPort.port;

if (!args.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (args.includes('--firefox')) {
  const { startFirefox } = await import('./start-firefox.mjs');
  await startFirefox({ root, args, seconds });
  await new Promise(() => undefined); // runs until Ctrl-C
}
if (!existsSync(join(dist, 'manifest.json'))) {
  console.error('dist/manifest.json is missing: the build did not produce the extension.');
  process.exit(1);
}
if (!existsSync(chromiumPath)) {
  console.error(`No Chromium at ${chromiumPath}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

const { explainSummary, savedFilesDir, startDemoServers, stopper } = await import('./start-shared.mjs');
const { DevtoolsDriver, waitFor } = await import('./devtools-frontend.ts');
const { harFromExchanges, serializeHar } = await import('../src/export/har-export.ts');
const { chromium } = await import('playwright');

const headed = !args.includes('--headless') && Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const userDataDir = mkdtempSync(join(tmpdir(), 'cors-inspector-start-'));
const chromiumLog = join(userDataDir, 'chromium.log');

/** POSIX shell single quotes. */
const quote = (text) => `'${text.replaceAll("'", `'\\''`)}'`;

// Chromium is chatty on stderr (the Debian wrapper's notes, GPU and WebGL "FATAL" lines that are
// not fatal): none of it is ours, so it goes to a log file, through a wrapper Playwright launches.
// The one line Playwright waits for when a debugging port is asked for is passed on.
const wrapper = join(userDataDir, 'chromium.sh');
writeFileSync(
  wrapper,
  `#!/bin/sh\n${quote(chromiumPath)} "$@" 2>&1 >>${quote(chromiumLog)} | tee -a ${quote(chromiumLog)} | grep --line-buffered '^DevTools listening on' >&2\n`,
);
chmodSync(wrapper, 0o755);

const demo = await startDemoServers();

let context = null;
const { stop, stopping } = stopper({ demo, closeBrowser: async () => context?.close(), keepDir: userDataDir });

/** Our own failure: one line, Chromium's log named, the servers stopped. */
function fail(what, error) {
  console.error(`npm start: ${what}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  console.error(`  Chromium's own messages: ${chromiumLog}`);
  void stop(1);
}

try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: wrapper,
    headless: !headed,
    // Ctrl-C is ours: the browser is closed by `stop`, after which the servers stop.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // A real window keeps its own size (DevTools docked wide enough to show the panel's tab).
    viewport: headed ? null : { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      '--auto-open-devtools-for-tabs',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      ...(headed
        ? ['--window-size=1600,1000']
        : ['--disable-gpu', '--remote-debugging-address=127.0.0.1', `--remote-debugging-port=${debugPort}`]),
    ],
  });
} catch (error) {
  fail(`could not start Chromium (${chromiumPath}${headed ? '; without a usable display, try npm start -- --headless' : ''})`, error);
  await new Promise(() => undefined); // `stop` exits
}
context.on('close', () => {
  if (stopping()) return;
  console.log('Chromium closed; stopping the demo.');
  void stop(0);
});

const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
const extensionId = new URL(worker.url()).host;
// The protocol's port, when headless: the one asked for, or the free one Chromium picked and wrote
// down (it writes DevToolsActivePort only when it picks the port itself).
const debugAddress = headed ? null : `http://127.0.0.1:${debugPort > 0 ? debugPort : readFileSync(join(userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0]}`;

console.log(`
CORS Inspector demo
  page:       ${demo.pageUrl}   (runs every endpoint on load; add ?manual to use the buttons)
  api:        ${demo.apiOrigin}  (redirects via ${demo.otherOrigin})
  extension:  ${dist}  (id ${extensionId})
  Chromium:   ${chromiumPath}, ${headed ? 'headed' : 'headless (no display found, or --headless)'}; its own messages go to ${chromiumLog}`);

let shown;
try {
  shown = await showPanelOnDemo();
} catch (error) {
  fail('the CORS panel did not come up', error);
  await new Promise(() => undefined);
}
console.log(`\n✔ CORS panel showing ${shown.runs} requests of the demo (${shown.failed} failed) in DevTools, ${seconds()} after npm start.`);
if (!headed) await printServerHelp(shown);
console.log('\nCtrl-C to stop.');

/**
 * DevTools opens with the tab (on about:blank). Show the CORS panel there first: showing it starts
 * the capture of the tab, so the demo's page load is seen from its first request. Then load the
 * demo and wait until the panel lists everything it ran.
 */
async function showPanelOnDemo() {
  const page = context.pages()[0] ?? (await context.newPage());
  const devtools = await DevtoolsDriver.connect({ context });
  const frontend = await devtools.frontendFor(page.url());
  const panelId = await devtools.showExtensionPanel(frontend, extensionId);
  const panelFrame = await devtools.extensionFrame(extensionId, 'extension/panel.html');
  const tabId = await devtools.evaluate(panelFrame, 'chrome.devtools.inspectedWindow.tabId');
  await waitFor(async () => ((await worker.evaluate(() => self.corsInspectorTabs())).includes(tabId) ? true : undefined), 'the capture of the tab');

  await page.goto(demo.pageUrl);
  await page.waitForSelector('body[data-done="true"]', { state: 'attached', timeout: 60_000 });
  const outcomes = await page.$$eval('output[data-outcome]', (all) => all.map((o) => o.dataset.state ?? ''));
  const runs = outcomes.length;
  await waitFor(
    async () => {
      await page.bringToFront();
      await devtools.keepPanelShown(frontend, panelId);
      const rows = await devtools.panelRows(panelFrame);
      return rows.length > 0 && Number(rows[0].size) >= runs && rows.every((r) => r.verdict !== 'pending') ? rows : undefined;
    },
    "the CORS panel listing the demo's requests",
    60_000,
  );
  return { devtools, frontend, tabId, runs, failed: outcomes.filter((state) => state === 'failed').length };
}

/** Headless on a server: what the panel shows, in files a terminal can use, and how to reach the browser. */
async function printServerHelp({ devtools, frontend, tabId }) {
  const kept = savedFilesDir();
  const screenshot = join(kept, 'cors-panel.png');
  const har = join(kept, 'demo.har');
  const saved = [];
  try {
    writeFileSync(screenshot, await devtools.panelScreenshot(frontend));
    saved.push(`  - DevTools with the CORS panel, as it is now:  ${screenshot}`);
  } catch (error) {
    saved.push(`  - (no screenshot of DevTools: ${String(error).split('\n')[0]})`);
  }
  const port = new URL(debugAddress).port;
  try {
    const exchanges = await worker.evaluate(async (tab) => {
      // The log is written once the traffic has been quiet for a second: written now instead.
      await self.corsInspectorWritten();
      return (await self.corsInspectorStored(tab))?.exchanges ?? [];
    }, tabId);
    writeFileSync(har, serializeHar(harFromExchanges(exchanges.map((x) => x.exchange))));
    saved.push(`  - the demo's requests as the panel captured them (a HAR, secrets redacted):  ${har}`);
  } catch (error) {
    saved.push(`  - (no HAR of the capture: ${String(error).split('\n')[0]})`);
  }
  const summary = await explainSummary(root, har);
  console.log(`
No window: Chromium runs headless. To look at it from this machine:
${saved.join('\n')}
  ${summary}
  - why each request failed, and the server fix:  npx cors-inspector explain ${har}
  - the browser itself, over the DevTools protocol:  ${debugAddress}  (its pages: curl ${debugAddress}/json/list;
    from a desktop Chrome: ssh -L ${port}:127.0.0.1:${port} this-host, then chrome://inspect → Configure → 127.0.0.1:${port})
  - or a real window with a virtual display:  xvfb-run -a npm start
  (the screenshot and the HAR stay in ${kept} after you stop; delete it when done)`);
}
