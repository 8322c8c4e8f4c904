// A redirect between two URLs that differ only in a secret (`?token=aaa`, then `?token=bbb`): redacted,
// both read the same, yet Chromium's console line says "(redirected from ...)", as its first and last
// URLs differed as captured. The report's console line and the bundle (and so the viewer) keep it.

import { describe, expect, it } from 'vitest';
import { diagnose, explain, type ObservedExchange } from '../cors/index.ts';
import { createBundle, serializeBundle } from './bundle.ts';
import { importBundle } from './bundle-import.ts';
import { markdownReport } from './markdown-report.ts';
import { redactExchange } from './redact-exchange.ts';

const PAGE = 'https://app.example';
const exchange: ObservedExchange = {
  request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, mode: 'cors' },
  hops: [
    { url: 'https://api.example/data?token=tok_aaaaaaaaaaaa', response: { status: 302, headers: [['Location', 'https://api.example/data?token=tok_bbbbbbbbbbbb'], ['Access-Control-Allow-Origin', PAGE]] } },
    { url: 'https://api.example/data?token=tok_bbbbbbbbbbbb', response: { status: 200, headers: [] } },
  ],
  errorText: 'net::ERR_FAILED',
};
const SHOWN = 'https://api.example/data?token=REDACTED-QUERY-SECRET';
const REDIRECTED = `Access to fetch at '${SHOWN}' (redirected from '${SHOWN}') from origin`;

describe('a redirect between URLs that differ only in a secret, redacted', () => {
  it('the redacted exchange says the last hop’s URL differed, and its console line is redirected', () => {
    const redacted = redactExchange(exchange);
    expect(redacted.hops.map((hop) => [hop.url, hop.urlDiffersFromFirst])).toEqual([[SHOWN, undefined], [SHOWN, true]]);
    expect(explain(diagnose(redacted), redacted).consoleMessage).toContain(REDIRECTED);
  });

  it('the report’s console line says so', () => {
    const report = markdownReport([{ exchange }], {});
    expect(report).toContain(REDIRECTED);
    expect(report).not.toContain('tok_');
  });

  it('the bundle carries it, and imports with the same verdict', () => {
    const imported = importBundle(serializeBundle(createBundle({ exchanges: [{ exchange }], engineVersion: '0' })), { engineVersion: 'test' });
    if (!imported.ok) throw new Error(imported.errors[0]!.message);
    expect(imported.verdictChanges).toBe(0);
    const back = imported.exchanges[0]!.exchange;
    expect(back.hops[1]!.urlDiffersFromFirst).toBe(true);
    expect(explain(diagnose(back), back).consoleMessage).toContain(REDIRECTED);
  });
});
