// Running a probe's plan: the named origin first (its request only when its preflight lets it
// through, as the browser does), then each crafted origin, one request after another, stopping at
// the first failure. A redirect is reported, never followed.

import {
  type CredentialsMode,
  type ObservedResponse,
  type PlannedProbe,
  type PlannedRequest,
  type ProbeAnswers,
  type ProbeOutcome,
  isRedirectStatus,
  probeOutcome,
} from '../cors/index.ts';
import { redactUrl } from '../export/index.ts';
import { CliError } from './command.ts';
import { sendProbeRequest } from './probe-send.ts';
import { shortUrl } from './run-command.ts';

export interface ProbeRun {
  named: ProbeOutcome;
  crafted: ProbeOutcome[];
  /** Requests sent. */
  sent: number;
}

export type Send = (request: PlannedRequest) => Promise<ObservedResponse>;

export async function runProbe(plan: readonly PlannedProbe[], credentialsMode: CredentialsMode, timeoutMs: number, send: Send = (r) => sendProbeRequest(r, timeoutMs)): Promise<ProbeRun> {
  let sent = 0;
  const answer = async (request: PlannedRequest): Promise<ObservedResponse> => {
    sent++;
    return notRedirected(request, await send(request));
  };
  const outcomes: ProbeOutcome[] = [];
  for (const probe of plan) {
    const answers: ProbeAnswers = { preflight: null, response: null };
    if (probe.preflight !== null) answers.preflight = await answer(probe.preflight);
    let sendsRequest = probe.sendsRequest;
    // The browser sends the request only once the preflight passed.
    if (sendsRequest && answers.preflight !== null) sendsRequest = probeOutcome(probe, answers, credentialsMode).diagnosis.verdict !== 'blocked';
    if (sendsRequest) answers.response = await answer(probe.request);
    outcomes.push(probeOutcome(probe, answers, credentialsMode));
  }
  const [named, ...crafted] = outcomes;
  return { named: named!, crafted, sent };
}

/** The answer, unless it is a redirect: the probe reports it and stops. */
function notRedirected(request: PlannedRequest, response: ObservedResponse): ObservedResponse {
  if (!isRedirectStatus(response.status)) return response;
  const location = response.headers.find(([name]) => name.toLowerCase() === 'location')?.[1];
  if (location === undefined) return response;
  let target: URL | null = null;
  try {
    target = new URL(location, request.url);
  } catch {
    // Not a URL: said as it came.
  }
  const from = new URL(request.url);
  const where = target === null ? 'an invalid URL' : target.host === from.host ? 'the same host' : 'another host';
  const what = request.role === 'preflight' ? 'the OPTIONS preflight' : `the ${request.method} request`;
  throw new CliError(
    'input',
    `${shortUrl(redactUrl(request.url))} answered ${what} with a ${response.status} redirect to ${shortUrl(redactUrl(target?.href ?? location))} (${where}): not followed; probe the URL the page ends up calling`,
  );
}
