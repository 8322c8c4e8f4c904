// The capture service's webRequest listeners, on `browser.webRequest` (webextension-polyfill: the
// same calls in Chromium and Firefox). It only observes: no listener here can block or change a
// request (no 'blocking' in any extraInfoSpec, no webRequestBlocking permission).

import browser, { type WebRequest } from 'webextension-polyfill';
import type { WebRequestDetails, WebRequestEventName } from '../src/capture/index.ts';
import type { WebRequestSpecifics } from './browser/browser-specifics.ts';
import type { CaptureServiceDeps } from './capture-service.ts';

type Queue = (name: WebRequestEventName, details: WebRequestDetails) => void;

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
  // Every URL (a tab's requests go anywhere), only the types a CORS request or its preflight can
  // have (see `corsTypes`): an iframe's navigation or a WebSocket never reaches the worker.
  // Not scoped by `tabId`: a filter names one tab, so each captured tab would need its own six
  // listeners, added and removed as captures start and stop, and a worker woken by an event must
  // find them registered before it has read back which tabs it captures.
  const filter = { urls: ['<all_urls>'], types: [...specifics.corsTypes] } as WebRequest.RequestFilter;
  return {
    setListening(on) {
      const w = browser.webRequest;
      if (on) {
        w.onBeforeRequest.addListener(onBeforeRequest, filter, ['requestBody']);
        w.onSendHeaders.addListener(onSendHeaders, filter, ['requestHeaders', ...extra]);
        w.onHeadersReceived.addListener(onHeadersReceived, filter, ['responseHeaders', ...extra]);
        w.onBeforeRedirect.addListener(onBeforeRedirect, filter, ['responseHeaders', ...extra]);
        w.onCompleted.addListener(onCompleted, filter, ['responseHeaders', ...extra]);
        // Firefox's takes no extraInfoSpec at all (an empty one is an error there).
        if (extra.length > 0) w.onErrorOccurred.addListener(onErrorOccurred, filter, [...extra]);
        else w.onErrorOccurred.addListener(onErrorOccurred, filter);
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
