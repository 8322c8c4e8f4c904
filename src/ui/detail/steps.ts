// The timeline of one exchange as the browser lived it: for each hop, the preflight (sent, cached
// or missing), then the actual request, whose 3xx leads to the next hop. The step where the
// browser stopped is marked, from `Diagnosis.failedAt` (a CORS block) or `networkFailure`.

import { isRedirectHop, isRedirectResponse, responseLocation, type Check, type Diagnosis, type HeaderList, type ObservedExchange, type ObservedResponse } from '../../cors/index.ts';

type StepState =
  /** A response was observed. */
  | 'answered'
  /** The request left but failed on the network (no response). */
  | 'network-error'
  /** The browser never sent it: the preflight before it failed. */
  | 'not-sent'
  /** No response was observed and nothing says why (e.g. a HAR entry with status 0). */
  | 'no-response'
  /** A needed preflight was not sent because a cached one covered it. */
  | 'cached'
  /** A needed preflight was not seen: the capture may have missed it. */
  | 'not-observed'
  | 'pending';

export interface TimelineStep {
  /** Stable within one exchange: `preflight-0`, `request-1`. */
  key: string;
  kind: 'preflight' | 'request';
  hop: number;
  method: string;
  url: string;
  state: StepState;
  status: number | null;
  /** `Location` of a 3xx answer. */
  redirectTo: string | null;
  networkError: string | null;
  /** The browser stopped here. */
  failed: boolean;
  /** The request headers as observed; null when the request was not observed. */
  sent: HeaderList | null;
  received: ObservedResponse | null;
}

function isFailedStep(kind: TimelineStep['kind'], hop: number, diagnosis: Diagnosis | null): boolean {
  if (!diagnosis) return false;
  if (diagnosis.failedAt && diagnosis.failedAt.hop === hop) {
    return diagnosis.failedAt.phase === 'preflight' ? kind === 'preflight' : kind === 'request';
  }
  if (diagnosis.networkFailure && diagnosis.networkFailure.hop === hop) {
    return diagnosis.networkFailure.phase === kind;
  }
  return false;
}

export function timelineSteps(exchange: ObservedExchange, diagnosis: Diagnosis | null, pending = false): TimelineStep[] {
  const steps: TimelineStep[] = [];
  const lastHop = exchange.hops.length - 1;
  exchange.hops.forEach((hop, index) => {
    let preflightFailed = false;
    if (hop.preflight) {
      const { response } = hop.preflight;
      const failed = isFailedStep('preflight', index, diagnosis);
      preflightFailed = failed || response === null;
      steps.push({
        key: `preflight-${index}`,
        kind: 'preflight',
        hop: index,
        method: 'OPTIONS',
        url: hop.preflight.url,
        state: response ? 'answered' : 'network-error',
        status: response?.status ?? null,
        redirectTo: isRedirectResponse(response, false) ? responseLocation(response) : null,
        networkError: hop.preflight.networkError ?? null,
        failed,
        sent: hop.preflight.requestHeaders,
        received: response,
      });
    } else if (hop.preflightFromCache || (diagnosis && index === diagnosis.preflight.hop && (diagnosis.preflight.observed === 'cached' || diagnosis.preflight.observed === 'missing'))) {
      steps.push({
        key: `preflight-${index}`,
        kind: 'preflight',
        hop: index,
        method: 'OPTIONS',
        url: hop.url,
        state: hop.preflightFromCache || diagnosis?.preflight.observed === 'cached' ? 'cached' : 'not-observed',
        status: null,
        redirectTo: null,
        networkError: null,
        failed: isFailedStep('preflight', index, diagnosis),
        sent: null,
        received: null,
      });
    }

    const { response } = hop;
    let state: StepState;
    if (response) state = 'answered';
    else if (pending && index === lastHop) state = 'pending';
    else if (preflightFailed) state = 'not-sent';
    else if (index === lastHop && exchange.errorText && diagnosis?.networkFailure) state = 'network-error';
    else state = 'no-response';
    steps.push({
      key: `request-${index}`,
      kind: 'request',
      hop: index,
      method: exchange.request.method,
      url: hop.url,
      state,
      status: response?.status ?? null,
      redirectTo: isRedirectHop(exchange, index) ? responseLocation(response) : null,
      // As the judging browser names it (Firefox's own name under its rules), else as captured.
      networkError: state === 'network-error' ? (diagnosis?.networkFailure?.errorText ?? exchange.errorText ?? null) : null,
      failed: isFailedStep('request', index, diagnosis),
      sent: state === 'not-sent' ? null : exchange.request.headers,
      received: response,
    });
  });
  return steps;
}

/** The step the detail opens on: where the browser stopped, else the last one. */
export function defaultStep(steps: readonly TimelineStep[]): TimelineStep | undefined {
  return steps.find((step) => step.failed) ?? steps.at(-1);
}

/** The checks that ran on a step, in the engine's order. */
export function checksOfStep(step: TimelineStep, checks: readonly Check[]): Check[] {
  return checks.filter((check) => check.hop === step.hop && (check.phase === 'preflight') === (step.kind === 'preflight'));
}

/**
 * The request header a response header answers, so both sides of a failure are marked:
 * `Access-Control-Allow-Headers` answers `Access-Control-Request-Headers`, and so on.
 */
const ANSWERS: Record<string, string> = {
  'access-control-allow-origin': 'origin',
  'access-control-allow-methods': 'access-control-request-method',
  'access-control-allow-headers': 'access-control-request-headers',
  'access-control-allow-private-network': 'access-control-request-private-network',
  'access-control-allow-credentials': 'cookie',
};

export function requestHeaderAnswered(responseHeader: string): string | null {
  return ANSWERS[responseHeader.toLowerCase()] ?? null;
}
