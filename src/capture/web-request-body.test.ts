import { describe, expect, it } from 'vitest';
import { bodyFromWebRequest, bodyOfRequest, MAX_BODY_TEXT_BYTES } from './web-request-body.ts';
import { exchangesFromWebRequestEvents, type WebRequestEvent } from './web-request.ts';

const bytes = (text: string): ArrayBuffer => new TextEncoder().encode(text).buffer as ArrayBuffer;

describe('bodyFromWebRequest', () => {
  it.each([
    { about: 'nothing given', given: undefined, kept: undefined },
    { about: 'UTF-8 bytes in one piece', given: { raw: [{ bytes: bytes('{"q":"é"}') }] }, kept: { text: '{"q":"é"}', size: 10 } },
    { about: 'UTF-8 split inside a character across pieces', given: { raw: [{ bytes: new Uint8Array([0x61, 0xc3]).buffer }, { bytes: new Uint8Array([0xa9]).buffer }] }, kept: { text: 'aé', size: 3 } },
    { about: 'bytes that are not UTF-8: a size only', given: { raw: [{ bytes: new Uint8Array([0xff, 0x00, 0xfe]).buffer }] }, kept: { size: 3 } },
    { about: 'a file in the body: nothing known', given: { raw: [{ bytes: bytes('a') }, { file: '/home/me/x.bin' }] }, kept: {} },
    { about: 'an empty body', given: { raw: [] }, kept: { text: '', size: 0 } },
    { about: 'form fields, repeated names kept in order', given: { formData: { a: ['1', '2'], 'b c': ['d&e'] } }, kept: { form: [['a', '1'], ['a', '2'], ['b c', 'd&e']] } },
    { about: 'an error only', given: { error: 'Unknown error.' }, kept: undefined },
  ] as const)('$about', ({ given, kept }) => {
    expect(bodyFromWebRequest(given as never)).toEqual(kept);
  });

  it('keeps nothing of a form whose fields are over the limit, and every field of one at it', () => {
    const name = 'field';
    expect(bodyFromWebRequest({ formData: { [name]: ['x'.repeat(MAX_BODY_TEXT_BYTES - name.length + 1)] } })).toEqual({});
    expect(bodyFromWebRequest({ formData: { a: ['x'.repeat(MAX_BODY_TEXT_BYTES / 2)], b: ['y'.repeat(MAX_BODY_TEXT_BYTES / 2)] } })).toEqual({});
    const atLimit = 'x'.repeat(MAX_BODY_TEXT_BYTES - name.length);
    expect(bodyFromWebRequest({ formData: { [name]: [atLimit] } })).toEqual({ form: [[name, atLimit]] });
  });

  it('keeps only the size of a body over the limit', () => {
    const big = 'x'.repeat(MAX_BODY_TEXT_BYTES + 1);
    expect(bodyFromWebRequest({ raw: [{ bytes: bytes(big) }] })).toEqual({ size: MAX_BODY_TEXT_BYTES + 1 });
    const limit = 'x'.repeat(MAX_BODY_TEXT_BYTES);
    expect(bodyFromWebRequest({ raw: [{ bytes: bytes(limit) }] })?.text).toBe(limit);
  });
});

describe('bodyOfRequest', () => {
  it('rebuilds a form-urlencoded body with the URL Standard serializer', () => {
    const form: [string, string][] = [['user name', 'a+b'], ['x', 'é&=']];
    const expected = 'user+name=a%2Bb&x=%C3%A9%26%3D';
    expect(bodyOfRequest({ form }, 'application/x-www-form-urlencoded;charset=UTF-8')).toEqual({ body: expected, bodySize: expected.length });
  });

  it('leaves a multipart body unknown (its parts cannot be rebuilt byte for byte)', () => {
    expect(bodyOfRequest({ form: [['a', '1']] }, 'multipart/form-data; boundary=x')).toEqual({});
  });

  it('passes text and size through', () => {
    expect(bodyOfRequest({ text: 'hi', size: 2 }, 'text/plain')).toEqual({ body: 'hi', bodySize: 2 });
    expect(bodyOfRequest({ size: 9 }, null)).toEqual({ bodySize: 9 });
  });
});

describe('the body in the mapped exchange', () => {
  const PAGE = 'http://127.0.0.1:5000';
  const url = 'http://127.0.0.1:6000/items';
  const base = { requestId: '1', tabId: 1, url, method: 'POST', type: 'xmlhttprequest', initiator: PAGE } as const;
  const headers = [
    { name: 'Origin', value: PAGE },
    { name: 'Content-Type', value: 'application/x-www-form-urlencoded' },
  ];
  it('comes from onBeforeRequest, the content type from the headers sent', () => {
    const events: WebRequestEvent[] = [
      { ...base, event: 'onBeforeRequest', timeStamp: 1, requestBody: { form: [['q', 'a b']] } },
      { ...base, event: 'onSendHeaders', timeStamp: 2, requestHeaders: headers },
      { ...base, event: 'onCompleted', timeStamp: 3, statusCode: 200 },
    ];
    const request = exchangesFromWebRequestEvents(events).exchanges[0]!.captured.exchange.request;
    expect([request.body, request.bodySize]).toEqual(['q=a+b', 5]);
  });

  it('is the first hop’s after a redirect', () => {
    const events: WebRequestEvent[] = [
      { ...base, event: 'onBeforeRequest', timeStamp: 1, requestBody: { text: 'one', size: 3 } },
      { ...base, event: 'onSendHeaders', timeStamp: 2, requestHeaders: headers.slice(0, 1) },
      { ...base, event: 'onBeforeRedirect', timeStamp: 3, statusCode: 307, redirectUrl: `${url}/2` },
      { ...base, url: `${url}/2`, event: 'onBeforeRequest', timeStamp: 4, requestBody: { text: 'two', size: 3 } },
      { ...base, url: `${url}/2`, event: 'onCompleted', timeStamp: 5, statusCode: 200 },
    ];
    const request = exchangesFromWebRequestEvents(events).exchanges[0]!.captured.exchange.request;
    expect([request.body, request.bodySize]).toEqual(['one', 3]);
  });
});
