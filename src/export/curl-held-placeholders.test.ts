// A capture sanitized before (a sanitized HAR or a bundle opened again) holds REDACTED-...
// placeholders where the browser sent secrets. The curl pair rebuilt from it sends them, and the
// server answers that request (a 401), not the browser's: the script says where they are and what to
// put there, in a comment every shell reads as one, whatever the captured names hold.

import { describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../capture/index.ts';
import { diagnose, explain, type ObservedExchange } from '../cors/index.ts';
import { curlCommands } from './curl.ts';
import { curlExport } from './curl-export.ts';
import { curlPair } from './curl-requests.ts';
import { harFromExchanges, serializeHar } from './har-export.ts';
import type { Shell } from './shell-quote.ts';
import { SHELLS_UNDER_TEST, ZSH_NOTE } from './testing-curl-shells.ts';
import { allowedExchange, canaryExchange } from './testing-exchanges.ts';

const SHELLS: Shell[] = ['bash', 'powershell', 'cmd'];
const NOTE = 'This capture was sanitized before';

/** The exchange as a sanitized HAR of it reads back: every secret a placeholder. */
function sanitizedAgain(exchange: ObservedExchange): ObservedExchange {
  return exchangesFromHar(JSON.parse(serializeHar(harFromExchanges([exchange]))))[0]!;
}

/** The script's lines that carry the note, as the shell's comment writes them. */
const noteLines = (script: string) => script.split(/\r?\n/).filter((line) => line.includes(NOTE));

describe('curl from a capture sanitized before', () => {
  it('says which headers, URL parts and body send placeholders, and what to put there, in every shell, secrets asked for or not', () => {
    const sanitized = sanitizedAgain(canaryExchange());
    for (const shell of SHELLS) {
      for (const includeSecrets of [false, true]) {
        const { script } = curlExport(sanitized, shell, { includeSecrets });
        const [line, ...more] = noteLines(script);
        expect(more).toEqual([]);
        expect(line).toMatch(shell === 'cmd' ? /^REM / : /^# /);
        expect(line).toContain('these commands send its REDACTED-... placeholders, not what the browser sent, in the headers Cookie, Authorization, X-Trace, X-Api-Key and Referer; the query parameter api_key; the body.');
        expect(line).toContain('Put the real values there first (from a session of your own: its cookies, a token or key the server accepts)');
        expect(line).toContain('(a 401 or 403 for a placeholder credential)');
        // Nothing this run replaced: the export's own redaction note is not there.
        expect(script).not.toContain('Secrets were replaced');
      }
    }
  });

  it('says nothing of the kind where the capture held no placeholder', () => {
    for (const shell of SHELLS) {
      // Secrets this export replaces are its redaction note's to list.
      const fresh = curlExport(canaryExchange(), shell).script;
      expect(fresh).toContain('Secrets were replaced by REDACTED-... placeholders');
      expect(fresh).not.toContain(NOTE);
      expect(curlExport(canaryExchange(), shell, { includeSecrets: true }).script).not.toContain(NOTE);
      expect(curlExport(allowedExchange(), shell).script).not.toContain(NOTE);
      // A sanitized capture whose commands hold none of its placeholders (they were in a response).
      const answered = sanitizedAgain({ ...allowedExchange(), hops: allowedExchange().hops.map((hop) => ({ ...hop, response: { status: 200, headers: [...hop.response!.headers, ['Set-Cookie', 'sid=abc123secret']] } })) });
      expect(JSON.stringify(answered)).toContain('REDACTED-');
      expect(curlExport(answered, shell).script).not.toContain(NOTE);
    }
  });

  // Names of HTTP tokens reach a command, so these do: every character a shell reads specially that a
  // token may hold, one name an exchange (one attack cannot hide another by failing the line first).
  // A comment they broke out of would run a `curl` the recorder counts. (cmd.exe cannot carry a `!`
  // at all: its export refuses such a command.)
  const hostileNames = ['x-`curl`', "x-'curl'", "x-''`curl`'", 'x-$HOME$$', 'x-!!', 'x-!curl', '%PATH%', 'x-%PATH%^', 'x-a^', 'x-a&curl', 'x-a|curl', 'x-#*', 'x-~'];
  const hostileUrls = ['https://api.example/a?$(curl${IFS}x)=REDACTED-QUERY-SECRET&q=1', 'https://api.example/a?%PATH%`curl`=REDACTED-TOKEN', "https://api.example/a?x'$(curl)'=REDACTED-TOKEN&b=`curl`&c=REDACTED-TOKEN"];
  const hostile = (name: string | null, url = 'https://api.example/a'): ObservedExchange => ({
    request: {
      method: 'GET',
      headers: [['Origin', 'https://app.example'], ...(name === null ? [] : [[name, 'REDACTED-TOKEN'] as [string, string]])],
      initiatorOrigin: 'https://app.example',
      mode: 'cors',
    },
    hops: [{ url, response: { status: 200, headers: [] } }],
    errorText: 'net::ERR_FAILED',
  });
  const cases = [...hostileNames.map((name) => hostile(name)), ...hostileUrls.map((url) => hostile(null, url))];

  it(`names hostile headers and parameters inertly: each shell runs exactly the commands, nothing from the note${ZSH_NOTE}`, () => {
    for (const shellUnderTest of SHELLS_UNDER_TEST) {
      for (const exchange of cases) {
        if (shellUnderTest.shell === 'cmd' && JSON.stringify(exchange.request.headers).includes('!')) continue;
        const diagnosis = diagnose(exchange);
        // The same commands either way here (placeholders stay, the names are no secret): the models take the other.
        const includeSecrets = !shellUnderTest.real;
        const pair = curlPair(exchange, diagnosis, explain(diagnosis, exchange), { includeSecrets });
        const built = curlCommands(shellUnderTest.shell, pair);
        const about = `${shellUnderTest.name}: ${exchange.request.headers.at(-1)![0]} ${exchange.hops[0]!.url}`;
        expect(built, about).toMatchObject({ ok: true });
        const intended = built.ok ? built.commands.map((command) => ({ args: command.args, stdin: command.stdin })) : [];
        const { script } = curlExport(exchange, shellUnderTest.shell, { includeSecrets });
        const [line, ...more] = noteLines(script);
        expect(more, about).toEqual([]);
        // The name is in it, as the shell's comment writes it.
        expect(line, about).toMatch(/the headers? |the query parameters? /);
        expect(shellUnderTest.run(script), about).toEqual(intended);
      }
    }
  });
});
