// CloudFront's fix: a response headers policy's CorsConfig (CloudFormation's documented names), and
// a cache policy keyed on Origin when the origin's answer varies by Origin. It comes first where
// CloudFront is the layer to fix: it answered itself, or passed the answer on and names no server
// behind it (the first fix was the plain headers).

import { describe, expect, it } from 'vitest';
import { diagnose } from '../../diagnose.ts';
import type { HeaderList, ObservedExchange } from '../../exchange.ts';
import { explain } from '../explain.ts';
import { cloudfrontFix } from './cloudfront.ts';
import { REPLACES_BACKEND_COPY } from './index.ts';
import { addToNeed, emptyNeed, mergedFix } from './merged.ts';
import { contextFor } from './test-context.ts';

const PAGE = 'https://app.example.com';
const URL_ = 'https://d111111abcdef8.cloudfront.net/api/items';
const CF: HeaderList = [['Via', '1.1 abc.cloudfront.net (CloudFront)'], ['X-Amz-Cf-Id', 'abc=='], ['X-Amz-Cf-Pop', 'LHR61-P1']];

function get(headers: HeaderList): ObservedExchange {
  return { request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, mode: 'cors' }, hops: [{ url: URL_, response: { status: 200, headers } }], errorText: 'net::ERR_FAILED' };
}

describe('cloudfrontFix', () => {
  it("keeps the Max-Age the server answered, as every other stack's fix does (600 when none)", () => {
    const maxAge = (fix: ReturnType<typeof cloudfrontFix>): unknown => JSON.parse(fix.snippet).Resources.CorsHeadersPolicy.Properties.ResponseHeadersPolicyConfig.CorsConfig.AccessControlMaxAgeSec;
    const ctx = contextFor({});
    expect(maxAge(cloudfrontFix({ ...ctx, policy: { ...ctx.policy, maxAge: 7200 } }))).toBe(7200);
    expect(maxAge(cloudfrontFix({ ...ctx, policy: { ...ctx.policy, maxAge: undefined } }))).toBe(600);
  });
  it('writes the CorsConfig with the documented names, OriginOverride on, OPTIONS among the methods', () => {
    const fix = cloudfrontFix(contextFor({ credentials: true }));
    const cors = JSON.parse(fix.snippet).Resources.CorsHeadersPolicy;
    expect(cors.Type).toBe('AWS::CloudFront::ResponseHeadersPolicy');
    expect(cors.Properties.ResponseHeadersPolicyConfig.CorsConfig).toEqual({
      AccessControlAllowOrigins: { Items: ['http://127.0.0.1:5173'] },
      AccessControlAllowHeaders: { Items: ['content-type', 'x-trace'] },
      AccessControlAllowMethods: { Items: ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'] },
      AccessControlAllowCredentials: true,
      AccessControlMaxAgeSec: 600,
      OriginOverride: true,
    });
    expect(JSON.parse(fix.snippet).Resources.OriginKeyedCachePolicy).toBeUndefined();
    expect(fix.trap).toContain('ResponseHeadersPolicyId');
  });

  it('adds a cache policy keyed on Origin when the origin varies by Origin', () => {
    const fix = cloudfrontFix({ ...contextFor({}), originVaries: true });
    const cache = JSON.parse(fix.snippet).Resources.OriginKeyedCachePolicy;
    expect(cache.Type).toBe('AWS::CloudFront::CachePolicy');
    expect(cache.Properties.CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig).toEqual({ HeaderBehavior: 'whitelist', Headers: ['Origin'] });
    expect(fix.trap).toContain('CachePolicyId');
  });

  it('leaves out a method CloudFront cannot list, and says so', () => {
    const ctx = contextFor({});
    const fix = cloudfrontFix({ ...ctx, policy: { ...ctx.policy, methods: ['QUERY'] } });
    expect(JSON.parse(fix.snippet).Resources.CorsHeadersPolicy.Properties.ResponseHeadersPolicyConfig.CorsConfig.AccessControlAllowMethods.Items).not.toContain('QUERY');
    expect(fix.trap).toContain('Left out (CloudFront allows only GET, HEAD, OPTIONS, PUT, POST, PATCH, DELETE or ALL): QUERY');
  });
});

describe('the first fix where CloudFront is the layer to fix', () => {
  it('CloudFront passed the answer on and names no server behind it: its fix, not the plain headers', () => {
    const x = get([['Content-Type', 'application/json'], ['X-Cache', 'Miss from cloudfront'], ...CF]);
    const e = explain(diagnose(x), x);
    expect(e.fixes[0]?.target).toBe('cloudfront');
    expect(e.fixes.map((f) => f.target)).toContain('generic');
  });

  it('with Vary: Origin from the origin, the cache policy keyed on Origin too', () => {
    const x = get([['Content-Type', 'application/json'], ['Vary', 'Origin'], ...CF]);
    expect(explain(diagnose(x), x, { fixes: 'first' }).fixes[0]?.title).toBe('CloudFront: a response headers policy with CORS, and a cache policy keyed on Origin');
  });

  it('an app named behind CloudFront keeps its fix first', () => {
    const x = get([['Content-Type', 'application/json'], ['X-Powered-By', 'Express'], ...CF]);
    expect(explain(diagnose(x), x).fixes[0]?.target).toBe('express');
  });

  it('CloudFront refused the preflight itself: its fix first', () => {
    const x: ObservedExchange = {
      request: { method: 'PUT', headers: [['Origin', PAGE], ['Content-Type', 'application/json']], initiatorOrigin: PAGE, mode: 'cors' },
      hops: [{ url: URL_, preflight: { url: URL_, requestHeaders: [['Origin', PAGE], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'content-type']], response: { status: 403, headers: [['Server', 'CloudFront'], ['X-Cache', 'Error from cloudfront'], ['Content-Type', 'text/html'], ...CF] } }, response: null }],
      errorText: 'net::ERR_FAILED',
    };
    const e = explain(diagnose(x), x);
    expect(e.fixes[0]?.target).toBe('cloudfront');
  });
});

describe('CloudFront in the server configuration, and the copy it replaces', () => {
  const varying = get([['Content-Type', 'application/json'], ['Vary', 'Origin'], ...CF]);

  it('the cache policy keyed on Origin is in SERVER CONFIGURATION when an answer varied by Origin', () => {
    const need = emptyNeed();
    addToNeed(need, diagnose(varying), varying);
    const fix = mergedFix('cloudfront', need, 'https://d111111abcdef8.cloudfront.net');
    expect(JSON.parse(fix.snippet).Resources.OriginKeyedCachePolicy?.Type).toBe('AWS::CloudFront::CachePolicy');
    expect(fix.trap).toContain('CachePolicyId');
    // Without Vary: Origin, none.
    const plain = get([['Content-Type', 'application/json'], ...CF]);
    const none = emptyNeed();
    addToNeed(none, diagnose(plain), plain);
    expect(JSON.parse(mergedFix('cloudfront', none, null).snippet).Resources.OriginKeyedCachePolicy).toBeUndefined();
  });

  it("says which copy the browser gets: OriginOverride: true replaces the server's lines", () => {
    const fix = cloudfrontFix(contextFor({}));
    expect(JSON.parse(fix.snippet).Resources.CorsHeadersPolicy.Properties.ResponseHeadersPolicyConfig.CorsConfig.OriginOverride).toBe(true);
    expect(fix.trap).toContain("OriginOverride: true makes these lines replace the CORS lines the server behind CloudFront sends: the browser gets one copy of each, CloudFront's");
    // So it is among the fixes that keep one copy in front of an app sending its own.
    expect(REPLACES_BACKEND_COPY.has('cloudfront')).toBe(true);
  });
});
