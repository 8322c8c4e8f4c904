import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProbeTarget } from '../cors/index.ts';
import { probeCommand as probeCommandOrNull, probeCommandLines } from './probe-command.ts';
import { powerShellExpansions } from './testing-powershell-paste.ts';

/** The first line printed (null only for a value with a NUL, which these cases do not have). */
const probeCommand = (...args: Parameters<typeof probeCommandOrNull>): string => probeCommandOrNull(...args)!;

/** The words bash gives `cors-inspector` for `command` (a function stands in for the program). */
function argvInBash(command: string): string[] {
  const run = spawnSync('bash', ['-c', `cors-inspector() { printf '%s\\0' "$@"; }\n${command}`], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return run.stdout.split('\0').slice(0, -1);
}

const target = (over: Partial<ProbeTarget> = {}): ProbeTarget => ({
  url: 'https://api.example/items',
  origin: 'https://app.example',
  method: 'GET',
  headers: [],
  credentials: false,
  ...over,
});

describe('probeCommand', () => {
  it('writes the probe syntax: URL, --origin, --method unless GET, a --header per name, --credentials', () => {
    expect(probeCommand(target())).toBe('cors-inspector probe https://api.example/items --origin https://app.example');
    expect(probeCommand(target({ method: 'PUT', headers: ['x-trace', 'content-type'], credentials: true }))).toBe(
      'cors-inspector probe https://api.example/items --origin https://app.example --method PUT --header x-trace --header content-type --credentials',
    );
  });

  it('redacts secrets in the URL unless asked for', () => {
    const t = target({ url: 'https://api.example/items?access_token=abcdef123456&page=2' });
    expect(probeCommand(t)).not.toContain('abcdef123456');
    expect(probeCommand(t)).toContain('page=2');
    expect(probeCommand(t, { includeSecrets: true })).toContain('abcdef123456');
  });

  // Session 35: names the probe sends went on the line as captured; a credential-shaped one (an
  // HTTP token all the same) is written as the exports write a header name. The engine names them
  // lower-cased: a JWT or an AWS key id lower-cased no longer reads as one, yet tells most of it.
  // Session 36: each its own number, so the two API keys are two names on the line, not one twice.
  it('writes a credential-shaped header name as the exports do, unless asked for secrets', () => {
    const jwt = 'eyjhbgcioijiuzi1nij9.eyjzdwiioijhbgljzsj9.c2lnbmf0dxjl';
    const names = [`ghp_${'a'.repeat(36)}`, `sk_live_${'q'.repeat(24)}`, jwt, 'akiaiosfodnn7example', 'x-trace'];
    expect(probeCommand(target({ headers: names }))).toBe(
      'cors-inspector probe https://api.example/items --origin https://app.example --header REDACTED-TOKEN-1 --header REDACTED-API-KEY-2 --header REDACTED-JWT-3 --header REDACTED-API-KEY-4 --header x-trace',
    );
    expect(probeCommand(target({ headers: names }), { includeSecrets: true })).toContain(`--header ${jwt} --header akiaiosfodnn7example`);
  });

  it('pasted into PowerShell (the command names no shell), a hostile URL expands nothing', () => {
    // A URL path keeps `'`, `$`, `(` and `)` as they are (the URL Standard encodes none of them there).
    const t = target({ url: "https://api.example/a'$(calc)'b/‘$(calc)’", origin: "https://app.example'$(calc)'", method: "P'$(calc)'", headers: ["x-'$a'"] });
    const command = probeCommand(t, { includeSecrets: true });
    expect(powerShellExpansions(command)).toEqual([]);
    expect(argvInBash(command)).toEqual(['probe', "https://api.example/a'$(calc)'b/‘$(calc)’", '--origin', "https://app.example'$(calc)'", '--method', "P'$(calc)'", '--header', "x-'$a'"]);
  });

  it('hostile values reach the program as text, exactly (real bash)', () => {
    const t = target({ url: "https://api.example/$(touch /tmp/x)`id`'\"; rm -rf ~", origin: "null'; echo pwned", method: 'P!T', headers: ['-x', 'x-a'], credentials: true });
    expect(argvInBash(probeCommand(t, { includeSecrets: true }))).toEqual([
      'probe', t.url, '--origin', t.origin, '--method', 'P!T', '--header=-x', '--header', 'x-a', '--credentials',
    ]);
  });

  it('a URL that reads as an option goes after --', () => {
    expect(argvInBash(probeCommand(target({ url: '--help' }), { includeSecrets: true }))).toEqual(['probe', '--origin', 'https://app.example', '--', '--help']);
  });

  it('whatever the values, bash passes each as one word (property)', () => {
    const text = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes('\0'));
    // Header names as the probe takes them: HTTP tokens (others are left out, tested below).
    const token = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9a-z-]{1,12}$/).filter((s) => !s.startsWith('sec-') && !s.startsWith('proxy-'));
    fc.assert(
      fc.property(text, text, fc.array(token, { maxLength: 2 }), (url, origin, headers) => {
        const t = target({ url: `https://a.example/${url}`, origin, headers });
        const argv = argvInBash(probeCommand(t, { includeSecrets: true }));
        expect(argv[1]).toBe(t.url);
        expect(argv.join('\n')).toContain(origin);
        for (const name of headers) expect(argv.includes(name) || argv.includes(`--header=${name}`)).toBe(true);
      }),
      { seed: 11, numRuns: 40 },
    );
  });

  it("takes the URL's user name and password out as the URL parser reads them, '@' or not", () => {
    // The reference: every URL parsed, as before the shortcut for URLs without an '@'.
    const parsedWithoutUserinfo = (url: string): string => {
      try {
        const parsed = new URL(url);
        if (parsed.username === '' && parsed.password === '') return url;
        parsed.username = '';
        parsed.password = '';
        return parsed.href;
      } catch {
        return url;
      }
    };
    const urls = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.tuple(fc.webUrl(), fc.string(), fc.string()).map(([url, user, password]) => url.replace('://', `://${user}:${password}@`)),
      fc.tuple(fc.constantFrom('https://', 'http://', 'https:', 'https:\\\\', 'ftp://', ''), fc.string({ unit: fc.constantFrom('a', '@', ':', '/', '\\', '%40', '.', '?', '#', ' ', '\t') })).map(([scheme, rest]) => scheme + rest),
    );
    fc.assert(
      fc.property(urls, (url) => {
        expect(probeCommand(target({ url }), { includeSecrets: true })).toBe(probeCommand(target({ url: parsedWithoutUserinfo(url) }), { includeSecrets: true }));
      }),
      { seed: 7, numRuns: 2000 },
    );
    expect(probeCommand(target({ url: 'https://alice@api.example/items' }), { includeSecrets: true })).not.toContain('alice');
  });

  it('leaves out what the probe would refuse, so the line runs as printed: userinfo, non-token and forbidden names', () => {
    const t = target({ url: 'https://alice:pw@api.example/items', headers: ['x-a\u001b[31m', "x-'$(id)", 'cookie', 'sec-x', 'x-ok'] });
    const argv = argvInBash(probeCommand(t));
    expect(argv).toEqual(['probe', 'https://api.example/items', '--origin', 'https://app.example', '--header', 'x-ok']);
    expect(probeCommand(t, { includeSecrets: true })).not.toContain('alice');
  });

  // Session 34's hostile review: `probe.headers: ["x-api-key", "x-$(id)"]` gave `--header x-api-key`
  // alone and said nothing, so the line read as the probe of both. Every line says what it leaves
  // out, each name quoted with its controls shown.
  it('says which header names the line leaves out, and why', () => {
    // A `$` in the URL: a line per shell, each saying it.
    const t = target({ url: 'https://api.example/items?a=$x', headers: ['x-api-key', 'x-$(id)', 'cookie', 'x-a\u001b]0;T\u0007'] });
    const lines = probeCommandLines(t);
    expect(lines.map((line) => line.shells)).toEqual([['bash', 'zsh'], ['powershell'], ['cmd']]);
    for (const line of lines)
      expect(line.leftOut).toBe('headers "x-$ REDACTED-REST-OF-NAME" (not an HTTP token), "cookie" (a header the browser sets, not a page), "x-a REDACTED-REST-OF-NAME" (not an HTTP token), which the probe would refuse');
    // Cut where a value could begin (`redactHeaderName`, as the exports write it: since session 39 at
    // `(` too, its `$` still shown); with the secrets asked for, whole, its controls shown.
    expect(probeCommandLines(t, { includeSecrets: true })[0]!.leftOut).toContain('"x-a\\x1b]0;T\\x07" (not an HTTP token)');
    expect(probeCommandLines(t, { includeSecrets: true })[0]!.leftOut).toContain('"x-$(id)" (not an HTTP token)');
    expect(probeCommandLines(target({ headers: ['x-$(id)'] }))[0]!.leftOut).toBe('header "x-$ REDACTED-REST-OF-NAME" (not an HTTP token), which the probe would refuse');
    expect(probeCommandLines(target({ headers: ['x-api-key'] }))[0]).not.toHaveProperty('leftOut');
    // A name that is no token is written as the exports write it: a credential in it goes.
    const key = `sk_live_${'x'.repeat(24)}`;
    expect(probeCommandLines(target({ headers: [`x-k ${key}`] }))[0]!.leftOut).toBe('header "x-k REDACTED-REST-OF-NAME" (not an HTTP token), which the probe would refuse');
    expect(probeCommandLines(target({ headers: [`x-k ${key}`] }), { includeSecrets: true })[0]!.leftOut).toContain(key);
  });
});
