import { describe, expect, it } from 'vitest';
import { eventFromDetails, type WebRequestDetails } from './web-request-details.ts';

/** Details with whatever fields Chromium adds (the listener's detail types vary by event). */
const details = <T extends WebRequestDetails>(d: T): T => d;

describe('eventFromDetails', () => {
  const base = { requestId: '12', tabId: 4, url: 'http://127.0.0.1:6000/x', method: 'POST', type: 'xmlhttprequest', timeStamp: 1700000000000.5, frameId: 0 };

  it('keeps the fields the capture reads, drops the rest', () => {
    const event = eventFromDetails('onHeadersReceived', details({
      ...base,
      initiator: 'http://127.0.0.1:5000',
      statusCode: 204,
      responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: '*' }, { name: 'X-Binary', binaryValue: [1] }],
      parentFrameId: -1,
    }));
    expect(event).toEqual({
      event: 'onHeadersReceived',
      requestId: '12',
      tabId: 4,
      url: base.url,
      method: 'POST',
      type: 'xmlhttprequest',
      timeStamp: base.timeStamp,
      initiator: 'http://127.0.0.1:5000',
      statusCode: 204,
      responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: '*' }, { name: 'X-Binary' }],
    });
  });

  it('turns the body of onBeforeRequest into text and a size, which survive storage', () => {
    const bytes = new TextEncoder().encode('{"a":1}').buffer;
    const event = eventFromDetails('onBeforeRequest', details({ ...base, requestBody: { raw: [{ bytes }] } }));
    expect(event.requestBody).toEqual({ text: '{"a":1}', size: 7 });
    expect(structuredClone(event)).toEqual(event);
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  });

  it('keeps a list of plain lines as it came, and copies any other list line by line', () => {
    const lines = [{ name: 'Origin', value: 'http://a' }, { name: 'Accept', value: '*/*' }];
    expect(eventFromDetails('onSendHeaders', details({ ...base, requestHeaders: lines })).requestHeaders).toBe(lines);
    const odd = [{ name: 'Origin', value: 'http://a' }, { value: 'x', name: 'Accept' }, { name: 'X', value: 'y', extra: 1 }, { name: 'Y' }];
    const kept = eventFromDetails('onSendHeaders', details({ ...base, requestHeaders: odd })).requestHeaders;
    expect(kept).not.toBe(odd);
    expect(JSON.stringify(kept)).toBe('[{"name":"Origin","value":"http://a"},{"name":"Accept","value":"x"},{"name":"X","value":"y"},{"name":"Y"}]');
  });

  it('skips header entries that are not headers', () => {
    const event = eventFromDetails('onSendHeaders', details({ ...base, requestHeaders: [null, { value: 'x' }, { name: 'Origin', value: 'http://a' }] }));
    expect(event.requestHeaders).toEqual([{ name: 'Origin', value: 'http://a' }]);
  });
});
