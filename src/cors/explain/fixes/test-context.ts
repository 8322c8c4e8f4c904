// A FixContext for the fix tests: a PUT with X-Trace from the page, with or without credentials.

import type { CorsError } from '../../cors-error.ts';
import { serverMustSend } from '../must-send.ts';
import { neededPolicy } from '../policy.ts';
import { API, blocked, exchangeOf } from '../test-diagnosis.ts';
import type { FixContext } from './context.ts';

export function contextFor(opts: { error?: CorsError; credentials?: boolean; method?: string; header?: string; errorStatus?: number; preflightStatus?: number } = {}): FixContext {
  const error = opts.error ?? 'HeaderDisallowedByPreflightResponse';
  const method = opts.method ?? 'PUT';
  const header = opts.header ?? 'x-trace';
  const x = exchangeOf({
    method,
    hops: [{
      url: `${API}/items`,
      preflight: { url: `${API}/items`, requestHeaders: [['Access-Control-Request-Method', method], ['Access-Control-Request-Headers', `content-type,${header}`]], response: { status: opts.preflightStatus ?? 204, headers: [] } },
      response: null,
    }],
  });
  const d = blocked(error, header, {
    credentialsMode: opts.credentials ? 'include' : 'same-origin',
    preflight: { required: true, reasons: [], observed: 'sent' },
    ...(opts.errorStatus ? { errorResponse: { hop: 0, status: opts.errorStatus, phase: 'response' as const } } : {}),
  });
  return { policy: neededPolicy(d, x), error, mustSend: serverMustSend(d, x), errorStatus: opts.errorStatus ?? null };
}
