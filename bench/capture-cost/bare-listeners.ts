// The floor of bench/capture-cost.ts: the capture's own webRequest listeners (same events, same
// filters, same extraInfoSpec) registered for every tab, each returning at once. What is left is
// what the browser's API itself costs the page. Bundled by esbuild into a throwaway extension;
// `BENCH_EXTRA_HEADERS` (an esbuild define) says whether 'extraHeaders' is kept.

import { BROWSER } from '../../extension/browser/chromium.ts';
import { webRequestListeners } from '../../extension/web-request-listeners.ts';

declare const BENCH_EXTRA_HEADERS: boolean;

const specifics = BENCH_EXTRA_HEADERS ? BROWSER : { ...BROWSER, extraInfoSpec: [] };
webRequestListeners(() => undefined, specifics).setListening(true);
