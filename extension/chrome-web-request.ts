// The capture service's webRequest listeners, on `chrome.webRequest`. It only observes: no
// listener here can block or change a request (no 'blocking' in any extraInfoSpec, no
// webRequestBlocking permission).

import type { WebRequestDetails } from '../src/capture/web-request-details.ts';
import type { WebRequestEventName } from '../src/capture/web-request.ts';
import type { CaptureServiceDeps } from './capture-service.ts';

type Queue = (name: WebRequestEventName, details: WebRequestDetails) => void;

const ALL_URLS: chrome.webRequest.RequestFilter = { urls: ['<all_urls>'] };

/**
 * webRequest listeners cost every page in the browser, captured or not (measured on Chromium 156,
 * 400 fetches: about 1.8x the time with listeners filtered to another tab, 1.3x with the
 * permission alone). So the service registers them only while some tab is being captured.
 */
export function chromeWebRequest(queue: Queue): CaptureServiceDeps['webRequest'] {
  // Tiny listeners: queue the details, make sense of them later in batches.
  const queued =
    <D extends WebRequestDetails>(name: WebRequestEventName) =>
    (details: D): undefined => {
      queue(name, details);
      return undefined;
    };
  // One listener per fact: the body (`onBeforeRequest`), the final request headers
  // (`onSendHeaders`), the response headers (`onHeadersReceived`), the redirect, the end.
  // `onBeforeSendHeaders` and `onResponseStarted` would repeat the same headers, and every listener
  // with 'extraHeaders' costs the page. 'extraHeaders' is what makes preflights, `Cookie` and the
  // raw response headers visible.
  const onBeforeRequest = queued<chrome.webRequest.OnBeforeRequestDetails>('onBeforeRequest');
  const onSendHeaders = queued<chrome.webRequest.OnSendHeadersDetails>('onSendHeaders');
  const onHeadersReceived = queued<chrome.webRequest.OnHeadersReceivedDetails>('onHeadersReceived');
  const onBeforeRedirect = queued<chrome.webRequest.OnBeforeRedirectDetails>('onBeforeRedirect');
  const onCompleted = queued<chrome.webRequest.OnCompletedDetails>('onCompleted');
  const onErrorOccurred = queued<chrome.webRequest.OnErrorOccurredDetails>('onErrorOccurred');
  return {
    setListening(on) {
      const w = chrome.webRequest;
      if (on) {
        w.onBeforeRequest.addListener(onBeforeRequest, ALL_URLS, ['requestBody']);
        w.onSendHeaders.addListener(onSendHeaders, ALL_URLS, ['requestHeaders', 'extraHeaders']);
        w.onHeadersReceived.addListener(onHeadersReceived, ALL_URLS, ['responseHeaders', 'extraHeaders']);
        w.onBeforeRedirect.addListener(onBeforeRedirect, ALL_URLS, ['responseHeaders', 'extraHeaders']);
        w.onCompleted.addListener(onCompleted, ALL_URLS, ['responseHeaders', 'extraHeaders']);
        w.onErrorOccurred.addListener(onErrorOccurred, ALL_URLS, ['extraHeaders']);
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
