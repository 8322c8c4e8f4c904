// The fixes for a Local Network Access refusal offer only what would let the request through, as
// Chromium 156 was recorded doing (test/scenarios/local-network-*.json): naming the server's address
// space in fetch() changes nothing for the refusal itself, and a loopback URL is never mixed content.

import { describe, expect, it } from 'vitest';
import { localNetworkFixes } from './local-network.ts';

describe('localNetworkFixes', () => {
  it.each(['InsecureLocalNetwork', 'LocalNetworkAccessPermissionDenied'] as const)('%s to loopback: no targetAddressSpace fix, which would not help', (error) => {
    const fixes = localNetworkFixes(error, 'http://127.0.0.1:8080/x');
    expect(fixes.map((f) => f.tab)).not.toContain('targetAddressSpace');
    expect(fixes.map((f) => f.snippet).join('\n')).not.toContain('targetAddressSpace');
  });

  it('to a private address: the option, for what it does (an https page calling an http device), after the real fix', () => {
    const fixes = localNetworkFixes('LocalNetworkAccessPermissionDenied', 'http://192.168.1.20/x');
    expect(fixes[0]!.tab).toBe('Permission');
    const declared = fixes.find((f) => f.tab === 'targetAddressSpace');
    expect(declared?.snippet).toContain("targetAddressSpace: 'local'");
    expect(declared?.snippet).toContain('mixed content');
    expect(declared?.snippet).toContain("does not replace the user's permission");
  });
});
