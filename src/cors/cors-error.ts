// Chromium's reasons for blocking a response, exactly as the DevTools protocol names them.
// https://chromedevtools.github.io/devtools-protocol/tot/Network/#type-CorsError

export const CORS_ERRORS = [
  'DisallowedByMode',
  'InvalidResponse',
  'WildcardOriginNotAllowed',
  'MissingAllowOriginHeader',
  'MultipleAllowOriginValues',
  'InvalidAllowOriginValue',
  'AllowOriginMismatch',
  'InvalidAllowCredentials',
  'CorsDisabledScheme',
  'PreflightInvalidStatus',
  'PreflightDisallowedRedirect',
  'PreflightWildcardOriginNotAllowed',
  'PreflightMissingAllowOriginHeader',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightAllowOriginMismatch',
  'PreflightInvalidAllowCredentials',
  'PreflightMissingAllowExternal',
  'PreflightInvalidAllowExternal',
  'PreflightMissingAllowPrivateNetwork',
  'PreflightInvalidAllowPrivateNetwork',
  'InvalidAllowMethodsPreflightResponse',
  'InvalidAllowHeadersPreflightResponse',
  'MethodDisallowedByPreflightResponse',
  'HeaderDisallowedByPreflightResponse',
  'RedirectContainsCredentials',
  'InsecurePrivateNetwork',
  'InvalidPrivateNetworkAccess',
  'UnexpectedPrivateNetworkAccess',
  'NoCorsRedirectModeNotFollow',
  'PreflightMissingPrivateNetworkAccessId',
  'PreflightMissingPrivateNetworkAccessName',
  'PrivateNetworkAccessPermissionUnavailable',
  'PrivateNetworkAccessPermissionDenied',
  'LocalNetworkAccessPermissionDenied',
  'InsecureLocalNetwork',
  // A fetch() whose targetAddressSpace option names another space than its server's (Chromium 156).
  'InvalidLocalNetworkAccess',
] as const;

/** `Network.CorsError`. */
export type CorsError = (typeof CORS_ERRORS)[number];

const corsErrorSet: ReadonlySet<string> = new Set(CORS_ERRORS);

export function isCorsError(value: unknown): value is CorsError {
  return typeof value === 'string' && corsErrorSet.has(value);
}
