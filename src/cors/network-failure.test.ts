import { describe, expect, it } from 'vitest';
import { classifyNetworkError } from './network-failure.ts';

describe('classifyNetworkError', () => {
  it.each([
    ['net::ERR_FAILED', null], // what a CORS block looks like
    [undefined, null],
    ['', null],
    ['net::ERR_CONNECTION_REFUSED', 'connection-refused'],
    ['net::ERR_NAME_NOT_RESOLVED', 'dns'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'tls'],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'tls'],
    ['net::ERR_TIMED_OUT', 'timeout'],
    ['net::ERR_CONNECTION_RESET', 'reset'],
    ['net::ERR_EMPTY_RESPONSE', 'reset'],
    ['net::ERR_ABORTED', 'aborted'],
    ['net::ERR_BLOCKED_BY_CLIENT', 'blocked-by-client'],
    ['net::ERR_TOO_MANY_REDIRECTS', 'other'],
    // Firefox's own names, as words judged by its rules give them (firefox/error-texts.ts).
    ['NS_ERROR_CONNECTION_REFUSED', 'connection-refused'],
    ['NS_ERROR_UNKNOWN_HOST', 'dns'],
    ['NS_ERROR_NET_TIMEOUT', 'timeout'],
    ['NS_ERROR_NET_RESET', 'reset'],
    ['NS_ERROR_NET_INTERRUPT', 'reset'],
    ['NS_BINDING_ABORTED', 'aborted'],
  ])('%s → %s', (text, kind) => {
    expect(classifyNetworkError(text)).toBe(kind);
  });
});
