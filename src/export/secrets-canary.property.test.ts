// Canaries planted anywhere a secret can be (testing-canaries.ts) appear in no default export: curl
// in the three shells, the bundle, the diagnosis.html, the Markdown report and the sanitized HAR; nor after the exchange
// went through a HAR file and back. With includeSecrets the curl reproduction carries them again,
// which shows the canaries would be seen if redaction were skipped.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../capture/index.ts';
import type { ObservedExchange } from '../cors/index.ts';
import { createBundle, serializeBundle } from './bundle.ts';
import { curlScriptFor } from './curl-export.ts';
import { diagnosisPage } from './diagnosis-page.ts';
import { harFromExchanges, serializeHar } from './har-export.ts';
import { markdownReport } from './markdown-report.ts';
import type { Shell } from './shell-quote.ts';
import { canaryCase, type PlantedSecret } from './testing-canaries.ts';
import { VIEWER_PAGE } from './testing-viewer-page.ts';

const SHELLS: readonly Shell[] = ['bash', 'powershell', 'cmd'];

function defaultExports(exchange: ObservedExchange): Record<string, string> {
  const out: Record<string, string> = {};
  for (const shell of SHELLS) out[`curl ${shell}`] = curlScriptFor(exchange, shell);
  out['bundle'] = serializeBundle(createBundle({ exchanges: [{ exchange }], engineVersion: '0', createdAt: '2026-01-01T00:00:00.000Z' }));
  out['diagnosis.html'] = diagnosisPage(VIEWER_PAGE, out['bundle']);
  out['markdown'] = markdownReport([{ exchange }]);
  out['har'] = serializeHar(harFromExchanges([exchange]));
  return out;
}

function leaks(exports: Record<string, string>, secrets: readonly PlantedSecret[]): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    for (const form of [secret.core, ...secret.forms]) {
      for (const [format, text] of Object.entries(exports)) {
        if (text.includes(form)) found.push(`${secret.place}: ${form === secret.core ? 'the canary' : `its form ${form}`} in the ${format}`);
      }
    }
  }
  return found;
}

const SEED = 20_260_107;

describe('no canary in any default export', () => {
  it('whatever carries it, however the exchange ends', () => {
    fc.assert(
      fc.property(canaryCase, ({ exchange, secrets }) => {
        // Each canary is really in the exchange (the JSON of it as captured holds it), so a missing
        // one below is a redaction, not a canary the generator forgot to plant.
        const captured = JSON.stringify(exchange);
        expect(secrets.filter((secret) => ![secret.core, ...secret.forms].some((form) => captured.includes(form))).map((s) => s.place)).toEqual([]);
        expect(leaks(defaultExports(exchange), secrets)).toEqual([]);
      }),
      { seed: SEED, numRuns: 150 },
    );
  }, 120_000);

  it('after a round trip through a HAR file as captured (the CLI reads HARs)', () => {
    fc.assert(
      fc.property(canaryCase, ({ exchange, secrets }) => {
        const [read] = exchangesFromHar(serializeHar(harFromExchanges([exchange], { includeSecrets: true })));
        expect(leaks(defaultExports(read!), secrets)).toEqual([]);
      }),
      { seed: SEED + 1, numRuns: 60 },
    );
  }, 120_000);
});

describe('includeSecrets keeps them', () => {
  it('the curl reproduction sends every canary the request carried', () => {
    fc.assert(
      fc.property(
        canaryCase.filter(({ exchange }) => exchange.hops.length === 1),
        ({ exchange, secrets }) => {
          const script = curlScriptFor(exchange, 'bash', { includeSecrets: true });
          const missing = secrets.filter((secret) => secret.inCurl && !script.includes(secret.core)).map((secret) => secret.place);
          expect(missing).toEqual([]);
        },
      ),
      { seed: SEED + 2, numRuns: 80 },
    );
  }, 120_000);
});
