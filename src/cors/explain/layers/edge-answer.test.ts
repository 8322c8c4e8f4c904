// A CDN that answered the preflight itself: which one, from its own headers; and the explanation
// then names it and its setting, with no blame on the server's auth or routes behind it.

import { describe, expect, it } from 'vitest';
import { diagnose } from '../../diagnose.ts';
import type { HeaderList, ObservedExchange } from '../../exchange.ts';
import { explain } from '../explain.ts';
import { API, PAGE } from '../test-diagnosis.ts';
import { edgeAnswer } from './edge-answer.ts';

describe('edgeAnswer', () => {
  it.each<[string, HeaderList, number, string | null]>([
    ["CloudFront's own 403", [['Server', 'CloudFront'], ['X-Cache', 'Error from cloudfront'], ['X-Amz-Cf-Id', 'abc==']], 403, 'cloudfront-refused'],
    ["an origin's 403 passed through CloudFront", [['X-Cache', 'Miss from cloudfront'], ['X-Amz-Cf-Id', 'abc==']], 403, null],
    // CloudFront marks every error it passes on as its own "Error": the origin's lines tell them apart.
    ["S3's 403 passed on by CloudFront", [['Server', 'AmazonS3'], ['x-amz-request-id', 'R1'], ['X-Cache', 'Error from cloudfront']], 403, null],
    ["the app's 401 passed on by CloudFront", [['X-Powered-By', 'Express'], ['WWW-Authenticate', 'Bearer'], ['X-Cache', 'Error from cloudfront']], 401, null],
    ['an error with no Server line passed on by CloudFront', [['X-Cache', 'Error from cloudfront']], 403, null],
    ["S3's request id under CloudFront's Server line", [['Server', 'CloudFront'], ['x-amz-request-id', 'R1'], ['X-Cache', 'Error from cloudfront']], 403, null],
    ["Cloudflare's 522", [['Server', 'cloudflare'], ['CF-Ray', '8a1b-LHR']], 522, 'cloudflare-origin-error'],
    ['a Cloudflare challenge', [['Server', 'cloudflare'], ['cf-mitigated', 'challenge']], 403, 'cloudflare-challenge'],
    ["an origin's 403 through Cloudflare", [['Server', 'cloudflare'], ['CF-Ray', '8a1b-LHR']], 403, null],
    ['a success', [['X-Cache', 'Error from cloudfront']], 200, null],
  ])('%s', (_name, headers, status, kind) => expect(edgeAnswer(headers, status)).toBe(kind));
});

function preflightAnsweredBy(status: number, headers: HeaderList): ObservedExchange {
  const request: HeaderList = [['Origin', PAGE], ['Access-Control-Request-Method', 'PUT']];
  return {
    request: { method: 'PUT', headers: [['Origin', PAGE], ['Content-Type', 'application/json']], initiatorOrigin: PAGE },
    hops: [{ url: `${API}/items/1`, preflight: { url: `${API}/items/1`, requestHeaders: request, response: { status, headers } }, response: null }],
    errorText: 'net::ERR_FAILED',
  };
}

describe('the explanation names the CDN that answered', () => {
  it('CloudFront refused the OPTIONS: its cache behavior, not auth at the app', () => {
    const x = preflightAnsweredBy(403, [['Server', 'CloudFront'], ['Content-Type', 'text/html'], ['X-Cache', 'Error from cloudfront'], ['Via', '1.1 0a1b.cloudfront.net (CloudFront)'], ['X-Amz-Cf-Id', 'abc==']]);
    const d = diagnose(x);
    const e = explain(d, x);
    expect(e.explanation).toContain('CloudFront answered the 403 itself');
    expect(e.explanation).toContain('allow OPTIONS and PUT');
    expect(e.explanation).toContain('origin request policy');
    expect(e.explanation).not.toContain('authentication or an access rule');
    expect(e.traps!.map((t) => t.kind)).not.toContain('auth-before-preflight');
  });

  it("Cloudflare's 52x: the origin behind it did not answer", () => {
    const x = preflightAnsweredBy(522, [['Server', 'cloudflare'], ['CF-Ray', '8a1b-LHR']]);
    const e = explain(diagnose(x), x);
    expect(e.explanation).toContain('Cloudflare answered the 522 itself');
    expect(e.explanation).not.toContain('the server failed while answering OPTIONS');
  });
});
