// The one table of what each `CorsError` is (see `facts.ts`). A code missing from every group, or a
// new code added to `CORS_ERRORS`, fails to compile here.

import type { CorsError } from '../cors-error.ts';
import type { CorsErrorFacts } from './facts.ts';
import { NETWORK_ACCESS_ERRORS } from './network-access.ts';
import { PREFLIGHT_ERRORS } from './preflight.ts';
import { REQUEST_ERRORS } from './request.ts';
import { RESPONSE_ERRORS } from './response.ts';

export const CORS_ERROR_TABLE = {
  ...RESPONSE_ERRORS,
  ...PREFLIGHT_ERRORS,
  ...REQUEST_ERRORS,
  ...NETWORK_ACCESS_ERRORS,
} satisfies Record<CorsError, CorsErrorFacts>;

/** The groups one by one, to check that no code sits in two of them. */
export const CORS_ERROR_GROUPS = [RESPONSE_ERRORS, PREFLIGHT_ERRORS, REQUEST_ERRORS, NETWORK_ACCESS_ERRORS] as const;

export function corsErrorFacts(error: CorsError): CorsErrorFacts {
  return CORS_ERROR_TABLE[error];
}
