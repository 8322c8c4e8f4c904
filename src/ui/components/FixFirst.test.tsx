// "Fix on" at the top of the detail: when the browser refused a redirect target's answer, the
// server to change is the target, not the one the page called (the row's URL). The first screen
// named only the called server and gave its snippet, so the fix went to the wrong server.

import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { diagnose, explain, type ObservedExchange } from '../../cors/index.ts';
import { FixOnLine, MustSend } from './FixFirst.tsx';

/** The VNode tree's text: children, and the `text` a LongText shows. */
function text(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(text).join('');
  const props = (node as VNode<{ children?: unknown; text?: string }>).props;
  return props.text ?? text(props.children);
}

const PAGE = 'http://127.0.0.1:5173';
const API = 'http://127.0.0.1:3000';
const TARGET = 'http://localhost:4000';

function redirected(targetAllowOrigin: string): ObservedExchange {
  return {
    request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE },
    hops: [
      { url: `${API}/broken/tainted-origin`, response: { status: 302, headers: [['Location', `${TARGET}/data`], ['Access-Control-Allow-Origin', PAGE]] } },
      { url: `${TARGET}/data`, response: { status: 200, headers: [['Access-Control-Allow-Origin', targetAllowOrigin]] } },
    ],
    errorText: 'net::ERR_FAILED',
  };
}

describe('FixOnLine', () => {
  it("names the redirect's target when its answer was refused", () => {
    const exchange = redirected(PAGE);
    const diagnosis = diagnose(exchange);
    expect(diagnosis.verdict).toBe('blocked');
    expect(diagnosis.failedAt?.hop).toBe(1);
    expect(text(FixOnLine({ diagnosis, exchange }))).toBe(`Fix on: ${TARGET}, the redirect's target, whose answer was refused (not ${API}, which the page called)`);
  });

  it('nothing when the fix goes on the server the page called', () => {
    const exchange: ObservedExchange = {
      request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE },
      hops: [{ url: `${API}/broken/missing`, response: { status: 200, headers: [] } }],
      errorText: 'net::ERR_FAILED',
    };
    const diagnosis = diagnose(exchange);
    expect(diagnosis.verdict).toBe('blocked');
    expect(FixOnLine({ diagnosis, exchange })).toBeNull();
  });
});

// The server's own Access-Control-Allow-Credentials: true, kept for a request read as sent without
// credentials: the panel says why it is there, as explain's text and the report do.
describe('MustSend', () => {
  const exchange = (credentials: 'same-origin' | 'include'): ObservedExchange => ({
    request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, credentialsMode: credentials },
    hops: [{ url: `${API}/items`, response: { status: 200, headers: [['Access-Control-Allow-Credentials', 'true']] } }],
    errorText: 'net::ERR_FAILED',
  });
  const shown = (credentials: 'same-origin' | 'include'): string => {
    const x = exchange(credentials);
    return text(MustSend({ mustSend: explain(diagnose(x), x).serverMustSend }));
  };

  it('says why a kept Allow-Credentials is listed', () => {
    const words = shown('same-origin');
    expect(words).toContain('Access-Control-Allow-Credentials: true');
    expect(words).toContain('Access-Control-Allow-Credentials: true is not needed by this request as read (without credentials): it is kept because the server already sends it, which its requests with credentials need.');
  });

  it('says nothing of it where the request needs it', () => {
    expect(shown('include')).not.toContain('kept because');
  });

  // Session 39: a shared bundle's placeholder name in the list, said for what it is, as the fix's note says it.
  it('says what a placeholder header name stands for', () => {
    const url = `${API}/items`;
    const x: ObservedExchange = {
      request: { method: 'PUT', headers: [['Origin', PAGE], ['REDACTED-TOKEN-1', '1']], initiatorOrigin: PAGE },
      hops: [{ url, preflight: { url, requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'REDACTED-TOKEN-1']], response: { status: 204, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'PUT']] } }, response: null }],
      errorText: 'net::ERR_FAILED',
    };
    const words = text(MustSend({ mustSend: explain(diagnose(x), x).serverMustSend }));
    expect(words).toMatch(/Access-Control-Allow-Headers: redacted-token-1/i);
    expect(words).toMatch(/redacted-token-1 is not a real header name: it stands for one of yours/i);
    expect(shown('same-origin')).not.toContain('not a real header name');
  });
});
