import { describe, expect, it } from 'vitest';
import type { Advisory, AdvisoryKind } from '../diagnosis.ts';
import { adviseText, advisories } from './advisory-text.ts';

const cases: [AdvisoryKind, string | undefined, string][] = [
  ['reflected-origin-with-credentials', 'https://evil.example', 'any website can read'],
  ['null-origin-trusted', 'null', 'Do not allow null'],
  ['insecure-origin-trusted', 'http://app.example', 'http://app.example'],
  ['wildcard-allow-headers-covers-authorization', '*', 'List authorization explicitly'],
  ['wildcard-allow-headers-with-secrets', '*', 'List the headers'],
  ['missing-vary-origin', 'https://app.example', 'Add Vary: Origin'],
  ['max-age-above-browser-cap', '86400', 'Access-Control-Max-Age is 86400'],
];

describe('adviseText', () => {
  it.each(cases)('%s', (kind, value, phrase) => {
    const a: Advisory = { kind, severity: 'medium', hop: 0, ...(value === undefined ? {} : { value }) };
    expect(adviseText(a)).toContain(phrase);
  });

  it('keeps kind and severity', () => {
    expect(advisories([{ kind: 'missing-vary-origin', severity: 'low', hop: 0 }])).toEqual([
      { kind: 'missing-vary-origin', severity: 'low', text: expect.stringContaining('Vary: Origin') },
    ]);
  });
});
