// Telling a network failure from a CORS failure by Chromium's error text (net/base/net_error_list.h).
// A CORS block surfaces as `net::ERR_FAILED` with a `corsErrorStatus`: that is not a network failure.

import type { NetworkFailure } from './diagnosis.ts';
import { chromiumErrorText } from './firefox/error-texts.ts';
import { memoized } from './memo.ts';

// A capture holds a handful of distinct error texts, over and over: each is classified once.
const classifyOnce = memoized(256, classify);

/** The failure kind, or null when the text is not a network failure (absent, or `net::ERR_FAILED`). */
export function classifyNetworkError(errorText: string | undefined | null): NetworkFailure['kind'] | null {
  if (errorText === undefined || errorText === null || errorText === '') return null;
  return classifyOnce(errorText);
}

function classify(errorText: string): NetworkFailure['kind'] | null {
  // Firefox's name for a failure (how words judged by its rules name it) is read as Chromium's.
  const chromium = chromiumErrorText(errorText);
  const code = chromium.startsWith('net::') ? chromium.slice(5) : chromium;
  switch (code) {
    case 'ERR_FAILED':
      return null;
    case 'ERR_CONNECTION_REFUSED':
    case 'ERR_ADDRESS_UNREACHABLE':
    case 'ERR_CONNECTION_FAILED':
      return 'connection-refused';
    case 'ERR_NAME_NOT_RESOLVED':
    case 'ERR_NAME_RESOLUTION_FAILED':
    case 'ERR_DNS_TIMED_OUT':
      return 'dns';
    case 'ERR_TIMED_OUT':
    case 'ERR_CONNECTION_TIMED_OUT':
      return 'timeout';
    case 'ERR_CONNECTION_RESET':
    case 'ERR_CONNECTION_CLOSED':
    case 'ERR_EMPTY_RESPONSE':
    case 'ERR_CONNECTION_ABORTED':
      return 'reset';
    case 'ERR_ABORTED':
      return 'aborted';
    case 'ERR_BLOCKED_BY_CLIENT':
      return 'blocked-by-client';
  }
  if (code.startsWith('ERR_CERT_') || code.startsWith('ERR_SSL_') || code === 'ERR_BAD_SSL_CLIENT_AUTH_CERT') return 'tls';
  return 'other';
}
