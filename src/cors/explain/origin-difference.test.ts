import { describe, expect, it } from 'vitest';
import type { OriginDifference } from '../diagnosis.ts';
import { describeOriginDifferences, originParts } from './origin-difference.ts';

const cases: [string, string, OriginDifference[], string[]][] = [
  ['http://localhost:5173', 'http://127.0.0.1:5173', ['host', 'localhost-vs-loopback'],
    ['The server allows http://localhost:5173 but the page is http://127.0.0.1:5173: localhost and 127.0.0.1 are different origins, even though both reach this machine.']],
  ['http://127.0.0.1:5173/', 'http://127.0.0.1:5173', ['trailing-slash'],
    ['The server sends http://127.0.0.1:5173/ with a trailing slash; an origin has no path, so it must be exactly http://127.0.0.1:5173.']],
  ['https://app.example', 'http://app.example', ['scheme'],
    ['The server allows https://app.example but the page is http://app.example: the scheme differs (https vs http), and the scheme is part of the origin.']],
  ['http://app.example:3000', 'http://app.example', ['port'],
    ['The server allows http://app.example:3000 but the page is http://app.example: the port differs (3000 vs 80), and the port is part of the origin.']],
  ['https://app.example.com:443', 'https://app.example.com', ['default-port'],
    ["The server sends https://app.example.com:443, with the default port written out (:443); the browser compares it with the page's serialized origin, which leaves the default port out, so it must be exactly https://app.example.com."]],
  ['http://App.Example', 'http://app.example', ['case'],
    ['The server sends http://App.Example; the browser compares origins character by character, so it must be exactly http://app.example (lower-case scheme and host).']],
  ['http://a.example, http://b.example', 'http://b.example', ['list'],
    ["The server sends several origins (http://a.example, http://b.example); the header takes exactly one origin or *. Compare the request's Origin header with your list and send back only the one that matches."]],
  ['http://127.0.0.1:5173', 'null', ['null'],
    ['After a redirect to another origin the browser sends Origin: null (the request\'s origin is "tainted"), so http://127.0.0.1:5173 no longer matches. Call the final URL directly instead of redirecting across origins.']],
  ['null', 'http://app.example', ['null'],
    ["The server allows null, which is not the page's origin http://app.example; and null is the origin of sandboxed iframes and file: pages, so it should never be trusted."]],
  ['http://app.example/api', 'http://app.example', ['path'],
    ['The server sends http://app.example/api, which has a path; send only the origin, http://app.example.']],
  ['app.example', 'http://app.example', ['invalid'], ['"app.example" is not an origin (scheme://host[:port]); send exactly http://app.example.']],
];

describe('describeOriginDifferences', () => {
  it.each(cases)('%s vs %s', (allowOrigin, requestOrigin, differences, text) => {
    expect(describeOriginDifferences({ allowOrigin, requestOrigin, differences })).toEqual(text);
  });

  it('says the tuple differences in one sentence', () => {
    expect(describeOriginDifferences({ allowOrigin: 'http://example.com', requestOrigin: 'http://127.0.0.1:5173', differences: ['host', 'port'] })).toEqual([
      'The server allows http://example.com but the page is http://127.0.0.1:5173: the host differs (example.com vs 127.0.0.1); the port differs (80 vs 5173). Scheme, host and port must all match.',
    ]);
    expect(describeOriginDifferences({ allowOrigin: 'http://localhost:3000', requestOrigin: 'http://127.0.0.1:5173', differences: ['host', 'localhost-vs-loopback', 'port'] })).toEqual([
      'The server allows http://localhost:3000 but the page is http://127.0.0.1:5173: localhost and 127.0.0.1 are different hosts, even though both reach this machine; the port differs (3000 vs 5173). Scheme, host and port must all match.',
    ]);
  });

  it('puts the null explanation before the others', () => {
    const out = describeOriginDifferences({ allowOrigin: 'http://a.example', requestOrigin: 'null', differences: ['host', 'null'] });
    expect(out[0]).toMatch(/^After a redirect/);
  });
});

describe('originParts', () => {
  it.each([
    ['http://a.example', { scheme: 'http', host: 'a.example', port: '80' }],
    ['HTTPS://a.example:8443', { scheme: 'https', host: 'a.example', port: '8443' }],
    ['http://[::1]:3000', { scheme: 'http', host: '[::1]', port: '3000' }],
    ['nope', null],
  ])('%s', (value, parts) => expect(originParts(value)).toEqual(parts));
});
