import { describe, expect, it } from 'vitest';
import type { RequestMode } from './exchange.ts';
import { checkRedirectLocation, isRedirectStatus, isSafeRedirectTarget, methodAfterRedirect, taintsOrigin } from './redirect.ts';

const PAGE = 'http://127.0.0.1:1111';
const API = 'http://127.0.0.1:2222';
const OTHER = 'http://localhost:3333';

describe('redirect rules', () => {
  it.each([
    [301, true],
    [302, true],
    [303, true],
    [307, true],
    [308, true],
    [300, false],
    [304, false],
    [200, false],
  ])('isRedirectStatus(%i) = %s', (status, expected) => {
    expect(isRedirectStatus(status)).toBe(expected);
  });

  it.each<[string, string, RequestMode, boolean, string | null]>([
    ['plain cross-origin location', OTHER + '/x', 'cors', true, null],
    ['credentials in location with the CORS flag', 'http://u:p@localhost:3333/x', 'cors', true, 'RedirectContainsCredentials'],
    ['credentials in a cross-origin location, no CORS flag yet', 'http://u:p@localhost:3333/x', 'cors', false, 'RedirectContainsCredentials'],
    ['credentials in a same-origin location, no CORS flag', 'http://u:p@127.0.0.1:1111/x', 'cors', false, null],
    ['no-cors ignores credentials', 'http://u:p@localhost:3333/x', 'no-cors', false, null],
  ])('checkRedirectLocation: %s', (_d, location, mode, corsFlag, expected) => {
    expect(checkRedirectLocation(location, mode, PAGE, corsFlag)).toBe(expected);
  });

  it.each([
    ['http(s) location', 'https://a.example/x', true],
    ['data: location (net::ERR_UNSAFE_REDIRECT)', 'data:text/plain,hi', false],
    ['ftp: location reaches the CORS code', 'ftp://a.example/', true],
    ['file: location', 'file:///etc/passwd', false],
  ])('isSafeRedirectTarget: %s', (_d, location, expected) => {
    expect(isSafeRedirectTarget(location)).toBe(expected);
  });

  it.each([
    ['api → other from page: tainted', API, OTHER, true],
    ['api → api: not tainted', API, API, false],
    ['page → other (request was same-origin): not tainted', PAGE, OTHER, false],
    ['api → page: tainted (origin differs from current URL)', API, PAGE, true],
  ])('taintsOrigin: %s', (_d, current, location, expected) => {
    expect(taintsOrigin(current, location, PAGE)).toBe(expected);
  });

  it.each([
    [301, 'POST', 'GET'],
    [302, 'POST', 'GET'],
    [302, 'PUT', 'PUT'],
    [303, 'PUT', 'GET'],
    [303, 'HEAD', 'HEAD'],
    [307, 'POST', 'POST'],
    [308, 'DELETE', 'DELETE'],
  ])('methodAfterRedirect(%i, %s) = %s', (status, method, expected) => {
    expect(methodAfterRedirect(status, method)).toBe(expected);
  });
});
