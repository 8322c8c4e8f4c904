// Why a check failed, as data (`Check.reason`). Each rule names its own reasons beside its code;
// this is their union, so the words (src/cors/explain/) can be keyed by (CorsError, reason).

import type { AllowHeadersFailure } from './allow-headers.ts';
import type { AllowMethodsFailure } from './allow-methods.ts';
import type { CorsCheckReason } from './cors-check.ts';

export type FailureReason = CorsCheckReason | AllowMethodsFailure | AllowHeadersFailure;
