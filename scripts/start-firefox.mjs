// `npm start -- --firefox`: the demo in Debian's firefox-esr with the extension's Firefox build
// (`dist-firefox/`) installed and the toolbox open on the demo's tab, its CORS panel in front.
// Driven over WebDriver BiDi (scripts/firefox-driver.ts); headed when a display is available,
// else headless, and then what the panel shows is also written where a server can read it (a
// screenshot of the window with the toolbox, the capture as a HAR for `cors-inspector explain`). Set FIREFOX_PATH for another Firefox.
// Called by scripts/start.mjs once the build is done.

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainSummary, savedFilesDir, startDemoServers, stopper } from './start-shared.mjs';

/** Runs until Ctrl-C. `seconds()` is the time since `npm start` began. */
export async function startFirefox({ root, args, seconds }) {
  const { DIST_FIREFOX, FIREFOX_PATH, launchFirefox, storedExchanges, tabIdOf } = await import('./firefox-driver.ts');
  const { panelRows, showCorsPanel, toolboxCorsPanel, windowScreenshot } = await import('./firefox-toolbox.ts');
  const { harFromExchanges, serializeHar } = await import('../src/export/har-export.ts');
  const { waitFor } = await import('./devtools-frontend.ts');

  if (!existsSync(join(DIST_FIREFOX, 'manifest.json'))) {
    console.error('dist-firefox/manifest.json is missing: the build did not produce the Firefox extension.');
    process.exit(1);
  }
  if (!existsSync(FIREFOX_PATH)) {
    console.error(`No Firefox at ${FIREFOX_PATH}. Install Debian's firefox-esr (apt-get install firefox-esr) or set FIREFOX_PATH.`);
    process.exit(1);
  }
  const headed = !args.includes('--headless') && Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const demo = await startDemoServers();
  let firefox = null;
  const { stop, stopping } = stopper({ demo, closeBrowser: async () => firefox?.close() });
  const fail = async (what, error) => {
    console.error(`npm start: ${what}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    await stop(1);
  };

  try {
    // Ctrl-C is ours: the browser is closed by `stop`, after which the servers stop.
    firefox = await launchFirefox({ devtools: true, headless: !headed, handleSignals: false });
  } catch (error) {
    return fail(`could not start Firefox (${FIREFOX_PATH}${headed ? '; without a usable display, try npm start -- --firefox --headless' : ''})`, error);
  }
  firefox.browser.on('disconnected', () => {
    if (stopping()) return;
    console.log('Firefox closed; stopping the demo.');
    void stop(0);
  });
  console.log(`
CORS Inspector demo, in Firefox
  page:       ${demo.pageUrl}   (runs every endpoint on load; add ?manual to use the buttons)
  api:        ${demo.apiOrigin}  (redirects via ${demo.otherOrigin})
  extension:  ${DIST_FIREFOX}  (id ${firefox.extensionId})
  Firefox:    ${FIREFOX_PATH}, ${headed ? 'headed' : 'headless (no display found, or --headless)'}`);

  let shown;
  try {
    // The toolbox opened with the tab: its devtools page is capturing the tab already.
    await showCorsPanel(firefox);
    await firefox.page.goto(demo.pageUrl);
    await firefox.page.waitForSelector('body[data-done="true"]', { timeout: 60_000 });
    const outcomes = await firefox.page.$$eval('output[data-outcome]', (all) => all.map((o) => o.dataset.state ?? ''));
    // What the user sees: the toolbox's CORS panel, in front, listing every request of the demo.
    const panel = toolboxCorsPanel(firefox);
    const rows = await waitFor(async () => {
      const all = await panelRows(panel);
      return all.length >= outcomes.length && all.every((r) => r.verdict !== 'pending') ? all : undefined;
    }, "the CORS panel listing the demo's requests", 60_000);
    shown = { rows: rows.length, runs: outcomes.length, failed: outcomes.filter((state) => state === 'failed').length };
  } catch (error) {
    return fail('the CORS panel did not come up', error);
  }
  console.log(`\n✔ CORS panel in front in Firefox's toolbox, listing ${shown.rows} requests of the demo (${shown.runs} made, ${shown.failed} failed), ${seconds()} after npm start.`);
  if (!headed) {
    const kept = savedFilesDir();
    const har = join(kept, 'demo.har');
    const screenshot = join(kept, 'cors-panel.png');
    let shot;
    try {
      // What a user would see: the demo's tab, and the toolbox below it with the CORS panel in front.
      writeFileSync(screenshot, await windowScreenshot(firefox));
      shot = `  - Firefox with the toolbox's CORS panel, as it is now:  ${screenshot}`;
    } catch (error) {
      shot = `  - (no screenshot of Firefox: ${String(error).split('\n')[0]})`;
    }
    try {
      // The capture the panel shows, as the background keeps it (an extension page reads it).
      const extensionPage = await firefox.openExtensionPage('extension/panel.html');
      const exchanges = await storedExchanges(extensionPage, await tabIdOf(extensionPage, demo.pageUrl), { writeNow: true });
      await firefox.page.bringToFront();
      // Firefox sent every one of them: the HAR says so (log.creator._browser), so `explain` judges
      // and words them by Firefox's rules (its reason codes and console lines), not Chromium's.
      const sent = exchanges.map((x) => x.exchange);
      writeFileSync(har, serializeHar(harFromExchanges(sent, { browsers: sent.map(() => 'firefox') })));
    } catch (error) {
      return fail('could not read the capture', error);
    }
    const summary = await explainSummary(root, har);
    console.log(`
No window: Firefox runs headless. To look at it from this machine:
${shot}
  - the demo's requests as the panel captured them in Firefox (a HAR, secrets redacted):  ${har}
  ${summary}
  - why each request failed, and the server fix:  npx cors-inspector explain ${har}
  - the browser itself, over WebDriver BiDi:  ${firefox.browser.wsEndpoint()}
  - or a real window with a virtual display:  xvfb-run -a npm start -- --firefox
  (the screenshot and the HAR stay in ${kept} after you stop; delete it when done)`);
  }
  console.log('\nCtrl-C to stop.');
}
