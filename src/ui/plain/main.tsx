// The panel outside the extension: mounted with the memory transport and a fake capture side
// holding sample exchanges. For screenshots, for the browser tests, and for working on the UI.
//
// Query parameters:
//   theme=light|dark   the DevTools theme (default: the system's)
//   count=N            N generated exchanges instead of the samples (scale test)
//   stream=B           the capture starts empty and sends those exchanges B at a time, a batch a
//                      task, as a worker streaming a busy page's traffic (incremental indexing)
//   extras=1           also the hostile, in-flight and disagreeing exchanges the tests use
//   precise=1          precise mode on, with Chromium's verdicts on some samples
//   fallback=1         the capture reports the DevTools-network fallback and dropped exchanges
//   preciseAvailability=needs-precise-build|chromium-only
//                      the capture side's build cannot do precise mode (the default build; Firefox)

import { createMemoryTransport, mountPanel, type PanelHandle } from '../index.tsx';
import type { CapturedExchange, PreciseAvailability } from '../protocol.ts';
import { startFakeCapture, type FakeCapture } from './fake-capture.ts';
import { EXTRA_EXCHANGES, HOSTILE_EXCHANGES, manyExchanges, SAMPLE_EXCHANGES, withBrowserVerdicts } from './samples.ts';

declare global {
  interface Window {
    /** The fake capture side, for tests that stream upserts. */
    corsInspectorPlain?: { capture: FakeCapture; panel: PanelHandle };
  }
}

const params = new URLSearchParams(location.search);
const theme = params.get('theme');
const count = Number(params.get('count') ?? '0');
const precise = params.get('precise') === '1';
const availability = params.get('preciseAvailability');
const preciseAvailability: PreciseAvailability = availability === 'needs-precise-build' || availability === 'chromium-only' ? availability : 'available';

let exchanges: CapturedExchange[] = count > 0 ? manyExchanges(count) : [...SAMPLE_EXCHANGES];
if (params.get('extras') === '1') exchanges.push(...HOSTILE_EXCHANGES, ...EXTRA_EXCHANGES);
if (precise) exchanges = withBrowserVerdicts(exchanges);

const stream = Number(params.get('stream') ?? '0');
const streamed = stream > 0 ? exchanges : [];
if (stream > 0) exchanges = [];

const TAB_ID = 1;
const { panel, capture: captureSide } = createMemoryTransport();
const capture = startFakeCapture(captureSide, {
  tabId: TAB_ID,
  exchanges,
  settings: { preciseMode: precise },
  preciseAvailability,
  ...(params.get('fallback') === '1' ? { status: { fallback: 'devtools-network' as const, dropped: 1204 } } : {}),
});

const root = document.getElementById('panel');
if (!root) throw new Error('#panel missing');
// The built viewer page, for "Download diagnosis.html", where the build put it: `dist/` served at
// the site's root (the browser tests' static site). Under Vite's dev server it is not there, and
// the download says so.
const viewerPage = (): Promise<string> => import(/* @vite-ignore */ `${location.origin}/viewer-page.js`).then((m: { default: string }) => m.default);
const handle = mountPanel(root, panel, { tabId: TAB_ID, viewerPage, ...(theme === 'light' || theme === 'dark' ? { theme } : {}) });
window.corsInspectorPlain = { capture, panel: handle };

// After the snapshot the panel asked for (the memory transport delivers a task later).
const sendBatch = (from: number): void => {
  if (from >= streamed.length) return;
  capture.upsert(streamed.slice(from, from + stream));
  setTimeout(() => sendBatch(from + stream), 0);
};
if (stream > 0) setTimeout(() => sendBatch(0), 0);
