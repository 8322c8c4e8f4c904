// What the curl pair sends at the hop where the browser stopped, beyond what curl.exec.test.ts runs
// with the real curl: the headers a browser recomputes or keeps to itself.

import { describe, expect, it } from 'vitest';
import { diagnose, explain, type HeaderLine, type ObservedExchange } from '../cors/index.ts';
import { curlExport } from './curl-export.ts';
import { curlPair } from './curl-requests.ts';
import { canaryExchange, unsentExchange } from './testing-exchanges.ts';

const PAGE = 'https://app.example';

/** A POST from PAGE to `first`, redirected (307) to `second`, which answers without CORS headers. */
function redirected(first: string, second: string, headers: HeaderLine[]): ObservedExchange {
  return {
    request: { method: 'POST', headers: [['Origin', PAGE], ['Content-Type', 'text/plain'], ...headers], body: 'b' },
    hops: [
      { url: first, response: { status: 307, headers: [['Location', second], ['Access-Control-Allow-Origin', PAGE]] } },
      { url: second, response: { status: 200, headers: [] } },
    ],
    errorText: 'net::ERR_FAILED',
  };
}

function sentAtFailingHop(observed: ObservedExchange): HeaderLine[] {
  const diagnosis = diagnose(observed);
  return curlPair(observed, diagnosis, explain(diagnosis, observed), { includeSecrets: true }).request.headers;
}

const referer = (headers: HeaderLine[]) => headers.find(([name]) => name.toLowerCase() === 'referer')?.[1] ?? null;

describe('the Referer at a later hop (determined again for each redirect, default policy)', () => {
  it.each<[string, string, string, string, string | null]>([
    ['the page origin, then another: the origin alone', `${PAGE}/api/save`, 'https://other.example/save', `${PAGE}/account/12345?tab=billing`, `${PAGE}/`],
    ['https to http: none', `${PAGE}/api/save`, 'http://other.example/save', `${PAGE}/account/12345`, null],
    ['back to the page origin: the full URL still', 'https://api.example/a', `${PAGE}/b`, `${PAGE}/account/12345`, `${PAGE}/account/12345`],
    ['a first URL of another origin: already what the page sends across origins, kept', 'https://api.example/a', 'https://other.example/b', `${PAGE}/`, `${PAGE}/`],
    ['a full URL to another origin at the first hop (a permissive page policy): kept', 'https://api.example/a', 'https://other.example/b', `${PAGE}/account/1`, `${PAGE}/account/1`],
  ])('%s', (_about, first, second, captured, sent) => {
    expect(referer(sentAtFailingHop(redirected(first, second, [['Referer', captured]])))).toBe(sent);
  });
});

describe('headers for a proxy', () => {
  it('Proxy-Authorization is never sent to the server, at the first hop or after a redirect', () => {
    const observed = redirected(`${PAGE}/api/save`, 'https://other.example/save', [['Proxy-Authorization', 'Basic cHJveHk6c2VjcmV0']]);
    expect(sentAtFailingHop(observed).map(([name]) => name)).not.toContain('Proxy-Authorization');
    const direct: ObservedExchange = { ...observed, hops: [{ url: 'https://api.example/x', response: { status: 200, headers: [] } }] };
    expect(sentAtFailingHop(direct).map(([name]) => name)).not.toContain('Proxy-Authorization');
  });
});

describe('Sec-Fetch-Site at a later hop (computed again over the URL list, Fetch Metadata)', () => {
  const site = (headers: HeaderLine[]) => headers.find(([name]) => name.toLowerCase() === 'sec-fetch-site')?.[1] ?? null;
  it.each<[string, string, string, string, string]>([
    // Chromium 156, redirects-from-page.json: page → api (same host, another port) sends same-site.
    ['the page\'s own origin, then another port of its host: same-site', `${PAGE}/api/save`, 'https://app.example:8443/save', 'same-origin', 'same-site'],
    ['the page\'s own origin, then another site: cross-site', `${PAGE}/api/save`, 'https://other.test/save', 'same-origin', 'cross-site'],
    ['cross-site at the first hop stays cross-site, back on the page\'s origin too', 'https://other.test/a', `${PAGE}/b`, 'cross-site', 'cross-site'],
  ])('%s', (_about, first, second, captured, sent) => {
    expect(site(sentAtFailingHop(redirected(first, second, [['Sec-Fetch-Site', captured]])))).toBe(sent);
  });

  it('a sibling host says which value it assumed', () => {
    const observed = redirected(`${PAGE}/a`, 'https://api.app.example/b', [['Sec-Fetch-Site', 'same-origin']]);
    const diagnosis = diagnose(observed);
    const pair = curlPair(observed, diagnosis, explain(diagnosis, observed), { includeSecrets: true });
    expect(site(pair.request.headers)).toBe('same-site');
    expect(pair.request.notes.join(' ')).toContain('share a registrable domain');
  });
});

describe('the preflight of a later hop: sent or rebuilt only where the request as sent there needed one', () => {
  const API = 'https://api.example';
  function putRedirected(first: string, status: number, headers: HeaderLine[]): ObservedExchange {
    return {
      request: { method: 'PUT', headers: [['Origin', PAGE], ...headers], initiatorOrigin: PAGE, credentialsMode: 'same-origin', mode: 'cors' },
      hops: [
        { url: first, response: { status, headers: [['Location', `${API}/1`], ['Access-Control-Allow-Origin', PAGE]] } },
        // No CORS headers: blocked at this hop; no preflight in the capture (missed, or none needed).
        { url: `${API}/1`, response: { status: 200, headers: [] } },
      ],
      errorText: 'net::ERR_FAILED',
    };
  }
  const preflightOf = (observed: ObservedExchange) => {
    const diagnosis = diagnose(observed);
    return curlPair(observed, diagnosis, explain(diagnosis, observed), { includeSecrets: true }).preflight;
  };
  it.each<[string, ObservedExchange, string | null]>([
    ['a same-origin PUT 307 to api: api was preflighted (rebuilt)', putRedirected(`${PAGE}/0`, 307, []), 'PUT'],
    ['a same-origin PUT 303 to api: a simple GET there, none', putRedirected(`${PAGE}/0`, 303, []), null],
    ['a cross-origin PUT 303 to api: a simple GET there, none', putRedirected('https://other.example/0', 303, []), null],
    ['a cross-origin PUT with X-Custom 303 to api: a GET with X-Custom, preflighted', putRedirected('https://other.example/0', 303, [['X-Custom', '1']]), 'GET'],
  ])('%s', (_about, observed, method) => {
    const preflight = preflightOf(observed);
    expect(preflight?.headers.find(([name]) => name === 'Access-Control-Request-Method')?.[1] ?? null).toBe(method);
  });
});

describe('the lines a redirect must send, as the export writes that header', () => {
  // The fix for a Location with credentials is the same URL without them: the engine writes it from
  // the captured Location, whose query, fragment and path secrets the exchange's own line redacts.
  const location = 'https://u:pw@x.example/reset/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJMRUFLSldUIn0.bGVha0pXVHNpZ25hdHVyZTEyMzQ1/cb?token=TOKLEAK1&sig=SIGLEAK1#access_token=ATLEAK1';
  const observed: ObservedExchange = {
    request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, mode: 'cors' },
    hops: [{ url: 'https://api.example/login', response: { status: 302, headers: [['Location', location], ['Access-Control-Allow-Origin', '*']] } }],
    errorText: 'net::ERR_FAILED',
  };
  const pairOf = (includeSecrets: boolean) => {
    const diagnosis = diagnose(observed);
    return curlPair(observed, diagnosis, explain(diagnosis, observed), { includeSecrets });
  };

  it('redacted: the Location as redactHeader writes it, listed among the redactions', () => {
    const pair = pairOf(false);
    const line = pair.request.expected.find((expected) => expected.startsWith('Location: '));
    expect(line).toBe('Location: https://x.example/reset/REDACTED-JWT/cb?token=REDACTED-QUERY-SECRET&sig=REDACTED-QUERY-SECRET#access_token=REDACTED-QUERY-SECRET');
    expect(pair.redactions.map((r) => r.where)).toEqual(expect.arrayContaining(['location:query:token', 'location:fragment:access_token', 'location:url-path']));
  });

  it('--include-secrets: as the engine wrote it, the userinfo alone removed', () => {
    expect(pairOf(true).request.expected).toContain('Location: https://x.example/reset/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJMRUFLSldUIn0.bGVha0pXVHNpZ25hdHVyZTEyMzQ1/cb?token=TOKLEAK1&sig=SIGLEAK1#access_token=ATLEAK1');
  });
});

describe('a captured Origin that is not a serialized origin (a hand-made HAR)', () => {
  function pairFor(origin: string, includeSecrets: boolean) {
    // As a HAR is read (exchanges-from-entries.ts): the page's origin is the Origin it sent.
    const observed: ObservedExchange = {
      request: { method: 'GET', headers: [['Origin', origin], ['X-A', '1']], initiatorOrigin: origin === 'null' ? null : origin },
      hops: [{ url: 'https://api.example/x', response: { status: 200, headers: [] } }],
      errorText: 'net::ERR_FAILED',
    };
    const diagnosis = diagnose(observed);
    return curlPair(observed, diagnosis, explain(diagnosis, observed), { includeSecrets });
  }

  it.each([true, false])('says what was captured and what the replay sends instead (secrets included: %s)', (includeSecrets) => {
    for (const captured of ['https://a.example/path', 'https://a .example']) {
      const pair = pairFor(captured, includeSecrets);
      const sent = pair.request.headers.find(([name]) => name.toLowerCase() === 'origin')![1];
      expect(sent).not.toBe(captured);
      expect(pair.request.notes.join('\n')).toContain(`The captured Origin "${captured}" is not a serialized origin (scheme://host[:port]), which no browser sends; this replay sends Origin: ${sent}`);
    }
  });

  it('after a redirect that tainted the origin, says the origin it was read as, and why this hop sends null', () => {
    // The captured Origin read as https://app.example; a 302 to another origin makes the next one null.
    const observed: ObservedExchange = {
      request: { method: 'GET', headers: [['Origin', `${PAGE}/p`]], initiatorOrigin: `${PAGE}/p` },
      hops: [
        { url: 'https://api.example/r', response: { status: 302, headers: [['Access-Control-Allow-Origin', '*'], ['Location', 'https://c.example/z']] } },
        { url: 'https://c.example/z', response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] } },
      ],
      errorText: 'net::ERR_FAILED',
    };
    const diagnosis = diagnose(observed);
    const pair = curlPair(observed, diagnosis, explain(diagnosis, observed), { includeSecrets: true });
    expect(pair.hop).toBe(1);
    expect(pair.request.headers.find(([name]) => name === 'Origin')![1]).toBe('null');
    expect(pair.request.notes).toContain(
      `The captured Origin "${PAGE}/p" is not a serialized origin (scheme://host[:port]), which no browser sends; the diagnosis took it for ${PAGE}, and this replay sends Origin: null, as the browser does after the redirect.`,
    );
  });

  it('says nothing for a serialized origin, the opaque one included', () => {
    for (const captured of [PAGE, 'http://127.0.0.1:5173', 'null']) {
      for (const includeSecrets of [true, false]) expect(pairFor(captured, includeSecrets).request.notes).toEqual([]);
    }
  });
});

describe('the forbidden request headers curl leaves out (Expect, TE, Upgrade, Keep-Alive)', () => {
  it('says which were left out and why, in fixed words that name the header, never its captured spelling or value', () => {
    const observed: ObservedExchange = {
      request: { method: 'PUT', headers: [['Origin', PAGE], ['Content-Type', 'text/plain'], ['kEEp-aLive', 'timeout=5'], ['eXpEcT', '100-continue'], ['X-A', '1']], body: 'b' },
      hops: [
        {
          url: 'https://api.example/x',
          preflight: { url: 'https://api.example/x', requestHeaders: [['Origin', PAGE], ['Access-Control-Request-Method', 'PUT'], ['Upgrade', 'h2c']], response: { status: 204, headers: [] } },
          response: null,
        },
      ],
      errorText: 'net::ERR_FAILED',
    };
    const diagnosis = diagnose(observed);
    const pair = curlPair(observed, diagnosis, explain(diagnosis, observed), { includeSecrets: true });
    expect(pair.request.notes).toEqual([
      'The captured Expect header is left out: it would make curl wait for a 100 Continue before sending the body. No page can set it (a forbidden request header).',
      "The captured Keep-Alive header is left out: the connection is curl's to manage. No page can set it (a forbidden request header).",
    ]);
    expect(pair.preflight!.notes).toEqual(['The captured Upgrade header is left out: it asks the server to switch protocols. No page can set it (a forbidden request header).']);
    expect(pair.request.headers.map(([name]) => name)).toEqual(['Origin', 'Content-Type', 'X-A']);
  });

  it('says nothing when there were none', () => {
    const observed = redirected('https://api.example/a', 'https://other.example/b', []);
    const diagnosis = diagnose(observed);
    expect(curlPair(observed, diagnosis, explain(diagnosis, observed), { includeSecrets: true }).request.notes.filter((note) => note.includes('left out:'))).toEqual([]);
  });
});

describe('the redactions a pair lists: what its commands write, nothing else', () => {
  const pairOf = (observed: ObservedExchange) => {
    const diagnosis = diagnose(observed);
    return curlPair(observed, diagnosis, explain(diagnosis, observed));
  };

  it('a 401 preflight redacted in its WWW-Authenticate, which no command writes: none', () => {
    expect(pairOf(unsentExchange()).redactions).toEqual([]);
    expect(curlExport(unsentExchange(), 'bash').script).not.toContain('Secrets were replaced');
  });

  it('the request and preflight headers, URL and body: listed; a response Set-Cookie: not', () => {
    const wheres = pairOf(canaryExchange()).redactions.map((r) => r.where);
    expect(wheres).toEqual(expect.arrayContaining(['cookie', 'authorization', 'x-api-key', 'query:api_key']));
    expect(wheres.some((where) => where.startsWith('body:'))).toBe(true);
    expect(wheres).not.toContain('set-cookie');
  });
});

// M8 (session 44): the redactions of the pair were put first by spreading them into one call, and a
// body of 200,000 `password=` pairs passed the engine's limit on a call's arguments (exit 70).
describe('a body with hundreds of thousands of secrets', () => {
  it('is written, every one of them masked and listed', () => {
    const body = Array.from({ length: 200_000 }, (_, i) => `password=pw${i}x`).join('&');
    const observed: ObservedExchange = {
      request: { method: 'POST', headers: [['Origin', PAGE], ['Content-Type', 'application/x-www-form-urlencoded']], body },
      hops: [{ url: 'https://api.example/login', response: { status: 200, headers: [] } }],
      errorText: 'net::ERR_FAILED',
    };
    const diagnosis = diagnose(observed);
    const pair = curlPair(observed, diagnosis, explain(diagnosis, observed), {});
    expect(pair.request.body).not.toMatch(/pw\d+x/);
    expect(pair.redactions.length).toBeGreaterThanOrEqual(200_000);
  });
});
