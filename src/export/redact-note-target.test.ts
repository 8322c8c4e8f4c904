import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { redactNoteTarget } from './redact-note-target.ts';

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

describe('redactNoteTarget', () => {
  it.each([
    // Two odd names cut to the same name: the second one's target is the cut name's second line.
    [{ on: 'request', hop: 0, name: 'X A' }, { name: 'X REDACTED-REST-OF-NAME' }],
    [{ on: 'request', hop: 0, name: 'x b' }, { name: 'x REDACTED-REST-OF-NAME', index: 1 }],
    [{ on: 'request', hop: 0, name: 'X B', index: 1 }, { name: 'X REDACTED-REST-OF-NAME', index: 2 }],
    [{ on: 'request', hop: 0, name: 'X A', index: 0 }, { name: 'X REDACTED-REST-OF-NAME', index: 0 }],
    // Two token names with a secret's shape: both become REDACTED-TOKEN.
    [{ on: 'response', hop: 0, name: GHP_B }, { name: 'REDACTED-TOKEN', index: 1 }],
    // Names redaction keeps are kept, and so is their index.
    [{ on: 'request', hop: 0, name: 'X-Plain' }, { name: 'X-Plain' }],
    [{ on: 'response', hop: 0, name: 'vary', index: 0 }, { name: 'vary', index: 0 }],
    // A line the capture does not hold: its name redacted, its index kept.
    [{ on: 'request', hop: 0, name: 'X B', index: 5 }, { name: 'X REDACTED-REST-OF-NAME', index: 5 }],
    [{ on: 'preflight-response', hop: 0, name: 'X C' }, { name: 'X REDACTED-REST-OF-NAME' }],
  ] as const)('%j → %j', (target, expected) => {
    expect(redactNoteTarget({ kind: 'header', ...target }, exchange)).toEqual({ kind: 'header', on: target.on, hop: target.hop, ...expected });
  });

  it('leaves a note on the whole exchange alone', () => {
    expect(redactNoteTarget({ kind: 'exchange' }, exchange)).toEqual({ kind: 'exchange' });
  });
});
