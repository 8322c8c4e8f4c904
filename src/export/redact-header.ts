// One header line, redacted by the shared policy. Header names never change, and neither do the
// values the engine reads to reach its verdict (`Access-Control-*`, `Origin`, `Vary`, `Sec-Fetch-*`,
// the CORS-safelisted request headers such as `Content-Type`, the method-override headers), so a
// redacted exchange is diagnosed exactly as the captured one. `Location` is read too, but only for
// its origin and credentials, which URL redaction keeps.

import { type HeaderLine, type HeaderList, METHOD_OVERRIDE_NAMES, isSafelistedHeaderName } from '../cors/index.ts';
import { redactByKind } from './redact-credentials.ts';
import { redactJson } from './redact-json.ts';
import { redactText, redactUrl } from './redact-text.ts';
import { record, type Redaction, type SecretKind } from './redaction.ts';
import { sensitiveValueKind } from './sensitive-name.ts';

/** Headers whose value the engine reads for its verdict: never changed. */
function valueDecidesVerdict(lowerName: string): boolean {
  return (
    lowerName.startsWith('access-control-') ||
    lowerName === 'origin' ||
    lowerName === 'vary' ||
    lowerName.startsWith('sec-fetch-') ||
    isSafelistedHeaderName(lowerName) ||
    METHOD_OVERRIDE_NAMES.includes(lowerName)
  );
}

// Values that are a URL as a whole, relative ones included (`:path` is HTTP/2's request target).
const URL_VALUED = new Set(['location', 'content-location', 'referer', ':path']);

// Standard identifiers that look random but are not credentials: kept out of the opaque-token rule
// (a JWT or a `token=` pair in them still goes). Request and trace ids let a reader match server logs.
const KNOWN_RANDOM = new Set([
  'etag', 'if-match', 'if-none-match', 'x-request-id', 'request-id', 'x-correlation-id', 'correlation-id', 'traceparent',
  'tracestate', 'x-amzn-requestid', 'x-amzn-request-id', 'x-amz-request-id', 'x-amz-id-2', 'x-amz-cf-id', 'x-amzn-trace-id',
  'cf-ray', 'x-cloud-trace-context', 'sentry-trace', 'x-b3-traceid', 'x-b3-spanid', 'x-b3-parentspanid', 'x-trace-id', 'x-span-id',
  'x-github-request-id', 'content-md5', 'digest', 'content-digest', 'repr-digest', 'user-agent', 'date', 'last-modified',
]);

/** `Link: <https://...?token=x>; rel="next"`: each target redacted as a URL, the rest as text. */
function redactLink(value: string, found: Redaction[], where: string): string {
  return value
    .split(/(<[^>]*>)/)
    .map((part, i) => (i % 2 === 1 ? `<${redactUrl(part.slice(1, -1), found, where)}>` : redactText(part, found, where)))
    .join('');
}

/**
 * A header name's kind, judged as written and lower-cased. Header names are case-insensitive (RFC
 * 9110 section 5.1) and HTTP/2 and HTTP/3 send them lower-case, so the casing carries no word
 * boundaries a name can rely on: read as humps, `X-APIkey` is `ap` and `ikey`, and `x-SeSsIoN` five
 * pieces of nothing (session 31), though lower-cased they are an API key and a session.
 */
function headerNameKind(name: string, lowerName: string, value: string): SecretKind | null {
  return sensitiveValueKind(name, value) ?? (name === lowerName ? null : sensitiveValueKind(lowerName, value));
}

/** Redacts one header line. `found` collects what was redacted (kind and where, never the value). */
export function redactHeader(line: HeaderLine, found: Redaction[] = []): HeaderLine {
  const [name, value] = line;
  const lowerName = name.toLowerCase();
  if (valueDecidesVerdict(lowerName)) return line;
  const kind = lowerName === 'set-cookie' || lowerName === 'set-cookie2' ? 'set-cookie' : headerNameKind(name, lowerName, value);
  if (kind !== null) {
    // A Set-Cookie line's attributes stay, but not a secret written in one by its shape (a JWT or a
    // random token in `Path=/invite/...`, a GitHub token in a `Comment`): scanned as text.
    const shapes: Redaction[] = [];
    const redacted = redactByKind(value, kind, (attribute) => redactText(attribute, shapes, lowerName));
    if (redacted.changed) record(found, kind, lowerName);
    found.push(...shapes);
    return [name, redacted.value];
  }
  if (URL_VALUED.has(lowerName)) return [name, redactUrl(value, found, lowerName)];
  if (lowerName === 'link') return [name, redactLink(value, found, lowerName)];
  const opaque = !KNOWN_RANDOM.has(lowerName);
  // JSON in a value (logged headers a proxy forwards, a context object) is read as JSON: its
  // `[name, value]` pairs and nested members are found as in a body.
  const json = opaque && /^\s*[[{]/.test(value) ? redactJson(value, found, lowerName) : null;
  return [name, json ?? redactText(value, found, lowerName, { opaque })];
}

export function redactHeaders(headers: HeaderList, found: Redaction[] = []): HeaderLine[] {
  return headers.map((line) => redactHeader(line, found));
}
