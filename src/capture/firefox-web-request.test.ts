import { describe, expect, it } from 'vitest';
import { detailsFromFirefox } from './firefox-web-request.ts';
import { eventFromDetails } from './web-request-details.ts';

// Details as Firefox ESR 153 gives them (the fields the capture reads, and Firefox's own).
const base = {
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
    expect(eventFromDetails('onBeforeRequest', detailsFromFirefox({ ...noOrigin, documentUrl: 'https://app.test/x' })).initiator).toBe('https://app.test');
  });

  it('leaves the initiator out when Firefox names no page', () => {
    const { originUrl: _o, documentUrl: _d, ...none } = base;
    expect(eventFromDetails('onBeforeRequest', detailsFromFirefox(none)).initiator).toBeUndefined();
  });

  it('reports a CORS failure with the error Chromium gives it', () => {
    expect(eventFromDetails('onErrorOccurred', detailsFromFirefox({ ...base, error: 'NS_ERROR_DOM_BAD_URI' })).error).toBe('net::ERR_FAILED');
  });

  it('names network failures as Chromium does, and keeps names it does not know', () => {
    expect(eventFromDetails('onErrorOccurred', detailsFromFirefox({ ...base, error: 'NS_ERROR_CONNECTION_REFUSED' })).error).toBe('net::ERR_CONNECTION_REFUSED');
    expect(eventFromDetails('onErrorOccurred', detailsFromFirefox({ ...base, error: 'NS_ERROR_SOMETHING_NEW' })).error).toBe('NS_ERROR_SOMETHING_NEW');
  });

  it('changes nothing else', () => {
    const headers = [{ name: 'Access-Control-Request-Method', value: 'PUT' }];
    const event = eventFromDetails('onSendHeaders', detailsFromFirefox({ ...base, method: 'OPTIONS', requestHeaders: headers }));
    expect(event).toMatchObject({ requestId: '17', tabId: 3, url: base.url, method: 'OPTIONS', type: 'xmlhttprequest', requestHeaders: headers });
  });
});
