// A FixContext for the fix tests: a PUT with Content-Type: application/json and X-Trace from the
// page, with or without credentials, diagnosed by the engine (its preflight lists the method and
// Content-Type, not the header). Another `error`: the engine's case for it (see ../test-diagnosis.ts).
// `errorStatus`: the preflight passes and the PUT is answered with that status and no CORS headers,
// so the error and the status the trap names are the engine's, read as explain reads them.

import type { CorsError } from '../../cors-error.ts';
import { serverSends } from '../must-send.ts';
import { neededPolicy } from '../policy.ts';
import { caseFor, type Diagnosed, diagnosed, PAGE, preflighted } from '../test-diagnosis.ts';
import type { FixContext } from './context.ts';

interface ContextOptions {
  error?: CorsError;
  credentials?: boolean;
  method?: string;
  header?: string;
  /** The actual response's status, an error answered without CORS headers. */
  errorStatus?: number;
  preflightStatus?: number;
}

function exchangeFor(opts: ContextOptions): Diagnosed {
  const method = opts.method ?? 'PUT';
  const header = opts.header ?? 'x-trace';
  const credentials = opts.credentials ? 'include' : 'same-origin';
  const headers: [string, string][] = [['Content-Type', 'application/json'], [header, '1']];
  const allow: [string, string][] = [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', method], ['Access-Control-Allow-Headers', 'content-type']];
  if (opts.credentials) allow.push(['Access-Control-Allow-Credentials', 'true']);
  if (opts.errorStatus !== undefined) {
    const passing: [string, string][] = allow.map(([name, value]) => [name, name === 'Access-Control-Allow-Headers' ? `content-type, ${header}` : value]);
    return diagnosed(preflighted({ status: 204, headers: passing }, { method, headers, credentials, actual: { status: opts.errorStatus, headers: [] } }));
  }
  if (opts.error === undefined || opts.error === 'HeaderDisallowedByPreflightResponse') {
    return diagnosed(preflighted({ status: opts.preflightStatus ?? 204, headers: allow }, { method, headers, credentials }));
  }
  if (opts.error === 'PreflightInvalidStatus') return diagnosed(preflighted({ status: opts.preflightStatus ?? 404, headers: allow.slice(0, 1) }, { method, headers, credentials }));
  // The same error status without Access-Control-Allow-Origin, as an auth layer or a missing route sends it.
  if (opts.error === 'PreflightMissingAllowOriginHeader' && opts.preflightStatus !== undefined) return diagnosed(preflighted({ status: opts.preflightStatus, headers: [] }, { method, headers, credentials }));
  return caseFor(opts.error);
}

export function contextFor(opts: ContextOptions = {}): FixContext {
  const { diagnosis, exchange } = exchangeFor(opts);
  // A test naming an error gets that error from the engine, or fails here.
  if (opts.error !== undefined && diagnosis.corsError !== opts.error) throw new Error(`contextFor: the engine said ${diagnosis.corsError}, not ${opts.error}`);
  const sends = serverSends(diagnosis, exchange);
  // As explain builds it: the advised Vary after what the browser checks.
  return { policy: neededPolicy(diagnosis, exchange), error: diagnosis.corsError, mustSend: [...sends.must, ...sends.should], errorStatus: diagnosis.errorResponse?.status ?? null, pageCredentials: diagnosis.credentialsMode, ...(diagnosis.corsError === 'PreflightInvalidStatus' ? { corsOnRefusedPreflight: true as const } : {}) };
}
