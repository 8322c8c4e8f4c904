// A redirect's target recorded apart from the headers (`ObservedResponse.locationUrl`: a HAR's
// `redirectURL`, webRequest's `redirectUrl`) reaches the curl export through the engine's words
// (`# Expected in the response: Location: ...`) and the redaction note. A hostile HAR fills it with
// anything: a `javascript:` or `file:` URL, a line break, `$(...)`, backticks, quotes, history
// expansion, cmd's `&` and `%...%`, controls. Each script, run by real bash and zsh (as a file and
// pasted) and by the PowerShell and cmd.exe models, must hand curl exactly the intended commands
// (the target never one of them, nor any part of it run), show no control character, and carry no
// secret the target held.

import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose, explain, type ObservedExchange, type ObservedResponse } from '../cors/index.ts';
import { curlCommands } from './curl.ts';
import { curlScriptFor } from './curl-export.ts';
import { curlPair } from './curl-requests.ts';
import { BASH_SCRIPT_LINE } from './testing-curl.ts';
import { SHELLS_UNDER_TEST, ZSH_NOTE } from './testing-curl-shells.ts';
import { UNPRINTABLE } from './visible-text.ts';

const PAGE = 'https://app.example';
const API = 'https://api.example/data';
// A file a command run from the script would make: it must never exist.
const PWNED = join(tmpdir(), `cors-inspector-location-pwned-${process.pid}`);
const INJECTED = `$(touch ${PWNED})\`touch ${PWNED}\`'"; touch ${PWNED} & echo %PATH% | more !! !-1 \r\nrm -rf ~\x1b[2J\0\u202e\x85`;
const SECRETS = ['p4ssw0rd-location', 'tok_locationsecret1', 'a'.repeat(36)];

const TARGETS: [string, string][] = [
  ['an https URL with userinfo and a token', `https://u:p4ssw0rd-location@evil.example/x${INJECTED}?token=tok_locationsecret1`],
  ['javascript:', `javascript:alert(1)//${INJECTED}`],
  ['file:', `file:///etc/passwd?${INJECTED}`],
  ['a relative target with a GitHub token', `/ghp_${'a'.repeat(36)}/${INJECTED}`],
  // Without a quote to leave open: a shell that ran the comment's text would run this.
  ['command substitution alone', `https://u:p4ssw0rd-location@evil.example/$(touch ${PWNED})/\`touch ${PWNED}\`?token=tok_locationsecret1`],
  ['a line break first', `\r\n${INJECTED}https://evil.example/?token=tok_locationsecret1`],
];

const redirect = (locationUrl: string, acao: string): ObservedResponse => ({ status: 302, headers: [['Access-Control-Allow-Origin', acao]], locationUrl });

function exchanges(target: string): [string, ObservedExchange][] {
  const request = { method: 'GET', headers: [['Origin', PAGE]] as [string, string][], initiatorOrigin: PAGE, mode: 'cors' as const };
  return [
    ['the response', { request, hops: [{ url: API, response: redirect(target, '*') }] }],
    ['a response that allowed the page', { request, hops: [{ url: API, response: redirect(target, PAGE) }] }],
    [
      'the preflight',
      {
        request: { ...request, method: 'PUT', headers: [...request.headers, ['X-Custom', '1']] },
        hops: [
          {
            url: API,
            preflight: { url: API, requestHeaders: [['Origin', PAGE], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'x-custom']], response: redirect(target, '*') },
            response: null,
          },
        ],
      },
    ],
  ];
}

describe.each(SHELLS_UNDER_TEST)(`$name: a hostile redirect target (locationUrl) in the curl export${ZSH_NOTE}`, ({ shell, run }) => {
  it.each(TARGETS)('%s: curl gets the intended commands, nothing runs, no secret or control shows', (_, target) => {
    for (const [where, exchange] of exchanges(target)) {
      const diagnosis = diagnose(exchange);
      const built = curlCommands(shell, curlPair(exchange, diagnosis, explain(diagnosis, exchange)));
      const intended = built.ok ? built.commands.map((command) => ({ args: command.args, stdin: command.stdin })) : [];
      const script = curlScriptFor(exchange, shell);
      expect(UNPRINTABLE.test(script.replace(/\n/g, '')), where).toBe(false);
      for (const secret of SECRETS) expect(script, where).not.toContain(secret);
      const received = run(script);
      expect(received, where).toEqual(intended);
      // Only the captured URL is sent: the target is no command's URL, nor in any argument.
      for (const call of received) {
        expect(call.args[call.args.indexOf('--url') + 1], where).toBe(API);
        expect(call.args.join(' '), where).not.toContain('touch');
      }
      expect(existsSync(PWNED), where).toBe(false);
    }
  });
});

describe('the target as the script words it', () => {
  it('bash: every line is a comment, blank, or part of the curl command, and the Location is redacted', () => {
    const exchange = exchanges(TARGETS[0]![1])[1]![1];
    const script = curlScriptFor(exchange, 'bash');
    for (const line of script.split('\n')) expect(line).toMatch(BASH_SCRIPT_LINE);
    expect(script).toContain('Location: https://evil.example/');
    expect(script).toContain('token=REDACTED-QUERY-SECRET');
  });
});
