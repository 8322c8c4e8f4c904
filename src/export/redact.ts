// Secrets stay private by default: every export (curl, bundle, Markdown report, HAR) passes the
// exchange through `redactExchange` (redact-exchange.ts), which applies one policy, built from these
// parts:
// - sensitive names, by pattern (`sensitive-name.ts`), in headers, URL parameters and bodies;
// - credentials by header (`redact-credentials.ts`): every cookie value, every `Set-Cookie` line,
//   authorization credentials with their scheme kept;
// - JWTs by structure (`jwt.ts`) and random-looking tokens (`opaque-token.ts`) under any name;
// - URLs anywhere, redacted as URLs, and free text (`redact-text.ts`);
// - bodies by format (`redact-body.ts`: JSON, XML, forms, multipart).
// Redacted values are replaced by visible placeholders (`REDACTED-<KIND>`), so a reader sees that
// something was there and which kind of secret it was, and a command stays syntactically runnable.
// Each redaction is recorded as `{kind, where}`, never the value, so every export can list them.

export type { Redaction } from './redaction.ts';
export { redactHeader } from './redact-header.ts';
export { redactText, redactUrl } from './redact-text.ts';
export { redactJwts } from './redact-shapes.ts';
