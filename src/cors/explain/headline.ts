// A few words for a list row. Built from the reason (data) and, where it helps, the one value
// that names the problem (the header, the method, the status).

import type { Diagnosis, NetworkFailure } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { explainFacts } from './facts.ts';

const NETWORK_HEADLINES: Record<NetworkFailure['kind'], string> = {
  'connection-refused': 'Connection refused',
  dns: 'Host not found (DNS)',
  tls: 'TLS/certificate error',
  timeout: 'Timed out',
  reset: 'Connection reset',
  aborted: 'Request aborted',
  'blocked-by-client': 'Blocked by an extension',
  other: 'Network error',
};

export function headline(diagnosis: Diagnosis, exchange: ObservedExchange): string {
  const facts = explainFacts(diagnosis, exchange);
  const p = diagnosis.failedParameter ?? '';
  switch (diagnosis.verdict) {
    case 'allowed':
      return 'Allowed';
    case 'not-cors':
      if (diagnosis.notCors === 'data-url') return 'data: URL, no CORS';
      return diagnosis.mode === 'no-cors' ? 'Opaque (no-cors)' : 'Same-origin';
    case 'uncertain':
      if (diagnosis.urlProblem?.kind === 'invalid') return 'Invalid URL in the capture';
      if (diagnosis.urlProblem?.kind === 'opaque-blob') return 'blob: URL of an opaque origin';
      return 'Cannot tell from what was captured';
    case 'network-error':
      return NETWORK_HEADLINES[diagnosis.networkFailure?.kind ?? 'other'];
    case 'blocked':
      break;
  }
  const hint = diagnosis.errorResponse;
  const status = facts.onPreflight ? facts.hopData?.preflight?.response?.status : facts.hopData?.response?.status;
  switch (diagnosis.corsError) {
    case null:
      return 'Blocked';
    case 'MissingAllowOriginHeader':
      if (hint && hint.status >= 500) return `Server error ${hint.status} without CORS headers`;
      if (hint && hint.status >= 400) return `Error ${hint.status} without CORS headers`;
      if (status !== undefined && status >= 300 && status < 400) return `Redirect ${status} without Access-Control-Allow-Origin`;
      return 'No Access-Control-Allow-Origin';
    case 'PreflightMissingAllowOriginHeader':
      if (status !== undefined && (status < 200 || status > 299)) return `Preflight got ${status}`;
      return 'Preflight lacks Access-Control-Allow-Origin';
    case 'PreflightInvalidStatus':
      return status !== undefined ? `Preflight got ${status}` : 'Preflight status not 2xx';
    case 'AllowOriginMismatch':
    case 'PreflightAllowOriginMismatch':
      return facts.hopOrigin === 'null' ? 'Origin became null after redirect' : 'Origin not allowed';
    case 'MultipleAllowOriginValues':
    case 'PreflightMultipleAllowOriginValues':
      return 'Several origins in Access-Control-Allow-Origin';
    case 'InvalidAllowOriginValue':
    case 'PreflightInvalidAllowOriginValue':
      return 'Invalid Access-Control-Allow-Origin';
    case 'WildcardOriginNotAllowed':
    case 'PreflightWildcardOriginNotAllowed':
      return 'Wildcard origin with credentials';
    case 'InvalidAllowCredentials':
    case 'PreflightInvalidAllowCredentials':
      return p === '' ? 'Missing Access-Control-Allow-Credentials' : `Access-Control-Allow-Credentials is ${p}, must be exactly true`;
    case 'HeaderDisallowedByPreflightResponse':
      return `Header ${p} not allowed by preflight`;
    case 'MethodDisallowedByPreflightResponse':
      return `Method ${p} not allowed by preflight`;
    case 'InvalidAllowMethodsPreflightResponse':
      return 'Unparsable Access-Control-Allow-Methods';
    case 'InvalidAllowHeadersPreflightResponse':
      return 'Unparsable Access-Control-Allow-Headers';
    case 'PreflightDisallowedRedirect':
      return 'Preflight redirected';
    case 'RedirectContainsCredentials':
      return 'Redirect to a URL with user:password';
    case 'CorsDisabledScheme':
      return 'Scheme does not support CORS';
    case 'DisallowedByMode':
      return "Cross-origin request in mode 'same-origin'";
    case 'NoCorsRedirectModeNotFollow':
      return "no-cors request with redirect not 'follow'";
    case 'InvalidResponse':
      return 'Invalid response';
    case 'PreflightMissingAllowExternal':
    case 'PreflightInvalidAllowExternal':
    case 'PreflightMissingAllowPrivateNetwork':
    case 'PreflightInvalidAllowPrivateNetwork':
      return 'Private network preflight not allowed';
    case 'PreflightMissingPrivateNetworkAccessId':
      return 'Missing Private-Network-Access-Id';
    case 'PreflightMissingPrivateNetworkAccessName':
      return 'Missing Private-Network-Access-Name';
    case 'InsecurePrivateNetwork':
      return 'Insecure page to private network';
    case 'InvalidPrivateNetworkAccess':
    case 'UnexpectedPrivateNetworkAccess':
    case 'InvalidLocalNetworkAccess':
      return 'Wrong target address space';
    case 'PrivateNetworkAccessPermissionUnavailable':
      return 'Local network permission unavailable';
    case 'PrivateNetworkAccessPermissionDenied':
    case 'LocalNetworkAccessPermissionDenied':
      return 'Local network access denied';
    case 'InsecureLocalNetwork':
      return 'Local network access from an http page';
  }
}
