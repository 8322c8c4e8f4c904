// The capture service's webRequest listeners, on `browser.webRequest` (webextension-polyfill: the
// same calls in Chromium and Firefox). It only observes: no listener here can block or change a
// request (no 'blocking' in any extraInfoSpec, no webRequestBlocking permission).

import browser, { type WebRequest } from 'webextension-polyfill';
import type { WebRequestDetails, WebRequestEventName } from '../src/capture/index.ts';
import type { WebRequestSpecifics } from './browser/browser-specifics.ts';
import type { CaptureServiceDeps } from './capture-service.ts';

type Queue = (name: WebRequestEventName, details: WebRequestDetails) => void;

const ALL_URLS: WebRequest.RequestFilter = { urls: ['<all_urls>'] };

/**
 * webRequest listeners cost every page in the browser, captured or not (measured on Chromium 156,
 * 400 fetches: about 1.8x the time with listeners filtered to another tab, 1.3x with the
 * permission alone). So the service registers them only while some tab is being captured.
 */
export function webRequestListeners(queue: Queue, specifics: WebRequestSpecifics): CaptureServiceDeps['webRequest'] {
  // Tiny listeners: queue the details, make sense of them later in batches.
  const queued =
    <D extends WebRequestDetails>(name: WebRequestEventName) =>
    (details: D): undefined => {
      queue(name, specifics.details(details));
      return undefined;
    };
  // One listener per fact: the body (`onBeforeRequest`), the final request headers
  // (`onSendHeaders`), the response headers (`onHeadersReceived`), the redirect, the end.
  // `onBeforeRequest` and `onResponseStarted` would repeat the same headers, and every listener
  // with Chromium's 'extraHeaders' costs the page.
  const onBeforeRequest = queued<WebRequest.OnBeforeRequestDetailsType>('onBeforeRequest');
  const onSendHeaders = queued<WebRequest.OnSendHeadersDetailsType>('onSendHeaders');
  const onHeadersReceived = queued<WebRequest.OnHeadersReceivedDetailsType>('onHeadersReceived');
  const onBeforeRedirect = queued<WebRequest.OnBeforeRedirectDetailsType>('onBeforeRedirect');
  const onCompleted = queued<WebRequest.OnCompletedDetailsType>('onCompleted');
  const onErrorOccurred = queued<WebRequest.OnErrorOccurredDetailsType>('onErrorOccurred');
  const extra = specifics.extraInfoSpec;
  return {
    setListening(on) {
      const w = browser.webRequest;
      if (on) {
        w.onBeforeRequest.addListener(onBeforeRequest, ALL_URLS, ['requestBody']);
        w.onSendHeaders.addListener(onSendHeaders, ALL_URLS, ['requestHeaders', ...extra]);
        w.onHeadersReceived.addListener(onHeadersReceived, ALL_URLS, ['responseHeaders', ...extra]);
        w.onBeforeRedirect.addListener(onBeforeRedirect, ALL_URLS, ['responseHeaders', ...extra]);
        w.onCompleted.addListener(onCompleted, ALL_URLS, ['responseHeaders', ...extra]);
        // Firefox's takes no extraInfoSpec at all (an empty one is an error there).
        if (extra.length > 0) w.onErrorOccurred.addListener(onErrorOccurred, ALL_URLS, [...extra]);
        else w.onErrorOccurred.addListener(onErrorOccurred, ALL_URLS);
      } else {
        w.onBeforeRequest.removeListener(onBeforeRequest);
        w.onSendHeaders.removeListener(onSendHeaders);
        w.onHeadersReceived.removeListener(onHeadersReceived);
        w.onBeforeRedirect.removeListener(onBeforeRedirect);
        w.onCompleted.removeListener(onCompleted);
        w.onErrorOccurred.removeListener(onErrorOccurred);
      }
    },
  };
}
