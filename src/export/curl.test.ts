import { describe, expect, it } from 'vitest';
import { curlScript } from './curl.ts';
import type { CurlPair } from './curl-requests.ts';

const pair: CurlPair = {
  hop: 0,
  preflight: null,
  request: {
    role: 'request',
    provenance: 'observed',
    method: 'POST',
    url: 'http://api.test/x',
    headers: [['X-Note', 'a" -K C:\\evil "b'], ['Origin', 'http://app.test']],
    body: 'line1\nline2',
    expected: ['Access-Control-Allow-Origin: http://app.test'],
  },
  redactions: [],
};

describe('curlScript', () => {
  it('PowerShell refuses to run where arguments would not reach curl.exe exactly', () => {
    const lines = curlScript('powershell', pair, { title: 't' }).split('\n');
    expect(lines[0]).toMatch(/^if \(\$PSVersionTable\.PSVersion -lt \[version\]'7\.3'\) \{ throw /);
    expect(lines[1]).toBe("$PSNativeCommandArgumentPassing = 'Standard'");
    expect(lines).toContain(`  -H 'X-Note: a" -K C:\\evil "b' \``);
  });

  it('cmd escapes metacharacters and says when a body cannot pass', () => {
    const script = curlScript('cmd', pair, { title: 'a & b' });
    expect(script).toContain('REM CORS Inspector: a ^& b');
    expect(script).toContain('REM Note: cmd.exe cannot carry this body exactly');
    // Every quote in the argument is escaped for both cmd (^) and curl's argument parser (\).
    expect(script).toContain('-H ^"X-Note: a\\^" -K C:\\evil \\^"b^"');
  });

  it('every line of the bash script is a comment, blank, or part of the curl command', () => {
    for (const line of curlScript('bash', pair, { title: 'x\n rm -rf /' }).split('\n')) {
      expect(line).toMatch(/^(#.*|curl .*|  --?[A-Za-z].*|)$/);
    }
  });
});
