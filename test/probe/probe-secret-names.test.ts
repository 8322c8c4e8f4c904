// A header name shaped like a secret (`X-Api-Key-sk_live_...`: a page can send a token as a name)
// asked for with `probe --header`. The report goes to CI logs as explain's does, and follows
// explain's rule: the name is written as every export writes it (a numbered placeholder), in every
// line of one report, and the fix's Access-Control-Allow-Headers lists each name it needs once.
// It listed it twice (as typed, from the verdict's words, and as its placeholder, from the
// redacted exchange's), the headline and explanation named it as typed, the first line too.
// `--include-secrets` prints it as typed, everywhere, once.

import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command.ts';
import { expressServer } from './node-servers.ts';
import { closedAfterAll, probe } from './probe-cli.ts';

const ORIGIN = 'https://app.example.com';
const TOKEN = 'sk_live_51HabcdefghijklmnopqrstuvwxYZ';
const NAME = `X-Api-Key-${TOKEN}`;
// As the requests printed write it, and as the engine's words (lower-cased, as Chromium's) do.
const SHOWN = 'X-Api-Key-REDACTED-API-KEY-1';
const WORDS = SHOWN.toLowerCase();
const SECRET_CORE = TOKEN.slice('sk_live_'.length).toLowerCase();

const started = closedAfterAll();

/** A server that allows the origin but only Content-Type: the name asked for is refused. */
async function refusing(): Promise<string> {
  return (await started(expressServer({ origin: [ORIGIN], allowedHeaders: ['content-type'] }))).url;
}

/** The `Access-Control-Allow-Headers` lines of the generic fix, from the text or a JSON snippet. */
const allowHeadersLines = (text: string): string[] => text.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('Access-Control-Allow-Headers:'));

describe('probe --header with a secret-shaped name, refused by the server', () => {
  it('text: every line names the placeholder, the fix lists it once', async () => {
    const { status, out, err } = await probe([await refusing(), '--origin', ORIGIN, '--method', 'PUT', '--header', `${NAME}: 1`]);
    expect(status).toBe(EXIT.ok);
    expect((out + err).toLowerCase()).not.toContain(SECRET_CORE);
    const lines = out.split('\n');
    expect(lines[0]).toContain(` with ${SHOWN}, `);
    expect(lines).toContain(`${ORIGIN} (the origin named): blocked: ${WORDS} not in Access-Control-Allow-Headers`);
    expect(out).toContain(`Add ${WORDS} to Access-Control-Allow-Headers.`);
    expect(allowHeadersLines(out)).toEqual([`Access-Control-Allow-Headers: content-type, ${WORDS}`]);
    expect(out).toContain(`allowedHeaders: ['content-type', '${WORDS}'],`);
  });

  it('--json and --expect: the same placeholder in the document and the explanation, the fix lists it once', async () => {
    const { status, out, err } = await probe([await refusing(), '--origin', ORIGIN, '--method', 'PUT', '--header', `${NAME}: 1`, '--json', '--expect', 'allowed']);
    expect(status).toBe(EXIT.blocked);
    expect((out + err).toLowerCase()).not.toContain(SECRET_CORE);
    const doc = JSON.parse(out) as { headers: string[]; named: Record<string, unknown>; fixes: { target: string; snippet: string }[] };
    expect(doc.headers).toEqual([SHOWN]);
    expect(doc.named).toMatchObject({ verdict: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: WORDS, headline: `${WORDS} not in Access-Control-Allow-Headers` });
    const generic = doc.fixes.find(({ target }) => target === 'generic')!;
    expect(allowHeadersLines(generic.snippet)).toEqual([`Access-Control-Allow-Headers: content-type, ${WORDS}`]);
    expect(err).toContain(`which does not include ${WORDS}. Add ${WORDS} to Access-Control-Allow-Headers.`);
  });

  it('--include-secrets: the name as typed everywhere, the fix lists it once', async () => {
    const { out } = await probe([await refusing(), '--origin', ORIGIN, '--method', 'PUT', '--header', `${NAME}: 1`, '--include-secrets']);
    expect(out).not.toContain('REDACTED');
    expect(out.split('\n')[0]).toContain(` with ${NAME}, `);
    expect(out).toContain(`blocked: ${NAME.toLowerCase()} not in Access-Control-Allow-Headers`);
    expect(allowHeadersLines(out)).toEqual([`Access-Control-Allow-Headers: content-type, ${NAME.toLowerCase()}`]);
  });
});

describe('probe --header with a secret-shaped name, allowed by a server that trusts any origin', () => {
  it("the findings' fix names the placeholder once, not the name as typed", async () => {
    const server = await started(expressServer({ origin: true }));
    const { out, err } = await probe([server.url, '--origin', ORIGIN, '--method', 'PUT', '--header', `${NAME}: 1`]);
    expect((out + err).toLowerCase()).not.toContain(SECRET_CORE);
    expect(out).toContain(`${ORIGIN} (the origin named): allowed`);
    expect(out).toContain('reflects-any-origin');
    // The fix for the findings trusts exactly the named origin, with the headers its page sends (the
    // name read from the preflight's list, its placeholder in capitals: any case, a header name).
    expect(out.toLowerCase()).toContain(`allowedheaders: ['${WORDS}'],`);
  });
});
