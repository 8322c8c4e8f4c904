// What came back for one probe, as the engine judges it: the answers made into the exchange the
// browser would have observed, diagnosed, and what the origin sent was granted (to read the
// response, and to read it with credentials).

import { diagnose } from '../diagnose.ts';
import type { CheckName, Diagnosis } from '../diagnosis.ts';
import type { CredentialsMode, HeaderLine, HeaderList, ObservedExchange, ObservedResponse } from '../exchange.ts';
import { OPAQUE_ORIGIN, serializeOrigin } from '../origin.ts';
import { readCorsResponseHeaders } from '../response-headers.ts';
import type { PlannedProbe, PlannedRequest } from './plan.ts';

/** The responses to a probe's requests; null for one not sent. */
export interface ProbeAnswers {
  preflight: ObservedResponse | null;
  response: ObservedResponse | null;
}

/**
 * What the server's CORS answers grant the origin sent (whatever else the request needs: the named
 * origin's full verdict is the diagnosis').
 */
interface Grant {
  /** Reading responses, with credentials omitted (the default for a cross-origin fetch). */
  read: boolean;
  /** Reading them with `credentials: 'include'`: the user's cookies go along, and the page reads the answer. */
  credentials: boolean;
}

export interface ProbeOutcome {
  probe: PlannedProbe;
  answers: ProbeAnswers;
  /** The exchange under the credentials mode asked for (`--credentials`: include). */
  exchange: ObservedExchange;
  diagnosis: Diagnosis;
  grant: Grant;
  /** `Access-Control-Allow-Origin` and `Vary` of the last answer (the response, else the preflight's). */
  allowOrigin: string | null;
  vary: string | null;
}

/**
 * The network error text put on an exchange whose request was not sent: the probe stopped after the
 * preflight, as a page aborting the fetch would. The engine then judges the preflight alone.
 */
const NOT_SENT = 'net::ERR_ABORTED';

/** The exchange a browser would have observed, with `credentialsMode`. */
function probeExchange(probe: PlannedProbe, answers: ProbeAnswers, credentialsMode: CredentialsMode): ObservedExchange {
  const request = probe.request;
  const preflight = probe.preflight;
  const exchange: ObservedExchange = {
    request: {
      method: request.method,
      headers: request.headers,
      initiatorOrigin: probe.origin === OPAQUE_ORIGIN ? null : probe.origin,
      credentialsMode,
      mode: 'cors',
    },
    hops: [
      {
        url: request.url,
        ...(preflight === null ? {} : { preflight: { url: preflight.url, requestHeaders: preflight.headers, response: answers.preflight } }),
        response: answers.response,
      },
    ],
  };
  return answers.response === null ? { ...exchange, errorText: NOT_SENT } : exchange;
}

/**
 * The checks that decide whether the server trusts the origin: https://fetch.spec.whatwg.org/#concept-cors-check
 * on the preflight and on the response, `Access-Control-Allow-Origin` and, with credentials,
 * `Access-Control-Allow-Credentials`.
 */
const ORIGIN_CHECKS: ReadonlySet<CheckName> = new Set<CheckName>(['preflight-allow-origin', 'preflight-allow-credentials', 'allow-origin', 'allow-credentials']);

/**
 * Whether the server's answers pass the CORS check for the origin: no such check failed, and one
 * passed. The method and header checks of a preflight are left out on purpose: a server that echoes
 * any origin but not the header asked for still trusts that origin with every request that does not
 * send the header.
 */
function trustsOrigin(diagnosis: Diagnosis): boolean {
  const checks = diagnosis.checks.filter((check) => ORIGIN_CHECKS.has(check.name));
  // Without credentials the credentials checks are skipped: passed or skipped, none failed.
  return checks.some((check) => check.outcome === 'passed') && !checks.some((check) => check.outcome === 'failed');
}

/**
 * An origin the URL Standard rejects (`HOST%60.evil.example`: a backtick in a host) is no origin to
 * the engine, which would compare it as `null`. Such origins target browsers that accepted those
 * hosts: judged as a valid origin in its place, sent and echoed exactly where it was.
 */
const STAND_IN_ORIGIN = 'https://stand-in.invalid';

function withStandIn(probe: PlannedProbe, answers: ProbeAnswers): { probe: PlannedProbe; answers: ProbeAnswers } {
  const swap = (lines: HeaderList): HeaderLine[] => lines.map(([name, value]): HeaderLine => [name, value === probe.origin && /^(origin|access-control-allow-origin)$/i.test(name) ? STAND_IN_ORIGIN : value]);
  const request = (planned: PlannedRequest): PlannedRequest => ({ ...planned, headers: swap(planned.headers) });
  const response = (answer: ObservedResponse | null): ObservedResponse | null => (answer === null ? null : { ...answer, headers: swap(answer.headers) });
  return {
    probe: { ...probe, origin: STAND_IN_ORIGIN, request: request(probe.request), preflight: probe.preflight === null ? null : request(probe.preflight) },
    answers: { preflight: response(answers.preflight), response: response(answers.response) },
  };
}

export function probeOutcome(probe: PlannedProbe, answers: ProbeAnswers, credentialsMode: CredentialsMode): ProbeOutcome {
  const judged = probe.origin !== OPAQUE_ORIGIN && serializeOrigin(probe.origin) !== probe.origin ? withStandIn(probe, answers) : { probe, answers };
  const exchange = probeExchange(judged.probe, judged.answers, credentialsMode);
  // Judged by the rules the plan was made with (`--browser`).
  const diagnosis = diagnose(exchange, probe.rules);
  const other = diagnose(probeExchange(judged.probe, judged.answers, credentialsMode === 'include' ? 'omit' : 'include'), probe.rules);
  const [omitted, included] = credentialsMode === 'include' ? [other, diagnosis] : [diagnosis, other];
  // The last answer: the response when the request was sent, else the preflight's.
  const last = answers.response ?? answers.preflight;
  const headers = last === null ? null : readCorsResponseHeaders(last.headers);
  return {
    probe,
    answers,
    exchange,
    diagnosis,
    grant: { read: trustsOrigin(omitted), credentials: trustsOrigin(included) },
    allowOrigin: headers?.allowOrigin ?? null,
    vary: headers?.vary ?? null,
  };
}
