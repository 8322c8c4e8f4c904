import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { redactExchange } from './redact-exchange.ts';
import { redactNoteTarget } from './redact-note-target.ts';
import { headerNameSources, SecretNameNumbers } from './secret-name-numbers.ts';

const GHP_A = 'ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const GHP_B = 'ghp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

const exchange: ObservedExchange = {
  request: { method: 'GET', initiatorOrigin: 'https://app.example', headers: [['Origin', 'https://app.example'], ['X A', '1'], ['x-plain', '2'], ['X B', '3'], ['X B', '4']] },
  hops: [
    {
      url: 'https://api.example/',
      response: { status: 200, headers: [[GHP_A, '1'], ['Vary', 'Origin'], [GHP_B, '2']] },
    },
  ],
};

/** The target as an export writes it: numbered as the export numbered the exchange it redacted first. */
function exported(target: Parameters<typeof redactNoteTarget>[0]): ReturnType<typeof redactNoteTarget> {
  const numbers = new SecretNameNumbers(headerNameSources([exchange]));
  redactExchange(exchange, [], numbers);
  return redactNoteTarget(target, exchange, numbers);
}

describe('redactNoteTarget', () => {
  it.each([
    // Two odd names cut to the same name: the second one's target is the cut name's second line.
    [{ on: 'request', hop: 0, name: 'X A' }, { name: 'X REDACTED-REST-OF-NAME' }],
    [{ on: 'request', hop: 0, name: 'x b' }, { name: 'x REDACTED-REST-OF-NAME', index: 1 }],
    [{ on: 'request', hop: 0, name: 'X B', index: 1 }, { name: 'X REDACTED-REST-OF-NAME', index: 2 }],
    [{ on: 'request', hop: 0, name: 'X A', index: 0 }, { name: 'X REDACTED-REST-OF-NAME', index: 0 }],
    // Two token names with a secret's shape: each its own placeholder (session 36; both were
    // REDACTED-TOKEN, the second line of that name), numbered as the exchange's lines are.
    [{ on: 'response', hop: 0, name: GHP_B }, { name: 'REDACTED-TOKEN-2' }],
    [{ on: 'response', hop: 0, name: GHP_A.replace(/a/g, 'A') }, { name: 'REDACTED-TOKEN-1' }],
    // Names redaction keeps are kept, and so is their index.
    [{ on: 'request', hop: 0, name: 'X-Plain' }, { name: 'X-Plain' }],
    [{ on: 'response', hop: 0, name: 'vary', index: 0 }, { name: 'vary', index: 0 }],
    // A line the capture does not hold: its name redacted, its index kept.
    [{ on: 'request', hop: 0, name: 'X B', index: 5 }, { name: 'X REDACTED-REST-OF-NAME', index: 5 }],
    [{ on: 'preflight-response', hop: 0, name: 'X C' }, { name: 'X REDACTED-REST-OF-NAME' }],
  ] as const)('%j → %j', (target, expected) => {
    expect(exported({ kind: 'header', ...target })).toEqual({ kind: 'header', on: target.on, hop: target.hop, ...expected });
  });

  it('leaves a note on the whole exchange alone', () => {
    expect(exported({ kind: 'exchange' })).toEqual({ kind: 'exchange' });
  });
});
