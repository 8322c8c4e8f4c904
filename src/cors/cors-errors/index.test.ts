import { describe, expect, it } from 'vitest';
import { CORS_ERRORS } from '../cors-error.ts';
import { CORS_ERROR_GROUPS, CORS_ERROR_TABLE, corsErrorFacts } from './index.ts';

describe('the CorsError table', () => {
  it('holds every code once: no code sits in two groups (a spread would hide it)', () => {
    const all = CORS_ERROR_GROUPS.flatMap((group) => Object.keys(group));
    expect(all.length).toBe(new Set(all).size);
    expect([...all].sort()).toEqual([...CORS_ERRORS].sort());
    expect(Object.keys(CORS_ERROR_TABLE)).toHaveLength(CORS_ERRORS.length);
  });

  it.each(CORS_ERRORS.map((e) => [e]))('%s: the MDN page is the one of its Firefox reason', (e) => {
    const { firefox, mdn } = corsErrorFacts(e);
    expect(mdn).toBe(firefox === null ? null : `https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/${firefox}`);
  });

  it('groups the preflight codes as Chromium prefixes their console words', () => {
    const prefixed = CORS_ERRORS.filter((e) => corsErrorFacts(e).consolePreflightPrefix);
    expect(prefixed.every((e) => corsErrorFacts(e).group !== 'response' && corsErrorFacts(e).group !== 'request')).toBe(true);
    expect(prefixed).toContain('PreflightInvalidStatus');
    expect(prefixed).not.toContain('HeaderDisallowedByPreflightResponse');
  });

  it('gives a reason list only to codes the engine decides', () => {
    for (const e of CORS_ERRORS) if (!corsErrorFacts(e).decidedByEngine) expect(corsErrorFacts(e).reasons).toEqual([]);
  });
});
