// Server software recognised from response headers. Only signals that the software itself sends
// by default (or that are its documented fingerprint) are used; no guess from a single generic
// header. Gateways and storage first (they answer before any app), then app frameworks, then the
// web servers that often sit in front of them.

import type { HeaderList } from '../exchange.ts';
import type { ServerStack } from './explanation.ts';
import { lowerHeaderName } from '../header-list.ts';
import { splitList } from './facts.ts';

/**
 * The lines of the few headers the rules read, found in one pass: names lower-cased once each
 * (memoized, `lowerHeaderName`), not once per rule.
 */
type StackHeaders = Map<string, string[]>;

// The names the rules read: only their lines are kept.
const READ_NAMES: ReadonlySet<string> = new Set([
  'x-amz-apigw-id', 'x-amzn-requestid', 'apigw-requestid', 'server', 'x-amz-request-id', 'x-amz-id-2', 'x-powered-by',
  'x-aspnet-version', 'x-aspnetmvc-version', 'x-application-context', 'vary', 'x-frame-options', 'referrer-policy',
  'cross-origin-opener-policy', 'x-content-type-options',
]);

type Rule = { stack: ServerStack; test: (h: StackHeaders) => boolean };

/** A rule may read only names kept in `READ_NAMES`; any other would silently read as absent. */
function kept(name: string): string {
  if (!READ_NAMES.has(name)) throw new Error(`detect-stack: add ${name} to READ_NAMES`);
  return name;
}
const has = (h: StackHeaders, name: string): boolean => h.has(kept(name));
const matches = (h: StackHeaders, name: string, re: RegExp): boolean => h.get(kept(name))?.some((v) => re.test(v)) ?? false;
const joined = (h: StackHeaders, name: string): string | null => h.get(kept(name))?.join(', ') ?? null;

const RULES: Rule[] = [
  // API Gateway adds its request id (REST and HTTP APIs) and, for REST, x-amz-apigw-id.
  { stack: 'aws-api-gateway', test: (h) => has(h, 'x-amz-apigw-id') || has(h, 'x-amzn-requestid') || has(h, 'apigw-requestid') },
  { stack: 'aws-s3', test: (h) => matches(h, 'server', /^AmazonS3\b/i) || (has(h, 'x-amz-request-id') && has(h, 'x-amz-id-2')) },
  { stack: 'express', test: (h) => matches(h, 'x-powered-by', /^Express\b/i) },
  // Fastify sends no fingerprint by default; only an explicit one is trusted.
  { stack: 'fastify', test: (h) => matches(h, 'x-powered-by', /fastify/i) || matches(h, 'server', /fastify/i) },
  { stack: 'aspnet', test: (h) => matches(h, 'x-powered-by', /^ASP\.NET/i) || matches(h, 'server', /^(Kestrel|Microsoft-IIS)\b/i) || has(h, 'x-aspnet-version') || has(h, 'x-aspnetmvc-version') },
  {
    // Spring Boot 1.x sends X-Application-Context; Spring's CORS processing adds these three Vary
    // values together (DefaultCorsProcessor), which nothing else does by default.
    stack: 'spring',
    test: (h) => {
      if (has(h, 'x-application-context')) return true;
      const vary = splitList(joined(h, 'vary')).map((v) => v.toLowerCase());
      return ['origin', 'access-control-request-method', 'access-control-request-headers'].every((v) => vary.includes(v));
    },
  },
  // `manage.py runserver` is wsgiref's WSGIServer; Werkzeug is Flask's development server.
  { stack: 'django', test: (h) => matches(h, 'server', /^WSGIServer\//i) },
  { stack: 'flask', test: (h) => matches(h, 'server', /^Werkzeug\//i) },
  {
    // Django's default security middleware set, all four together (Django ≥ 4): X-Frame-Options
    // DENY, Referrer-Policy same-origin, Cross-Origin-Opener-Policy same-origin, nosniff. Helmet
    // (Express) sends SAMEORIGIN / no-referrer instead, so the set does not match it.
    stack: 'django',
    test: (h) =>
      matches(h, 'x-frame-options', /^DENY$/i) &&
      matches(h, 'referrer-policy', /^same-origin$/i) &&
      matches(h, 'cross-origin-opener-policy', /^same-origin$/i) &&
      matches(h, 'x-content-type-options', /^nosniff$/i),
  },
  { stack: 'caddy', test: (h) => matches(h, 'server', /^Caddy\b/i) },
  { stack: 'nginx', test: (h) => matches(h, 'server', /^(nginx|openresty)\b/i) },
  { stack: 'apache', test: (h) => matches(h, 'server', /^Apache\b/i) },
];


function stackHeaders(headers: HeaderList): StackHeaders {
  const found: StackHeaders = new Map();
  for (let i = 0; i < headers.length; i++) {
    const line = headers[i]!;
    const name = lowerHeaderName(line[0]);
    if (!READ_NAMES.has(name)) continue;
    const lines = found.get(name);
    if (lines === undefined) found.set(name, [line[1]]);
    else lines.push(line[1]);
  }
  return found;
}

/** Every stack recognised in these headers, most specific first. */
export function detectStacks(headers: HeaderList): ServerStack[] {
  const lines = stackHeaders(headers);
  // No line any rule reads (a bare or failed response): nothing to recognise.
  if (lines.size === 0) return [];
  const found: ServerStack[] = [];
  for (const rule of RULES) if (!found.includes(rule.stack) && rule.test(lines)) found.push(rule.stack);
  return found;
}

export function detectStack(headers: HeaderList): ServerStack | null {
  return detectStacks(headers)[0] ?? null;
}
