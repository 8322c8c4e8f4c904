// Builders for the capture tests: a request, a preflight, short enough to read as a table.

import type { HeaderLine } from '../cors/index.ts';
import type { CapturedEntry } from './captured-entry.ts';

export const PAGE = 'http://127.0.0.1:5173';
export const API = 'http://127.0.0.1:8080';

let nextIndex = 0;

export function request(
  method: string,
  url: string,
  at: number,
  options: { headers?: HeaderLine[]; status?: number; responseHeaders?: HeaderLine[]; error?: string; redirectTo?: string; duration?: number } = {},
): CapturedEntry {
  const status = options.status ?? 200;
  const entry: CapturedEntry = {
    sourceIndex: nextIndex++,
    isPreflight: false,
    method,
    url,
    requestHeaders: [['Origin', PAGE], ...(options.headers ?? [])],
    response: status === 0 ? null : { status, headers: options.responseHeaders ?? [] },
    startedAt: at,
    durationMs: options.duration ?? 5,
  };
  if (options.error !== undefined) entry.errorText = options.error;
  if (options.redirectTo !== undefined) entry.redirectUrl = options.redirectTo;
  return entry;
}

export function preflight(
  url: string,
  at: number,
  requestMethod: string,
  requestHeaders?: string,
  options: { status?: number; responseHeaders?: HeaderLine[]; error?: string } = {},
): CapturedEntry {
  const status = options.status ?? 204;
  const headers: HeaderLine[] = [['Access-Control-Request-Method', requestMethod], ['Origin', PAGE]];
  if (requestHeaders !== undefined) headers.push(['Access-Control-Request-Headers', requestHeaders]);
  const entry: CapturedEntry = {
    sourceIndex: nextIndex++,
    isPreflight: true,
    method: 'OPTIONS',
    url,
    requestHeaders: headers,
    response: status === 0 ? null : { status, headers: options.responseHeaders ?? [['Access-Control-Allow-Origin', PAGE]] },
    startedAt: at,
    durationMs: 2,
  };
  if (options.error !== undefined) entry.errorText = options.error;
  return entry;
}

/** An `Audits.issueAdded` CORS issue as Chromium 156 raises it for a Local Network Access refusal. */
export function corsIssueEvent(requestId: string, url: string, corsError: string, details: Record<string, unknown> = {}): { method: string; params: Record<string, unknown> } {
  return {
    method: 'Audits.issueAdded',
    params: { issue: { code: 'CorsIssue', details: { corsIssueDetails: { corsErrorStatus: { corsError, failedParameter: '' }, isWarning: false, request: { requestId, url }, ...details } } } },
  };
}
