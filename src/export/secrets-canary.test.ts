// A session cookie, a bearer token, a JWT, an API key in a query string and in a header, and a
// Set-Cookie: none of them may appear in any default export. With includeSecrets they do, which
// shows the canaries would be caught if redaction were skipped.

import { describe, expect, it } from 'vitest';
import { diagnose } from '../cors/index.ts';
import { createBundle, serializeBundle } from './bundle.ts';
import { curlScriptFor } from './curl-export.ts';
import { harFromExchanges, serializeHar } from './har-export.ts';
import { markdownReport } from './markdown-report.ts';
import type { Shell } from './shell-quote.ts';
import { SECRETS, canaryExchange } from './testing-exchanges.ts';

const exchange = canaryExchange();
const diagnosis = diagnose(exchange);

function exportsOf(includeSecrets: boolean): Record<string, string> {
  const shells: Shell[] = ['bash', 'powershell', 'cmd'];
  const out: Record<string, string> = {};
  for (const shell of shells) out[`curl ${shell}`] = curlScriptFor(exchange, shell, { includeSecrets });
  out['bundle'] = serializeBundle(
    createBundle({ exchanges: [{ exchange, notes: [{ text: `token ${SECRETS.jwt}` }] }], engineVersion: '0', includeSecrets }),
  );
  out['markdown'] = markdownReport([{ exchange, notes: [{ text: `token ${SECRETS.jwt}`, target: { kind: 'exchange' }, createdAt: '2026-01-01T00:00:00Z' }] }], { includeSecrets });
  out['har'] = serializeHar(harFromExchanges([exchange], { includeSecrets }));
  return out;
}

describe('no secret in any default export', () => {
  const exports = exportsOf(false);
  const cases = Object.entries(exports).flatMap(([format, text]) => Object.entries(SECRETS).map(([secret, value]) => ({ format, secret, text, value })));

  it('the canary exchange is blocked, so every export writes its full form (fix, curl pair)', () => {
    expect(diagnosis.verdict).toBe('blocked');
    expect(exports['markdown']).toContain('```bash');
  });

  it.each(cases)('$format holds no $secret', ({ text, value }) => {
    expect(text).not.toContain(value);
  });
});

describe('includeSecrets puts them back', () => {
  const exports = exportsOf(true);
  it.each(Object.keys(exports))('%s carries the session cookie and the query API key', (format) => {
    expect(exports[format]).toContain(SECRETS.sessionCookie);
    expect(exports[format]).toContain(SECRETS.apiKeyInQuery);
  });
});

describe('every default export lists what it removed, by name', () => {
  // Places of the canary exchange's secrets, as the exports name them.
  const expected = ['cookie', 'authorization', 'x-trace', 'x-api-key', 'referer:query:token', 'query:api_key', 'set-cookie', 'body:access_token', 'body:jwt'];

  it('the bundle, in `redactions`', () => {
    const bundle = createBundle({ exchanges: [{ exchange, notes: [{ text: `token ${SECRETS.jwt}` }] }], engineVersion: '0' });
    const places = bundle.redactions.map((redaction) => redaction.where);
    expect(places).toEqual(expect.arrayContaining([...expected, 'note']));
    expect(bundle.redactions.every((redaction) => redaction.exchange === 'exchange-1')).toBe(true);
  });

  it('the sanitized HAR, in `log._redactions`, and says so in `log.comment`', () => {
    const har = harFromExchanges([exchange]);
    expect(har.log._redactions?.map((redaction) => redaction.where)).toEqual(expect.arrayContaining(expected));
    expect(har.log._redactions?.every((redaction) => redaction.exchange === 'cors-inspector.1')).toBe(true);
    expect(har.log.comment).toMatch(/REDACTED/);
    expect(harFromExchanges([exchange], { includeSecrets: true }).log._redactions).toBeUndefined();
  });

  it('the Markdown report, in a line of the exchange’s section', () => {
    const line = exportsOf(false)['markdown']!.split('\n').find((text) => text.startsWith('- **Redacted (values removed):**'));
    for (const where of expected) expect(line).toContain(`\`${where}\``);
    expect(line).toContain('(set-cookie)');
    expect(exportsOf(true)['markdown']).not.toContain('**Redacted');
  });
});
