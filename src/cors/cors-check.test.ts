import { describe, expect, it } from 'vitest';
import { corsCheck, toPreflightError } from './cors-check.ts';
import type { CredentialsMode } from './exchange.ts';

const ORIGIN = 'http://127.0.0.1:1111';

describe('corsCheck (Chromium cors::CheckAccess)', () => {
  it.each<[string, string | null, string | null, CredentialsMode, string, [string | null, string, string | null]]>([
    ['no ACAO', null, null, 'same-origin', ORIGIN, ['MissingAllowOriginHeader', '', 'allow-origin']],
    ['* without credentials', '*', null, 'omit', ORIGIN, [null, '', null]],
    ['* with credentials include, even with ACAC true', '*', 'true', 'include', ORIGIN, ['WildcardOriginNotAllowed', '', 'allow-origin']],
    ['exact origin', ORIGIN, null, 'same-origin', ORIGIN, [null, '', null]],
    ['other origin', 'http://example.com', null, 'omit', ORIGIN, ['AllowOriginMismatch', 'http://example.com', 'allow-origin']],
    ['trailing slash', ORIGIN + '/', null, 'omit', ORIGIN, ['AllowOriginMismatch', ORIGIN + '/', 'allow-origin']],
    ['comma list', `${ORIGIN}, http://b`, null, 'omit', ORIGIN, ['MultipleAllowOriginValues', `${ORIGIN}, http://b`, 'allow-origin']],
    ['space inside', `${ORIGIN} x`, null, 'omit', ORIGIN, ['MultipleAllowOriginValues', `${ORIGIN} x`, 'allow-origin']],
    ['null for a real origin', 'null', null, 'omit', ORIGIN, ['AllowOriginMismatch', 'null', 'allow-origin']],
    ['null for a tainted (opaque) origin passes', 'null', null, 'omit', 'null', [null, '', null]],
    ['not a URL', 'example.com', null, 'omit', ORIGIN, ['InvalidAllowOriginValue', 'example.com', 'allow-origin']],
    ['*.example.com is not a URL', '*.example.com', null, 'omit', ORIGIN, ['InvalidAllowOriginValue', '*.example.com', 'allow-origin']],
    ['case differs: compared byte for byte', ORIGIN.toUpperCase(), null, 'omit', ORIGIN, ['AllowOriginMismatch', ORIGIN.toUpperCase(), 'allow-origin']],
    ['include without ACAC', ORIGIN, null, 'include', ORIGIN, ['InvalidAllowCredentials', '', 'allow-credentials']],
    ['include with ACAC True', ORIGIN, 'True', 'include', ORIGIN, ['InvalidAllowCredentials', 'True', 'allow-credentials']],
    ['include with ACAC true', ORIGIN, 'true', 'include', ORIGIN, [null, '', null]],
    ['same-origin mode ignores ACAC', ORIGIN, 'false', 'same-origin', ORIGIN, [null, '', null]],
    ['origin mismatch reported before credentials', 'http://x.example', null, 'include', ORIGIN, ['AllowOriginMismatch', 'http://x.example', 'allow-origin']],
  ])('%s', (_d, acao, acac, credentials, origin, [error, param, step]) => {
    const result = corsCheck(acao, acac, credentials, origin);
    expect([result.error, result.failedParameter, result.step]).toEqual([error, param, step]);
  });

  it.each([
    ['MissingAllowOriginHeader', 'PreflightMissingAllowOriginHeader'],
    ['WildcardOriginNotAllowed', 'PreflightWildcardOriginNotAllowed'],
    ['MultipleAllowOriginValues', 'PreflightMultipleAllowOriginValues'],
    ['AllowOriginMismatch', 'PreflightAllowOriginMismatch'],
    ['InvalidAllowOriginValue', 'PreflightInvalidAllowOriginValue'],
    ['InvalidAllowCredentials', 'PreflightInvalidAllowCredentials'],
  ] as const)('preflight code for %s is %s', (error, preflight) => {
    expect(toPreflightError(error)).toBe(preflight);
  });
});
