// `share` and `report` through the CLI's main on a hand-made HAR whose header names are no HTTP token
// (session 32's hostile review): `X-Weird Name` kept its value in clear, and a whole
// `Authorization: Bearer …` line as a name stayed in the bundle and the report's headers block.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importBundle } from '../export/index.ts';
import { main } from './main.ts';
import { Collected } from './testing-streams.ts';

const weird = 'topsecretvalue123456789';
const inName = 'plaincnry66';
const inValue = 'plaincnry67';

const har = JSON.stringify({
  log: {
    version: '1.2',
    entries: [
      {
        startedDateTime: '2026-01-01T00:00:00.000Z',
        request: {
          method: 'GET',
          url: 'https://api.test/data',
          headers: [
            { name: 'Origin', value: 'https://page.test' },
            { name: 'X-Weird Name', value: weird },
            { name: `Authorization: Bearer ${inName}`, value: `Bearer ${inValue}` },
          ],
        },
        response: { status: 200, headers: [{ name: 'Server', value: 'nginx' }], _error: 'net::ERR_FAILED' },
      },
    ],
  },
});

async function run(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out = new Collected();
  const err = new Collected();
  const status = await main(args, out, err, {}, Readable.from([Buffer.from(har)]));
  return { status, out: out.text, err: err.text };
}

describe('header names that are no HTTP token, through the CLI', () => {
  it('share writes neither the value nor the rest of the name, and the bundle imports with the same verdict', async () => {
    const result = await run(['share', '-', '--out', '-']);
    expect(result.status).toBe(0);
    for (const secret of [weird, inName, inValue]) {
      expect(result.out).not.toContain(secret);
      expect(result.out.toLowerCase()).not.toContain(secret);
    }
    const imported = importBundle(result.out, { engineVersion: 'test' });
    if (!imported.ok) throw new Error(imported.errors[0]!.message);
    expect(imported.verdictChanges).toBe(0);
    expect(imported.exchanges[0]!.exchange.request.headers).toEqual([
      ['Origin', 'https://page.test'],
      ['X-Weird REDACTED-REST-OF-NAME', 'REDACTED-SECRET'],
      ['Authorization REDACTED-REST-OF-NAME', 'REDACTED-AUTHORIZATION'],
    ]);
    expect(imported.bundle.redactions.map((r) => r.where)).toEqual(['x-weird REDACTED-REST-OF-NAME', 'authorization REDACTED-REST-OF-NAME']);
  });

  // curl reads the redacted exchange (`X-Weird REDACTED-REST-OF-NAME`): its refusal names the name up
  // to the space, without it, as it would name the captured one.
  it.each(['bash', 'powershell', 'cmd'])("curl's refusal in %s names the first odd name up to where a value could begin", async (shell) => {
    for (const args of [[], ['--include-secrets']]) {
      const result = await run(['curl', '-', '--url-contains', '/', '--shell', shell, ...args]);
      expect(result.out).toContain('the header name starting "X-Weird" is not an HTTP token');
      expect(result.out).not.toMatch(/starting "X-Weird[^"]/);
    }
  });

  it("report's headers block shows the names cut and the values redacted", async () => {
    const result = await run(['report', '-']);
    expect(result.status).toBe(0);
    for (const secret of [weird, inName, inValue]) expect(result.out.toLowerCase()).not.toContain(secret);
    expect(result.out).toContain('X-Weird REDACTED-REST-OF-NAME: REDACTED-SECRET\nAuthorization REDACTED-REST-OF-NAME: REDACTED-AUTHORIZATION\n');
  });
});
