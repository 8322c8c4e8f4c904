// Review R, finding 8 (c12-cdn.har): Cloudflare's security rules challenged the preflight
// (cf-mitigated: challenge). The words said to skip the rule for OPTIONS; the fix was "send these
// headers", which no challenge lets through. The rule comes first.

import { describe, expect, it } from 'vitest';
import { diagnose } from '../../diagnose.ts';
import type { ObservedExchange } from '../../exchange.ts';
import { explain } from '../explain.ts';

const PAGE = 'https://app.example.com';

function challenged(): ObservedExchange {
  const url = 'https://api.example.net/v1/a';
  return {
    request: { method: 'PUT', headers: [['Origin', PAGE], ['Content-Type', 'application/json']], initiatorOrigin: PAGE },
    hops: [
      {
        url,
        preflight: {
          url,
          requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'content-type']],
          response: { status: 403, headers: [['Server', 'cloudflare'], ['CF-RAY', '8f1c2d3e4f5a6b7c-FRA'], ['Content-Type', 'text/html; charset=UTF-8'], ['cf-mitigated', 'challenge']] },
        },
        response: null,
      },
    ],
    errorText: 'net::ERR_FAILED',
  };
}

describe('a preflight Cloudflare challenged', () => {
  it('is fixed first by a WAF custom rule that skips the security rules for preflights to that host', () => {
    const exchange = challenged();
    const { fixes } = explain(diagnose(exchange), exchange);
    const [first, ...rest] = fixes;
    expect(first!.tab).toBe('Cloudflare WAF');
    const rule = JSON.parse(first!.snippet) as { expression: string; action: string; action_parameters: { ruleset: string } };
    expect(rule.action).toBe('skip');
    expect(rule.action_parameters.ruleset).toBe('current');
    expect(rule.expression).toContain('http.request.method eq "OPTIONS"');
    expect(rule.expression).toContain('"access-control-request-method"');
    expect(rule.expression).toContain('http.host eq "api.example.net"');
    expect(first!.trap).toContain('Security > WAF > Custom rules');
    // Review s38 R: skipping the current ruleset skips the site's own blocks and rate limits too.
    expect(first!.trap).toContain('for those requests it also skips your own custom rules below it (blocks by IP address or country, for instance) and every rate limiting rule. Keep a block that must apply to every request above this rule');
    // The headers still follow: the server must answer the OPTIONS once it gets through.
    expect(rest.some((fix) => fix.target === 'generic')).toBe(true);
    expect(explain(diagnose(exchange), exchange, { fixes: 'first' }).fixes.map((f) => f.tab)).toEqual(['Cloudflare WAF']);
  });

  it('is not offered for a 403 Cloudflare passed on from the server', () => {
    const exchange = challenged();
    const preflight = exchange.hops[0]!.preflight!;
    const passed: ObservedExchange = { ...exchange, hops: [{ ...exchange.hops[0]!, preflight: { ...preflight, response: { status: 403, headers: [['Server', 'cloudflare'], ['CF-RAY', 'x'], ['X-Powered-By', 'Express']] } } }] };
    expect(explain(diagnose(passed), passed).fixes.some((f) => f.tab === 'Cloudflare WAF')).toBe(false);
  });
});
