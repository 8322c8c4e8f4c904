// A Private Network Access code in an older HAR: the words say it came from an older Chromium, what
// that browser asked for, and what Chromium 156 (Local Network Access) needs for the same request.
// What Chromium 156 does is the recorded scenarios' (test/scenarios/local-network-*.json): no
// private network preflight, a permission only an https page can ask for, and targetAddressSpace
// 'local' refused for a server on this device (lna-option-local-mismatch).

import { describe, expect, it } from 'vitest';
import type { CorsError } from '../cors-error.ts';
import { corsErrorFacts } from '../cors-errors/index.ts';
import { explain } from './explain.ts';
import { reportedByChromium } from './test-diagnosis.ts';

const PNA_CODES = [
  'PreflightMissingAllowExternal',
  'PreflightInvalidAllowExternal',
  'PreflightMissingAllowPrivateNetwork',
  'PreflightInvalidAllowPrivateNetwork',
  'PreflightMissingPrivateNetworkAccessId',
  'PreflightMissingPrivateNetworkAccessName',
  'InsecurePrivateNetwork',
  'InvalidPrivateNetworkAccess',
  'UnexpectedPrivateNetworkAccess',
  'PrivateNetworkAccessPermissionUnavailable',
  'PrivateNetworkAccessPermissionDenied',
] as const satisfies readonly CorsError[];
const PREFLIGHT_HEADER_CODES = PNA_CODES.filter((code) => code.startsWith('Preflight'));

/** Chromium's report of `code` on a request to the engine's test server (http://127.0.0.1:8080, this device). */
const explained = (code: CorsError) => {
  const { diagnosis, exchange } = reportedByChromium(code, code.includes('Invalid') ? 'false' : '');
  return explain(diagnosis, exchange);
};

describe('the Private Network Access codes, read in Chromium 156', () => {
  it('every one is in the private-network group (the codes this file is about)', () => {
    for (const code of PNA_CODES) expect(corsErrorFacts(code).group).toBe('private-network');
  });

  it.each(PNA_CODES)('%s: says the capture is from an older Chromium, and what Chromium 156 needs', (code) => {
    const { explanation } = explained(code);
    expect(explanation).toContain(`Chromium reported ${code}, a Private Network Access code: this capture comes from an older Chromium.`);
    expect(explanation).toContain('Chromium 156');
    if (code !== 'InvalidPrivateNetworkAccess' && code !== 'UnexpectedPrivateNetworkAccess') {
      expect(explanation).toMatch(/https/);
      expect(explanation).toMatch(/allow local network access/);
    }
  });

  it.each(PREFLIGHT_HEADER_CODES)('%s: what the server must send holds in Chromium 156: no Private Network Access header among it', (code) => {
    const { serverMustSend, serverShouldSend } = explained(code);
    expect(serverMustSend.map((m) => m.header).filter((h) => /private-network|allow-external/i.test(h))).toEqual([]);
    expect(serverShouldSend?.filter((s) => s.advice === 'private-network-access')).toHaveLength(1);
  });

  it.each(PREFLIGHT_HEADER_CODES)('%s: the fix that holds in Chromium 156 (the permission) comes before the header, whose fix says it helps only the older browser', (code) => {
    const { fixes } = explained(code);
    expect(fixes[0]?.title).toBe('Have the user allow local network access for this site');
    // The preflight did reach the server: not Local Network Access's "never reached the server".
    expect(fixes[0]?.trap).toBe('In Chromium 156 no preflight header replaces this: the older Chromium that reported the code asked the server, Chromium 156 asks the user.');
    const header = fixes.find((fix) => fix.title === 'Any server: send these headers');
    // The old header last, under a heading that says whom it is for; what Chromium 156 checks first.
    const [checked] = (header?.snippet ?? '').split('# Only for an older Chromium');
    expect(checked).toContain('Access-Control-Allow-Origin: ');
    expect(checked).not.toMatch(/Private-Network|Allow-External/);
    expect(header?.snippet).toMatch(/\n\n# Only for an older Chromium \(Private Network Access; Chromium 156 ignores it\), on the OPTIONS preflight response:\n[A-Za-z-]+: [^\n]+$/);
    expect(header?.trap).toMatch(/satisfies only the older Chromium that reported this code .* Chromium 156 .* reads no such header/);
  });

  it('the Access-Control-Allow-External codes advise the header their console words name, not its later name, for the older browser only', () => {
    for (const code of ['PreflightMissingAllowExternal', 'PreflightInvalidAllowExternal'] as const) {
      expect(explained(code).serverShouldSend).toContainEqual({ on: 'preflight', hop: 0, header: 'Access-Control-Allow-External', value: 'true', advice: 'private-network-access' });
      expect(explained(code).serverMustSend.map((m) => m.header)).not.toContain('Access-Control-Allow-External');
      expect(explained(code).consoleMessage).toContain("'Access-Control-Allow-External'");
    }
  });

  it.each(['InvalidPrivateNetworkAccess', 'UnexpectedPrivateNetworkAccess'] as const)(
    "%s to a server on this device: targetAddressSpace 'loopback' (Chromium 156 refuses 'local' there), and the renamed values said",
    (code) => {
      const { explanation, fixes } = explained(code);
      expect(fixes[0]?.snippet).toContain("targetAddressSpace: 'loopback'");
      expect(fixes.map((fix) => fix.snippet).join('\n')).not.toMatch(/'private'|targetAddressSpace: 'local'/);
      expect(explanation).toContain("Private Network Access called this device 'local' and the local network 'private'; Chromium 156 calls them 'loopback' and 'local'");
    },
  );

  it('InsecurePrivateNetwork: https alone is not the whole fix in Chromium 156, the user must allow it too', () => {
    const { explanation, fixes } = explained('InsecurePrivateNetwork');
    expect(explanation).toContain('Chromium 156 refuses it too (InsecureLocalNetwork)');
    expect(fixes[0]?.title).toBe('Serve the page over HTTPS, then let the user allow local network access');
  });
});
