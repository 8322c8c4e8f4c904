// A network failure judged by Firefox's rules is named as Firefox names it: the Firefox build's
// capture gives it Chromium's `net::` name (for the engine's classifier), which a Firefox user
// never sees in Firefox's DevTools (seen in Firefox ESR 153: webRequest's `NS_ERROR_CONNECTION_REFUSED`).

import { describe, expect, it } from 'vitest';
import { CHROMIUM_RULES, FIREFOX_RULES } from '../browser-rules.ts';
import { diagnose } from '../diagnose.ts';
import type { ObservedExchange } from '../exchange.ts';
import { explain } from '../explain/explain.ts';
import { firefoxErrorText } from './error-texts.ts';

const PAGE = 'http://127.0.0.1:1111';
const API = 'http://127.0.0.1:2222';

function refused(preflighted: boolean): ObservedExchange {
  const url = `${API}/items`;
  return {
    request: { method: preflighted ? 'PUT' : 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, mode: 'cors' },
    hops: [{ url, response: null, ...(preflighted ? { preflight: { url, requestHeaders: [], response: null, networkError: 'net::ERR_CONNECTION_REFUSED' } } : {}) }],
    errorText: 'net::ERR_CONNECTION_REFUSED',
  };
}

describe('a network failure under Firefox rules', () => {
  it.each([false, true])('is named by Firefox (preflighted: %s): the check, the failure and the explanation', (preflighted) => {
    const exchange = refused(preflighted);
    const d = diagnose(exchange, FIREFOX_RULES);
    expect(d.verdict).toBe('network-error');
    expect(d.networkFailure).toMatchObject({ errorText: 'NS_ERROR_CONNECTION_REFUSED', kind: 'connection-refused', phase: preflighted ? 'preflight' : 'request' });
    expect(d.checks.find((c) => c.outcome === 'failed')?.found).toBe('NS_ERROR_CONNECTION_REFUSED');
    const words = JSON.stringify(explain(d, exchange));
    expect(words).toContain('NS_ERROR_CONNECTION_REFUSED');
    expect(words).not.toContain('net::');
  });

  it('is left as captured under Chromium rules', () => {
    const d = diagnose(refused(false), CHROMIUM_RULES);
    expect(d.networkFailure?.errorText).toBe('net::ERR_CONNECTION_REFUSED');
  });

  it('keeps a text Firefox has no name for, and the CORS failure text', () => {
    expect(firefoxErrorText('net::ERR_CERT_DATE_INVALID')).toBe('net::ERR_CERT_DATE_INVALID');
    expect(firefoxErrorText('net::ERR_FAILED')).toBe('net::ERR_FAILED');
    expect(firefoxErrorText('net::ERR_TIMED_OUT')).toBe('NS_ERROR_NET_TIMEOUT');
  });
});

// Firefox's webRequest gives NS_ERROR_ABORT (Firefox cancelled it) and NS_BINDING_ABORTED (the page
// or the user did): both are Chromium's net::ERR_ABORTED, which reads back as NS_BINDING_ABORTED.
// The capture keeps NS_ERROR_ABORT (src/capture/firefox-web-request.ts), so Firefox's words name what Firefox recorded.
describe('NS_ERROR_ABORT, as the Firefox capture keeps it', () => {
  function aborted(errorText: string): ObservedExchange {
    const url = `${API}/items`;
    return { request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, mode: 'cors' }, hops: [{ url, response: null }], errorText };
  }

  it('is named NS_ERROR_ABORT under Firefox rules, never NS_BINDING_ABORTED, and classified as aborted', () => {
    const exchange = aborted('NS_ERROR_ABORT');
    const d = diagnose(exchange, FIREFOX_RULES);
    expect(d.networkFailure).toMatchObject({ errorText: 'NS_ERROR_ABORT', kind: 'aborted' });
    const words = JSON.stringify(explain(d, exchange));
    expect(words).toContain('NS_ERROR_ABORT');
    expect(words).not.toContain('NS_BINDING_ABORTED');
  });

  it("is Chromium's net::ERR_ABORTED under Chromium rules; NS_BINDING_ABORTED stays Firefox's name of that", () => {
    expect(diagnose(aborted('NS_ERROR_ABORT'), CHROMIUM_RULES).networkFailure).toMatchObject({ errorText: 'net::ERR_ABORTED', kind: 'aborted' });
    expect(firefoxErrorText('net::ERR_ABORTED')).toBe('NS_BINDING_ABORTED');
  });
});
