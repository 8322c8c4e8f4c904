// A FixContext for the fix tests: a PUT with Content-Type: application/json and X-Trace from the
// page, with or without credentials, diagnosed by the engine (its preflight lists the method and
// Content-Type, not the header). Another `error`: the engine's case for it (see ../test-diagnosis.ts).

import type { CorsError } from '../../cors-error.ts';
import { serverMustSend } from '../must-send.ts';
import { neededPolicy } from '../policy.ts';
import { caseFor, diagnosed, PAGE, preflighted } from '../test-diagnosis.ts';
import type { FixContext } from './context.ts';

export function contextFor(opts: { error?: CorsError; credentials?: boolean; method?: string; header?: string; errorStatus?: number; preflightStatus?: number } = {}): FixContext {
  const method = opts.method ?? 'PUT';
  const header = opts.header ?? 'x-trace';
  const credentials = opts.credentials ? 'include' : 'same-origin';
  const allow: [string, string][] = [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', method], ['Access-Control-Allow-Headers', 'content-type']];
  if (opts.credentials) allow.push(['Access-Control-Allow-Credentials', 'true']);
  const { diagnosis, exchange } =
    opts.error === undefined || opts.error === 'HeaderDisallowedByPreflightResponse'
      ? diagnosed(preflighted({ status: opts.preflightStatus ?? 204, headers: allow }, { method, headers: [['Content-Type', 'application/json'], [header, '1']], credentials }))
      : opts.error === 'PreflightInvalidStatus'
        ? diagnosed(preflighted({ status: opts.preflightStatus ?? 404, headers: allow.slice(0, 1) }, { method, headers: [['Content-Type', 'application/json'], [header, '1']], credentials }))
        : caseFor(opts.error);
  return { policy: neededPolicy(diagnosis, exchange), error: diagnosis.corsError, mustSend: serverMustSend(diagnosis, exchange), errorStatus: opts.errorStatus ?? null };
}
