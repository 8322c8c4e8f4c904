// An older Chromium's Private Network Access code (PreflightMissingAllowPrivateNetwork) in every
// output that shows what the server must send: only what Chromium 156 checks is a must (the CORS
// headers this request needs); Access-Control-Allow-Private-Network, which Chromium 156 ignores
// (it needs an https page and the user's permission), is advice for the older browser, apart.
//
// The engine never gives a Private Network Access code itself (it judges as Chromium 156 does), so
// `diagnose` stands here for the older Chromium: its verdict on the capture whose preflight asked
// for the private network is the code that Chromium reported.

import { describe, expect, it, vi } from 'vitest';
import type { Diagnosis, ObservedExchange } from '../cors/index.ts';
import { textBlock } from './testing-text.ts';

const PAGE = 'https://app.example';
const URL = 'http://192.168.1.20/api/items';

vi.mock('../cors/index.ts', async (importOriginal) => {
  const engine = await importOriginal<typeof import('../cors/index.ts')>();
  const olderChromium = (exchange: ObservedExchange, diagnosis: Diagnosis): Diagnosis => {
    const asked = exchange.hops[0]?.preflight?.requestHeaders ?? [];
    if (!asked.some(([name]) => name.toLowerCase() === 'access-control-request-private-network')) return diagnosis;
    return { ...diagnosis, verdict: 'blocked', corsError: 'PreflightMissingAllowPrivateNetwork', failedParameter: '', failedAt: { hop: 0, phase: 'preflight' } };
  };
  return { ...engine, diagnose: (exchange: ObservedExchange, ...rest: []) => olderChromium(exchange, engine.diagnose(exchange, ...rest)) };
});

const { curlScriptFor, markdownReport } = await import('../export/index.ts');
const { formatJson } = await import('./format-json.ts');
const { formatText } = await import('./format-text.ts');
const { buildReport } = await import('./report.ts');

/** A simple GET from a public page to a device on the local network: the older Chromium preflighted it for the private network alone. */
const older: ObservedExchange = {
  request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, credentialsMode: 'same-origin' },
  hops: [
    {
      url: URL,
      preflight: {
        url: URL,
        requestHeaders: [['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Private-Network', 'true'], ['Origin', PAGE]],
        response: { status: 204, headers: [['Access-Control-Allow-Origin', PAGE]] },
      },
      response: null,
    },
  ],
  errorText: 'net::ERR_FAILED',
};

describe('a Private Network Access preflight code: the must is what Chromium 156 checks, the old header advice', () => {
  it('explain (text): Access-Control-Allow-Origin on the response under "must"; the old header under "Also advised", with why', () => {
    const text = formatText(buildReport([older]), { color: false, width: 200 });
    expect(text).toContain('PreflightMissingAllowPrivateNetwork');
    expect(textBlock(text, 'The server must send:')).toEqual(['  The server must send:', `    Access-Control-Allow-Origin: ${PAGE}  (on the response)`]);
    const advised = textBlock(text, 'Also advised:').join('\n');
    expect(advised).toContain('    Access-Control-Allow-Private-Network: true  (on the preflight)');
    expect(advised.replace(/\s+/g, ' ')).toMatch(/The Private Network Access header is read only by the older Chromium .*; Chromium 156 \(Local Network Access\) ignores it: there the page must be served over https and the user must allow local network access/);
  });

  it('explain --json: serverMustSend without it, serverShouldSend with it and its advice code', () => {
    const line = JSON.parse(formatJson(buildReport([older])).split('\n')[1]!) as Record<string, unknown>;
    expect(line['serverMustSend']).toEqual([{ on: 'response', hop: 0, header: 'Access-Control-Allow-Origin', value: PAGE }]);
    expect(line['serverShouldSend']).toContainEqual({ on: 'preflight', hop: 0, header: 'Access-Control-Allow-Private-Network', value: 'true', advice: 'private-network-access' });
  });

  it('report (Markdown): not under "the server must send"; under "Also advised" with why', () => {
    const markdown = markdownReport([{ exchange: older }]);
    const must = markdown.slice(markdown.indexOf('**The fix: the server must send**'), markdown.indexOf('**Also advised:**'));
    expect(must).toContain(`Access-Control-Allow-Origin: ${PAGE}`);
    expect(must).not.toContain('Private-Network');
    expect(markdown).toMatch(/\n\*\*Also advised:\*\* .*`Access-Control-Allow-Private-Network: true` on the preflight \(OPTIONS\) response\..* Chromium 156 \(Local Network Access\) ignores it/);
  });

  it('curl export: never "Expected"; advised for an older Chromium only', () => {
    for (const shell of ['bash', 'powershell', 'cmd'] as const) {
      const script = curlScriptFor(older, shell);
      expect(script).not.toMatch(/Expected in the response: Access-Control-Allow-Private-Network/);
      expect(script).toMatch(/(#|REM) Expected in the response: Access-Control-Allow-Origin: https:\/\/app\.example\r?\n/);
      expect(script).toMatch(
        /(#|REM) Advised in the response, not checked by the browser: Access-Control-Allow-Private-Network: true, only for an older Chromium, Chromium 156 ignores it\r?\n/,
      );
    }
  });

  // Review s11: the server configuration listed the plain Access-Control-Allow-Origin only.
  it('explain (text): SERVER CONFIGURATION lists the private-network line its preflight answer needs', () => {
    const text = formatText(buildReport([older, older]), { color: false, width: 400 });
    const config = text.slice(text.indexOf('SERVER CONFIGURATION'));
    expect(text.indexOf('SERVER CONFIGURATION')).toBeGreaterThan(-1);
    expect(config).toContain('Private network: on the OPTIONS preflight answer also send Access-Control-Allow-Private-Network: true');
    expect(config).toContain('    Access-Control-Allow-Private-Network: true');
  });
});
