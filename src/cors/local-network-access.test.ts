import { describe, expect, it } from 'vitest';
import { addressSpaceOfHost, addressSpaceOfIp, addressSpaceOfUrl, isLessPublic, isPotentiallyTrustworthyOrigin, localNetworkAccessError } from './local-network-access.ts';

// https://wicg.github.io/local-network-access/#ip-address-space
describe('addressSpaceOfUrl: the host after the URL parser normalised it', () => {
  it.each([
    ['http://127.0.0.1:3000/', 'loopback'],
    ['http://127.255.255.254/', 'loopback'],
    ['http://127.1/', 'loopback'], // IPv4 shorthand
    ['http://0x7f.1/', 'loopback'], // hexadecimal part
    ['http://2130706433/', 'loopback'], // one number
    ['http://[::1]:8080/', 'loopback'],
    ['http://[0:0:0:0:0:0:0:1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'], // IPv4-mapped, serialized as ::ffff:7f00:1
    ['http://localhost:3000/', 'loopback'],
    ['http://LOCALHOST./', 'loopback'],
    ['http://api.localhost/', 'loopback'],
    ['http://10.0.0.1/', 'local'],
    ['http://172.16.0.1/', 'local'],
    ['http://172.31.255.255/', 'local'],
    ['http://192.168.1.1/', 'local'],
    ['http://169.254.169.254/', 'local'],
    ['http://[fd12:3456::1]/', 'local'], // fc00::/7
    ['http://[fc00::1]/', 'local'],
    ['http://[fe80::1]/', 'local'], // fe80::/10
    ['http://[::ffff:192.168.0.1]/', 'local'],
    ['http://printer.local/', 'local'],
    ['http://172.15.0.1/', 'public'],
    ['http://172.32.0.1/', 'public'],
    ['http://192.169.0.1/', 'public'],
    ['http://8.8.8.8/', 'public'],
    ['http://[2001:db8::1]/', 'public'],
    ['http://[fec0::1]/', 'public'],
    ['https://app.example.com/', 'public'],
    ['http://localhost.example.com/', 'public'],
    ['http://local/', 'public'],
  ])('%s is %s', (url, space) => expect(addressSpaceOfUrl(url)?.space).toBe(space));

  it('says when a name was taken as public without an address', () => {
    expect(addressSpaceOfUrl('https://app.example.com/')).toEqual({ space: 'public', inferred: true });
    expect(addressSpaceOfUrl('http://8.8.8.8/')).toEqual({ space: 'public', inferred: false });
    expect(addressSpaceOfUrl('http://localhost/')).toEqual({ space: 'loopback', inferred: false });
  });

  it.each(['data:text/plain,x', 'blob:null/1234', 'not a url', '/relative'])('%s has no address space', (url) => expect(addressSpaceOfUrl(url)).toBeNull());
});

describe('addressSpaceOfIp: a capture\'s server address (HAR serverIPAddress, protocol remoteIPAddress)', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['192.168.0.10', 'local'],
    ['FE80::1', 'local'],
    ['93.184.215.14', 'public'],
  ])('%s is %s', (ip, space) => expect(addressSpaceOfIp(ip)).toBe(space));
  it.each(['', 'example.com', 'localhost'])('%j is no IP address', (ip) => expect(addressSpaceOfIp(ip)).toBeNull());
  it('agrees with addressSpaceOfHost on IP literals', () => expect(addressSpaceOfHost('10.1.2.3')).toEqual({ space: 'local', inferred: false }));
});

describe('isLessPublic: a local network request', () => {
  it.each([
    ['loopback', 'public', true],
    ['local', 'public', true],
    ['loopback', 'local', true],
    ['public', 'public', false],
    ['local', 'local', false],
    ['loopback', 'loopback', false],
    ['public', 'loopback', false],
    ['local', 'loopback', false],
  ] as const)('%s from %s: %s', (target, initiator, expected) => expect(isLessPublic(target, initiator)).toBe(expected));
});

describe('isPotentiallyTrustworthyOrigin: the page is a secure context as far as its origin tells', () => {
  it.each([
    ['https://app.example.com', true],
    ['wss://app.example.com', true],
    ['http://localhost:3000', true],
    ['http://127.0.0.1:8080', true],
    ['http://[::1]', true],
    ['http://app.example.com', false],
    ['http://192.168.1.5', false],
    ['null', false],
  ])('%s: %s', (origin, expected) => expect(isPotentiallyTrustworthyOrigin(origin)).toBe(expected));
});

describe('localNetworkAccessError: Chromium 156\'s CorsError', () => {
  it('is InsecureLocalNetwork from an insecure page, LocalNetworkAccessPermissionDenied from a secure one', () => {
    expect(localNetworkAccessError(false)).toBe('InsecureLocalNetwork');
    expect(localNetworkAccessError(true)).toBe('LocalNetworkAccessPermissionDenied');
  });
});
