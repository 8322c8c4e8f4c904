import { describe, expect, it } from 'vitest';
import type { RequestMode } from './exchange.ts';
import { decideMode } from './request-mode.ts';

const PAGE = 'http://127.0.0.1:1111';

describe('decideMode', () => {
  it.each<[string, RequestMode, string, string]>([
    ['cors, cross-origin', 'cors', 'http://127.0.0.1:2222/x', 'cors'],
    ['cors, same origin', 'cors', PAGE + '/x', 'not-cors:same-origin'],
    ['same-origin mode, cross-origin URL', 'same-origin', 'http://127.0.0.1:2222/x', 'blocked:DisallowedByMode'],
    ['same-origin mode, same-origin URL', 'same-origin', PAGE + '/', 'not-cors:same-origin'],
    ['no-cors', 'no-cors', 'http://127.0.0.1:2222/x', 'not-cors:no-cors'],
    ['navigate', 'navigate', 'http://127.0.0.1:2222/x', 'not-cors:navigate'],
    ['cors to a non-HTTP scheme', 'cors', 'ftp://127.0.0.1/x', 'blocked:CorsDisabledScheme'],
  ])('%s', (_d, mode, url, expected) => {
    const decision = decideMode(mode, url, PAGE);
    const summary =
      decision.kind === 'cors' ? 'cors' : decision.kind === 'blocked' ? `blocked:${decision.corsError}` : `not-cors:${decision.why}`;
    expect(summary).toBe(expected);
  });
});
