// `explain --json`: an advisory that one exchange cannot settle carries the probe, as data and as the
// command to run.

import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { formatJson } from './format-json.ts';
import { reportExchange } from './report.ts';

const PAGE = 'https://app.example';

describe('explain --json advisories', () => {
  it('credentials for this origin: the words say one exchange cannot tell, with the probe command', () => {
    const exchange: ObservedExchange = {
      request: { method: 'GET', headers: [['Origin', PAGE], ['Cookie', 'sid=1']], initiatorOrigin: PAGE, credentialsMode: 'include' },
      hops: [{ url: 'https://api.example/me', response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']] } }],
    };
    const report = { exchanges: [reportExchange(exchange)], sameOrigin: 0, skippedEntries: 0 };
    const line = JSON.parse(formatJson(report).split('\n')[1]!.replace(/,$/, '')) as { advisories: unknown[] };
    expect(line.advisories).toEqual([
      {
        kind: 'credentials-for-request-origin',
        severity: 'info',
        text: expect.stringContaining('cannot be told from one exchange'),
        probe: { url: 'https://api.example/me', origin: PAGE, method: 'GET', headers: [], credentials: true },
        probeCommand: 'cors-inspector probe https://api.example/me --origin https://app.example --credentials',
        probeCommands: [{ shells: ['bash', 'powershell', 'cmd'], command: 'cors-inspector probe https://api.example/me --origin https://app.example --credentials' }],
      },
    ]);
  });
});
