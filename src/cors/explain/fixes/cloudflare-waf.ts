// Cloudflare's security rules answered the preflight with a challenge (cf-mitigated: challenge): an
// OPTIONS request cannot solve one, so no CORS header helps until the preflight gets past them. The
// first fix is a WAF custom rule with the Skip action for preflights
// (https://developers.cloudflare.com/waf/custom-rules/skip/, its options:
// https://developers.cloudflare.com/waf/custom-rules/skip/options/), as a Rulesets API rule; the
// app's own CORS fix comes after it.

import type { Fix } from '../explanation.ts';

/** A preflight, as a rule expression: OPTIONS with Origin and Access-Control-Request-Method (header names are matched lower-cased). */
const PREFLIGHT_EXPRESSION =
  'http.request.method eq "OPTIONS" and any(lower(http.request.headers.names[*])[*] eq "origin") and any(lower(http.request.headers.names[*])[*] eq "access-control-request-method")';

export function cloudflareSkipPreflightFix(host: string): Fix {
  const rule = {
    description: 'Let CORS preflights through (an OPTIONS request cannot solve a challenge)',
    expression: host === '' ? PREFLIGHT_EXPRESSION : `${PREFLIGHT_EXPRESSION} and http.host eq ${JSON.stringify(host)}`,
    action: 'skip',
    action_parameters: {
      ruleset: 'current',
      phases: ['http_ratelimit', 'http_request_sbfm', 'http_request_firewall_managed'],
      products: ['securityLevel', 'bic', 'uaBlock'],
    },
  };
  return {
    target: 'cloudflare',
    tab: 'Cloudflare WAF',
    title: 'Cloudflare: a WAF custom rule that skips the security rules for preflights',
    language: 'json',
    snippet: JSON.stringify(rule, null, 2),
    trap:
      'In the dashboard: Security > WAF > Custom rules > Create rule (Security rules in the new dashboard), with this expression and the action Skip: All remaining custom rules, All managed rules, All Super Bot Fight Mode rules, All rate limiting rules and Security Level; put it first. Bot Fight Mode (the Free plan\'s) cannot be skipped: turn it off if it is the one that challenged. The rule matches any OPTIONS request that carries those two headers, which anyone can send to any path of the host: for those requests it also skips your own custom rules below it (blocks by IP address or country, for instance) and every rate limiting rule. Keep a block that must apply to every request above this rule, or narrow the expression (and starts_with(http.request.uri.path, "/api/"), for instance). Once the OPTIONS gets past Cloudflare, your server must answer it with a 2xx and the CORS headers: its own CORS fix is still needed.',
  };
}
