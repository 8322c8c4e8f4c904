// What a probe sends: the preflight only when the engine says the request needs one, with the
// headers Chromium puts on it; crafted origins never repeat a request that needs a preflight.

import { describe, expect, it } from 'vitest';
import type { HeaderLine } from '../exchange.ts';
import { MAX_CRAFTED_ORIGINS } from './crafted-origins.ts';
import { MAX_PROBE_REQUESTS, plannedRequestCount, probePlan } from './plan.ts';

const plan = (method: string, headers: HeaderLine[] = []) => probePlan({ url: 'https://api.example.com/items?x=1', origin: 'https://app.example.com', method, headers, userAgent: 'ua' });

describe('probePlan', () => {
  it.each<{ about: string; method: string; headers: HeaderLine[]; preflight: boolean }>([
    { about: 'a simple GET', method: 'GET', headers: [], preflight: false },
    { about: 'a POST of a form', method: 'POST', headers: [['Content-Type', 'application/x-www-form-urlencoded']], preflight: false },
    { about: 'a POST of JSON', method: 'POST', headers: [['Content-Type', 'application/json']], preflight: true },
    { about: 'a GET with a custom header', method: 'GET', headers: [['X-Token', 'a']], preflight: true },
    { about: 'a DELETE', method: 'DELETE', headers: [], preflight: true },
  ])('$about: preflight $preflight', ({ method, headers, preflight }) => {
    const [named, ...crafted] = plan(method, headers);
    expect(named!.preflight !== null).toBe(preflight);
    expect(named!.sendsRequest).toBe(true);
    for (const probe of crafted) {
      expect(probe.preflight !== null).toBe(preflight);
      // A request that needs a preflight is never repeated for crafted origins.
      expect(probe.sendsRequest).toBe(!preflight);
    }
    expect(plannedRequestCount(plan(method, headers))).toBe(preflight ? 2 + crafted.length : 1 + crafted.length);
  });

  it("the preflight carries Chromium's request headers; the request, the page's and the Origin", () => {
    const [named] = plan('PUT', [['X-Token', 'a'], ['Content-Type', 'application/json']]);
    expect(named!.preflight).toEqual({
      role: 'preflight',
      method: 'OPTIONS',
      url: 'https://api.example.com/items?x=1',
      headers: [
        ['Accept', '*/*'],
        ['Access-Control-Request-Method', 'PUT'],
        ['Access-Control-Request-Headers', 'content-type,x-token'],
        ['Origin', 'https://app.example.com'],
        ['User-Agent', 'ua'],
      ],
    });
    expect(named!.request.headers).toEqual([
      ['Accept', '*/*'],
      ['X-Token', 'a'],
      ['Content-Type', 'application/json'],
      ['Origin', 'https://app.example.com'],
      ['User-Agent', 'ua'],
    ]);
  });

  it('the bound: the named origin two, one per crafted origin', () => {
    expect(MAX_PROBE_REQUESTS).toBe(2 + MAX_CRAFTED_ORIGINS);
    expect(plannedRequestCount(plan('PUT'))).toBeLessThanOrEqual(MAX_PROBE_REQUESTS);
  });
});
