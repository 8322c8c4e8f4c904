// Session 34's secrets through the CLI's default exports: a Stripe-style key glued after a `-` (a
// multipart part's filename, a URL path and query, a header value) and JSON keys with a character
// no reader sees inside (U+200B, U+00AD, U+2060, U+FEFF) or written with escapes. Each of `share`,
// `report` and `curl` (all three shells) must keep them out.

import { describe, expect, it } from 'vitest';
import { defaultExports, harEntry, run, share, writeHar } from './testing-default-exports.ts';

// Weak-looking (no digit, one case): only its prefix tells it.
const KEY = 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx';
const PASSWORDS = ['hunter2zw', 'hunter2sh', 'hunter2wj', 'hunter2bm', 'hunter2es'];

// No Access-Control-Allow-Origin: blocked, so the report shows each one.
function entry(url: string, headers: [string, string][], body?: { mimeType: string; text: string }): unknown {
  return harEntry({ url, headers: [['Origin', 'https://app.example'], ...headers], ...(body === undefined ? {} : { body }) });
}

const multipart = `--b\r\nContent-Disposition: form-data; name="file"; filename="notes-${KEY}.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n`;
const json = `{"p\\u200bassword": "${PASSWORDS[0]}", "pass\\u00adword": "${PASSWORDS[1]}", "p\\u2060assword": "${PASSWORDS[2]}", "p\\ufeffassword": "${PASSWORDS[3]}", "pass\\u0077ord": "${PASSWORDS[4]}"}`;
const har = writeHar('s34.har', [
  entry('https://api.example/upload', [['Content-Type', 'multipart/form-data; boundary=b']], { mimeType: 'multipart/form-data; boundary=b', text: multipart }),
  entry(`https://api.example/files/notes-${KEY}.txt?f=notes-${KEY}`, [['X-File', `notes-${KEY}.txt`]]),
  entry('https://api.example/login', [['Content-Type', 'application/json']], { mimeType: 'application/json', text: json }),
]);

describe('session 34: glued keys and invisible key names stay out of every default export', () => {
  it.each(defaultExports(har))('%s', async (about, command, args) => {
    const output = await run(command, args);
    expect(output).not.toContain('xxxxxxxxxxxxxxxx');
    for (const password of PASSWORDS) expect(output).not.toContain(password);
    expect(output).toContain('notes-REDACTED-API-KEY');
    // The report shows one example per cause (the three share one): the body is not in it.
    if (about !== 'report') expect(output).toContain('REDACTED-PASSWORD');
  });

  it('--include-secrets keeps them', async () => {
    const output = await run(share, [har, '--out', '-', '--include-secrets']);
    expect(output).toContain(KEY);
    for (const password of PASSWORDS) expect(output).toContain(password);
  });
});
