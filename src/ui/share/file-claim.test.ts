import { describe, expect, it } from 'vitest';
import { claimsSummary, claimWhy, fileSays } from './file-claim.ts';

describe("the file's claim, where this engine says otherwise", () => {
  it('names the stored verdict as the row names verdicts', () => {
    expect(fileSays({ verdict: 'allowed' })).toBe('the file says: Allowed');
    expect(fileSays({ verdict: 'not-cors' })).toBe('the file says: Not CORS');
    expect(fileSays({ verdict: 'allowed' }, { verdict: 'blocked' })).toBe('the file says: Allowed');
  });

  it('says the cause differs where the file states the same verdict with another error', () => {
    expect(fileSays({ verdict: 'blocked' }, { verdict: 'blocked' })).toBe('the file says: Blocked, for another cause');
  });

  it('blames no engine version when both are the same: the file was edited, or its redaction changed it', () => {
    expect(claimWhy({ exported: '0.1.0', now: '0.1.0' })).toBe("the file's verdict does not match its requests: edited by hand, or changed by redaction");
    expect(claimWhy({ exported: '0.1.0', now: '0.1.0' })).not.toContain('0.1.0');
  });

  it('names both engines when they differ', () => {
    expect(claimWhy({ exported: '0.0.9', now: '0.1.0' })).toBe('exported by engine 0.0.9; this is 0.1.0');
  });

  it('says in the status line which verdicts are shown', () => {
    expect(claimsSummary(20, { exported: '0.1.0', now: '0.1.0' })).toBe(
      "20 verdicts in the file differ from this engine's, shown as this engine's (the file's verdict does not match its requests: edited by hand, or changed by redaction)",
    );
    expect(claimsSummary(1, { exported: '0.0.9', now: '0.1.0' })).toBe("1 verdict in the file differs from this engine's, shown as this engine's (exported by engine 0.0.9; this is 0.1.0)");
  });
});
