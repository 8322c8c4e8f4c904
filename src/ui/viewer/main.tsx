// The viewer: the panel as a plain static page, for whoever receives a bundle or a HAR and has no
// extension. Nothing is captured here: the capture side is a memory transport with no exchanges,
// and the capture controls are hidden. Files open by drop, by "Open…", or with `?src=URL` (same
// origin only: a link to a file served next to the page). A diagnosis.html is this page with a
// bundle embedded (`diagnosis.tsx`), opened at once.
//
// Query parameters:
//   src=URL            a bundle or HAR to open at once (same origin as the page)
//   theme=light|dark   the colour scheme (default: the system's)

import { createMemoryTransport, mountPanel, type PanelHandle } from '../index.tsx';
import { startFakeCapture } from '../plain/fake-capture.ts';
import { MAX_IMPORT_BYTES, tooLargeMessage } from '../share/read-import.ts';
import { parseBundle } from '../../export/index.ts';
import { embeddedBrowser, embeddedBundle, showDiagnosis } from './diagnosis.tsx';
import { viewerSource } from './source.ts';

declare global {
  interface Window {
    corsInspectorViewer?: { panel: PanelHandle; ready: Promise<void> };
  }
}

const TAB_ID = 1;
const params = new URLSearchParams(location.search);
const theme = params.get('theme');

const { panel, capture } = createMemoryTransport();
startFakeCapture(capture, { tabId: TAB_ID, exchanges: [] });

const root = document.getElementById('panel');
if (!root) throw new Error('#panel missing');
// A diagnosis.html is judged by the rules its bundle was (a Firefox bundle by Firefox's), so its
// rows, console lines and words are the exporter's browser's; a plain viewer by Chromium's.
const embedded = embeddedBundle(document);
const parsed = embedded === null ? null : parseBundle(embedded);
const browser = parsed === null ? 'chromium' : embeddedBrowser(parsed);
const handle = mountPanel(root, panel, { tabId: TAB_ID, readOnly: true, browser, ...(theme === 'light' || theme === 'dark' ? { theme } : {}) });

/** Fetches `?src=` and opens it; every failure ends as the panel's import error. */
async function openSource(src: string): Promise<void> {
  const source = viewerSource(src, location);
  if (!source.ok) {
    reportError(source.fileName, source.message);
    return;
  }
  const { url, fileName } = source;
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) {
      reportError(fileName, `fetching ${url.pathname} gave HTTP ${response.status}.`);
      return;
    }
    const length = Number(response.headers.get('content-length') ?? '0');
    const tooLarge = tooLargeMessage(fileName, length, MAX_IMPORT_BYTES);
    if (tooLarge) {
      await response.body?.cancel();
      reportError(fileName, tooLarge);
      return;
    }
    const blob = await response.blob();
    await handle.importFile(new File([blob], fileName, { type: blob.type }));
  } catch (error) {
    reportError(fileName, `fetching it failed: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

function reportError(fileName: string, message: string): void {
  handle.showImportError(fileName, message);
}

if (embedded !== null && parsed !== null) {
  const systemTheme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  showDiagnosis(embedded, parsed, handle, root, theme === 'light' || theme === 'dark' ? theme : systemTheme);
}
const src = params.get('src');
const ready = src ? openSource(src) : Promise.resolve();
window.corsInspectorViewer = { panel: handle, ready };
