import { describe, expect, it } from 'vitest';
import { detailsFromFirefox } from './firefox-web-request.ts';
import { exchangesFromWebRequestEvents, type WebRequestEventName } from './web-request.ts';
import { eventFromDetails, type WebRequestDetails } from './web-request-details.ts';

type Details = WebRequestDetails & Record<string, unknown>;

// Details as Firefox ESR 153 gives them (the fields the capture reads, and Firefox's own).
const base: Details = {
  requestId: '17',
  tabId: 3,
  url: 'http://127.0.0.1:5001/api/items',
  method: 'GET',
  type: 'xmlhttprequest',
  timeStamp: 1_700_000_000_000,
  originUrl: 'http://localhost:5000/index.html?x=1',
  documentUrl: 'http://localhost:5000/index.html?x=1',
  frameId: 0,
  parentFrameId: -1,
  thirdParty: true,
};

describe('detailsFromFirefox', () => {
  it('gives the origin of what made the request as Chromium’s initiator', () => {
    expect(eventFromDetails('onBeforeRequest', detailsFromFirefox(base)).initiator).toBe('http://localhost:5000');
  });

  it('falls back on the document when there is no originUrl', () => {
    const { originUrl: _none, ...noOrigin } = base;
    expect(eventFromDetails('onBeforeRequest', detailsFromFirefox(<Details>{ ...noOrigin, documentUrl: 'https://app.test/x' })).initiator).toBe('https://app.test');
  });

  it('leaves the initiator out when Firefox names no page', () => {
    const { originUrl: _o, documentUrl: _d, ...none } = base;
    expect(eventFromDetails('onBeforeRequest', detailsFromFirefox(none)).initiator).toBeUndefined();
  });

  it('reports a CORS failure with the error Chromium gives it', () => {
    expect(eventFromDetails('onErrorOccurred', detailsFromFirefox(<Details>{ ...base, error: 'NS_ERROR_DOM_BAD_URI' })).error).toBe('net::ERR_FAILED');
  });

  // NS_ERROR_ABORT (Firefox cancelled it) stays Firefox's: net::ERR_ABORTED would read back as
  // NS_BINDING_ABORTED (the page's cancel) under Firefox rules; the engine reads it as net::ERR_ABORTED.
  it('keeps NS_ERROR_ABORT as Firefox recorded it, and gives NS_BINDING_ABORTED Chromium\'s name', () => {
    expect(eventFromDetails('onErrorOccurred', detailsFromFirefox(<Details>{ ...base, error: 'NS_ERROR_ABORT' })).error).toBe('NS_ERROR_ABORT');
    expect(eventFromDetails('onErrorOccurred', detailsFromFirefox(<Details>{ ...base, error: 'NS_BINDING_ABORTED' })).error).toBe('net::ERR_ABORTED');
  });

  it('names network failures as Chromium does, and keeps names it does not know', () => {
    expect(eventFromDetails('onErrorOccurred', detailsFromFirefox(<Details>{ ...base, error: 'NS_ERROR_CONNECTION_REFUSED' })).error).toBe('net::ERR_CONNECTION_REFUSED');
    expect(eventFromDetails('onErrorOccurred', detailsFromFirefox(<Details>{ ...base, error: 'NS_ERROR_SOMETHING_NEW' })).error).toBe('NS_ERROR_SOMETHING_NEW');
  });

  it('changes nothing else', () => {
    const headers = [{ name: 'Access-Control-Request-Method', value: 'PUT' }];
    const event = eventFromDetails('onSendHeaders', detailsFromFirefox(<Details>{ ...base, method: 'OPTIONS', requestHeaders: headers }));
    expect(event).toMatchObject({ requestId: '17', tabId: 3, url: base.url, method: 'OPTIONS', type: 'xmlhttprequest', requestHeaders: headers });
  });
});

describe('preflights in Firefox’s order of events', () => {
  // As firefox-esr 153 raised them for a page on :5000 sending PUT with Content-Type: application/json.
  const PAGE = 'http://127.0.0.1:5000';
  const url = 'http://127.0.0.1:5001/put';
  const common = { tabId: 1, url, type: 'xmlhttprequest', originUrl: `${PAGE}/`, documentUrl: `${PAGE}/` };
  const put = { ...common, requestId: '18', method: 'PUT' };
  const options = { ...common, requestId: '19', method: 'OPTIONS' };
  const requestHeaders = [
    { name: 'Content-Type', value: 'application/json' },
    { name: 'Origin', value: PAGE },
    { name: 'Sec-Fetch-Mode', value: 'cors' },
  ];
  const preflightHeaders = [
    { name: 'Access-Control-Request-Method', value: 'PUT' },
    { name: 'Access-Control-Request-Headers', value: 'content-type' },
    { name: 'Origin', value: PAGE },
    { name: 'Sec-Fetch-Mode', value: 'cors' },
  ];
  const allowed = [
    { name: 'Access-Control-Allow-Origin', value: PAGE },
    { name: 'Access-Control-Allow-Methods', value: 'PUT' },
    { name: 'Access-Control-Allow-Headers', value: 'content-type' },
  ];
  type Step = [WebRequestEventName, Details];
  const map = (steps: Step[]) => exchangesFromWebRequestEvents(steps.map(([name, d]) => eventFromDetails(name, detailsFromFirefox(d)))).exchanges.map((x) => x.captured.exchange);

  it('pairs a failed preflight with its request, whose headers came first and which never went out', () => {
    const [exchange, ...more] = map([
      ['onBeforeRequest', { ...put, timeStamp: 249 }],
      ['onSendHeaders', { ...put, timeStamp: 261, requestHeaders }],
      ['onBeforeRequest', { ...options, timeStamp: 264 }],
      ['onSendHeaders', { ...options, timeStamp: 267, requestHeaders: preflightHeaders }],
      ['onHeadersReceived', { ...options, timeStamp: 276, statusCode: 404, responseHeaders: [] }],
      ['onErrorOccurred', { ...options, timeStamp: 280, error: 'NS_ERROR_DOM_BAD_URI' }],
      ['onErrorOccurred', { ...put, timeStamp: 283, error: 'NS_ERROR_DOM_BAD_URI' }],
    ]);
    expect(more).toEqual([]);
    expect(exchange?.hops).toEqual([{ url, response: null, preflight: { url, requestHeaders: preflightHeaders.map((h) => [h.name, h.value]), response: { status: 404, headers: [] } } }]);
    expect(exchange?.errorText).toBe('net::ERR_FAILED');
    expect(exchange?.request.initiatorOrigin).toBe(PAGE);
  });

  it('pairs a passing preflight with the request sent after it', () => {
    const [exchange, ...more] = map([
      ['onBeforeRequest', { ...put, timeStamp: 428 }],
      ['onSendHeaders', { ...put, timeStamp: 435, requestHeaders }],
      ['onBeforeRequest', { ...options, timeStamp: 437 }],
      ['onSendHeaders', { ...options, timeStamp: 440, requestHeaders: preflightHeaders }],
      ['onHeadersReceived', { ...options, timeStamp: 503, statusCode: 204, responseHeaders: allowed }],
      ['onCompleted', { ...options, timeStamp: 504, statusCode: 204 }],
      ['onHeadersReceived', { ...put, timeStamp: 518, statusCode: 200, responseHeaders: [allowed[0]!] }],
      ['onCompleted', { ...put, timeStamp: 519, statusCode: 200 }],
    ]);
    expect(more).toEqual([]);
    expect(exchange?.hops[0]?.preflight?.response?.status).toBe(204);
    expect(exchange?.hops[0]?.response?.status).toBe(200);
    expect(exchange?.errorText).toBeUndefined();
  });
});
