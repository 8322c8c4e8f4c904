// The words' masking of hosts: each run shaped like a secret under its own number, in any case of
// letters, wherever it shows; a number a captured value already writes is not given out.

import { describe, expect, it } from 'vitest';
import { HostSecretWords } from './masked-hosts.ts';

describe('HostSecretWords', () => {
  it('numbers each secret-shaped part of a host or port, and writes it so in any case', () => {
    const hosts = new HostSecretWords();
    hosts.see('https://4111111111111111.example');
    hosts.see('https://app-sk_live_abcdefghijklmnop1234.example/x?token=1');
    hosts.see('https://api.example:5555555555554444');
    hosts.see('https://api.example/4111111111111112');
    expect(hosts.shown()).toEqual(['REDACTED-HOST-1', 'REDACTED-HOST-2', 'REDACTED-HOST-3']);
    expect(hosts.words('https://4111111111111111.example vs https://APP-SK_LIVE_ABCDEFGHIJKLMNOP1234.EXAMPLE, port 5555555555554444')).toBe(
      'https://REDACTED-HOST-1.example vs https://APP-REDACTED-HOST-2.EXAMPLE, port REDACTED-HOST-3',
    );
  });

  it('a key in capitals by its shape, seen only lower-cased (a URL host), and a percent-encoded one', () => {
    const hosts = new HostSecretWords();
    hosts.see('https://akiaiosfodnn7example.example/');
    hosts.see('https://%34111111111111111.example');
    expect(hosts.words('akiaiosfodnn7example 4111111111111111')).toBe('REDACTED-HOST-1 REDACTED-HOST-2');
  });

  // Session 42: a group's title cuts a long value (`cause-title.ts`) inside the run, which then
  // matched none seen, and its first characters went out as captured (explain's text, --json, the report).
  it('a run a title cut short: its start before the cut, as the run', () => {
    const hosts = new HostSecretWords();
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJydjItNCJ9.RvW4WtQm8Lp2Wv7Rz4Tn9By1Hj6Gd5Fs0AeX';
    hosts.see(`https://${jwt}.example`);
    const cut = (value: string) => `Access-Control-Allow-Origin is ${value.slice(0, 79)}\u2026, not the request's Origin`;
    expect(hosts.words(cut(`https://${jwt}.example`))).toBe("Access-Control-Allow-Origin is https://REDACTED-HOST-1\u2026, not the request's Origin");
    expect(hosts.words(`\`${cut(`https://${jwt}.example`).slice(31, -26)}\``)).toBe('`https://REDACTED-HOST-1\u2026`');
    // A value cut that holds no run seen, and the whole run, stay as they were written.
    expect(hosts.words(cut(`https://app.example/${'a'.repeat(90)}`))).toBe(cut(`https://app.example/${'a'.repeat(90)}`));
    expect(hosts.words(`https://${jwt}.example\u2026`)).toBe('https://REDACTED-HOST-1.example\u2026');
  });

  // The CLI marks the cut with `...` (it prints ASCII): the same run, the same placeholder.
  it("a run a title cut short with the CLI's `...`", () => {
    const hosts = new HostSecretWords();
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJydjItNCJ9.RvW4WtQm8Lp2Wv7Rz4Tn9By1Hj6Gd5Fs0AeX';
    hosts.see(`https://${jwt}.example`);
    const cut = (value: string) => `Access-Control-Allow-Origin is ${value.slice(0, 77)}..., not the request's Origin`;
    expect(hosts.words(cut(`https://${jwt}.example`))).toBe("Access-Control-Allow-Origin is https://REDACTED-HOST-1..., not the request's Origin");
    // Cut right after one of its dots: the mark is the last three.
    expect(hosts.words(`(https://${jwt.slice(0, 21)}...)`)).toBe('(https://REDACTED-HOST-1...)');
    // The report's words put the URL in a code span, which ends before the dots.
    expect(hosts.words(`is \`https://${jwt.slice(0, 40)}\`..., not`)).toBe('is `https://REDACTED-HOST-1`..., not');
    expect(hosts.words(`https://user@${jwt.slice(0, 30)}... and REDACTED-... placeholders`)).toBe('https://user@REDACTED-HOST-1... and REDACTED-... placeholders');
  });

  // Review of session 42: any tail of 4 characters or more of the word before the cut, that started a
  // run, was taken for it: a path's segment read as another API's host.
  it('a cut outside a host, or inside a label, is no run', () => {
    const hosts = new HostSecretWords();
    hosts.see('https://4111111111111111.example/a');
    for (const mark of ['\u2026', '...']) {
      for (const value of [
        `https://app.example/${'x'.repeat(52)}/4111111111`,
        'https://app.example/a?next=4111111111',
        'https://app.example/#4111111111',
        'https://app.example:4111111111',
        'https://app-4111111111',
        'https://user:4111111111',
        '4111111111',
        'mailto:4111111111',
      ]) {
        const title = `Access-Control-Allow-Origin is ${value}${mark}, not the request's Origin`;
        expect(hosts.words(title), value).toBe(title);
      }
      expect(hosts.words(`https://4111111111${mark}`)).toBe(`https://REDACTED-HOST-1${mark}`);
      expect(hosts.words(`https://app.4111111111${mark}`)).toBe(`https://app.REDACTED-HOST-1${mark}`);
      expect(hosts.words(`https://u@4111111111${mark}`)).toBe(`https://u@REDACTED-HOST-1${mark}`);
    }
  });

  it('leaves ordinary hosts, and skips a number a captured host already writes', () => {
    const hosts = new HostSecretWords();
    hosts.see('https://d111111abcdef8.cloudfront.net');
    hosts.see('https://abc123defg.execute-api.us-east-1.amazonaws.com/prod');
    expect(hosts.any).toBe(false);
    expect(hosts.words('https://d111111abcdef8.cloudfront.net')).toBe('https://d111111abcdef8.cloudfront.net');
    hosts.see('https://redacted-host-1.example');
    hosts.see('https://4111111111111111.example');
    expect(hosts.words('https://4111111111111111.example')).toBe('https://REDACTED-HOST-2.example');
  });
});
