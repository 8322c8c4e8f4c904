import { describe, expect, it } from 'vitest';
import { exchangesFromHar } from '../capture/index.ts';
import { diagnose, diagnoseCause, diagnoseVerdict, emptyNeed, explain, failedOnTaintedOrigin, headline, type ObservedExchange } from '../cors/index.ts';
import { generateHar } from '../../bench/generate-har.ts';
import { answerKindsNote, causeOf, CauseGroups, fixOnLine, groupLine, pageOriginsNote, taintedNeedNote, unrecognisedServerStacks } from './cause-groups.ts';
import { allowedExchange, recordedExchanges, refusedHeaderExchange } from './testing-exchanges.ts';

function grouped(exchanges: readonly ObservedExchange[], examples?: number): CauseGroups {
  const groups = new CauseGroups(examples === undefined ? {} : { examples });
  for (const exchange of exchanges) groups.add(exchange, diagnose(exchange));
  return groups;
}

/** Each exchange (one a group, in order) keyed as grouped, from the verdict path and the cause path too: as the panel keys them. */
function expectKeyedAsGrouped(exchanges: readonly ObservedExchange[]): void {
  const groups = grouped(exchanges).groups();
  for (const [i, exchange] of exchanges.entries()) {
    const verdict = diagnoseVerdict(exchange);
    expect(causeOf(exchange, { ...verdict, failedHop: verdict.failedHop })!.key).toBe(groups[i]!.key);
    expect(causeOf(exchange, diagnoseCause(exchange))!.key).toBe(groups[i]!.key);
  }
}

describe('CauseGroups', () => {
  it('puts the same refused header on the same API origin in one group, whatever its case', () => {
    const exchanges = [...Array.from({ length: 36 }, (_, i) => refusedHeaderExchange('x-trace', i)), refusedHeaderExchange('X-Trace', 99)];
    const [group, ...rest] = grouped(exchanges).groups();
    expect(rest).toEqual([]);
    expect(group!.title).toBe('x-trace not in Access-Control-Allow-Headers');
    expect(groupLine(group!)).toBe('x-trace not in Access-Control-Allow-Headers - 37 requests');
    expect(groupLine(group!, '—')).toBe('x-trace not in Access-Control-Allow-Headers — 37 requests');
    expect(group!.apiOrigin).toBe('https://api.example');
    expect(group!.corsError).toBe('HeaderDisallowedByPreflightResponse');
    // A few examples, the first ones, not the whole list.
    expect(group!.requests.map((r) => r.url)).toEqual(['https://api.example/items/0', 'https://api.example/items/1', 'https://api.example/items/2']);
    expect(group!.first.index).toBe(0);
  });

  it('keeps causes apart: another header, another API origin; most requests first', () => {
    const groups = grouped([
      refusedHeaderExchange('x-a', 0),
      refusedHeaderExchange('x-b', 1),
      refusedHeaderExchange('x-b', 2),
      refusedHeaderExchange('x-a', 3, 'https://other.example'),
    ]).groups();
    expect(groups.map((g) => [g.apiOrigin, g.parameter, g.count])).toEqual([
      ['https://api.example', 'x-b', 2],
      ['https://api.example', 'x-a', 1],
      ['https://other.example', 'x-a', 1],
    ]);
  });

  it('puts a refused redirect target\'s request in that server\'s configuration, keyed by the first URL still', () => {
    const page = 'https://app.example';
    const target = 'https://cdn.example/file';
    const tainted: ObservedExchange = {
      request: { method: 'GET', headers: [['Origin', page]], initiatorOrigin: page, credentialsMode: 'same-origin', mode: 'cors' },
      hops: [
        { url: 'https://api.example/file', response: { status: 302, headers: [['Access-Control-Allow-Origin', page], ['Location', target]] } },
        { url: target, response: { status: 200, headers: [['Access-Control-Allow-Origin', page]] } },
      ],
      errorText: 'net::ERR_FAILED',
    };
    const groups = grouped([tainted, refusedHeaderExchange('x-a')]);
    const group = groups.groups().find((g) => g.corsError === 'AllowOriginMismatch');
    // The panel keys causes by the first URL (its verdict path does not say where a request failed).
    expect([group?.apiOrigin, group?.fixOn]).toEqual(['https://api.example', [{ origin: 'https://cdn.example', count: 1 }]]);
    // The verdict path holds no request origins: whether the Origin compared was a redirect's null is asked of the full diagnosis, as the panel asks it.
    expect(group?.key).toBe(causeOf(tainted, { ...diagnoseVerdict(tainted), originTainted: () => failedOnTaintedOrigin(diagnose(tainted)) })?.key);
    // A full diagnosis says it by itself.
    expect(causeOf(tainted, diagnose(tainted))?.key).toBe(group?.key);
    expect(group?.title).toBe(`Origin became null after a cross-origin redirect, but Access-Control-Allow-Origin is ${page}`);
    const configs = groups.serverConfigs();
    expect(configs.map((c) => [c.apiOrigin, c.requests, c.blocked, c.need.originTainted])).toEqual([
      ['https://cdn.example', 1, 1, true],
      ['https://api.example', 1, 1, false],
    ]);
    expect(configs[0]!.fix.snippet).toContain('Access-Control-Allow-Origin: *');
  });

  describe('says where the fix goes only where a redirect target\'s answer was refused, true of every member', () => {
    const page = 'https://app.example';
    // No Access-Control-Allow-Origin, on the first server or after its redirect (the same cause, keyed by the first URL).
    const direct: ObservedExchange = {
      request: { method: 'GET', headers: [['Origin', page]], initiatorOrigin: page, credentialsMode: 'same-origin', mode: 'cors' },
      hops: [{ url: 'https://api.example/d', response: { status: 200, headers: [] } }],
      errorText: 'net::ERR_FAILED',
    };
    const redirected = (target: string, answered: boolean): ObservedExchange => ({
      request: { method: 'GET', headers: [['Origin', page]], initiatorOrigin: page, credentialsMode: 'same-origin', mode: 'cors' },
      hops: [
        { url: 'https://api.example/r', response: { status: 302, headers: [['Access-Control-Allow-Origin', '*'], ['Location', target]] } },
        { url: target, response: answered ? { status: 200, headers: [] } : null },
      ],
      errorText: answered ? 'net::ERR_FAILED' : 'net::ERR_CONNECTION_REFUSED',
    });
    const cdn = redirected('https://cdn.example/f', true);
    it.each<[string, ObservedExchange[], string | null, [string, number][]]>([
      ['direct only', [direct], null, [['https://api.example', 1]]],
      ['redirected only', [cdn], "https://cdn.example (the redirect's target, whose answer was refused)", [['https://cdn.example', 1]]],
      ['direct first, then redirected', [direct, cdn], 'https://api.example (1 of 2 requests); https://cdn.example (1, after a redirect)', [['https://api.example', 1], ['https://cdn.example', 1]]],
      ['redirected first, then direct', [cdn, direct], 'https://cdn.example (1 of 2 requests, after a redirect); https://api.example (1)', [['https://cdn.example', 1], ['https://api.example', 1]]],
      // The target never answered: nothing of its configuration to fix; the request stays with the first server.
      ['a refused connection', [redirected('https://cdn.example:9/f', false)], null, []],
    ])('%s', (_, exchanges, line, configs) => {
      const groups = grouped(exchanges);
      const group = groups.groups()[0]!;
      expect(fixOnLine(group)).toBe(line);
      // A request counts in the configuration of the server its fix is on (a network error in none).
      expect(groups.serverConfigs().map((c) => [c.apiOrigin, c.requests])).toEqual(configs);
    });

    it('an uncertain verdict says nothing of a redirect target', () => {
      const groups = new CauseGroups();
      groups.addCause(cdn, { ...diagnoseCause(cdn), verdict: 'uncertain' }, () => diagnose(cdn));
      expect(fixOnLine(groups.groups()[0]!)).toBeNull();
    });
  });

  it('keeps a missing Access-Control-Allow-Credentials apart from an empty one, though Chromium names both ""', () => {
    const withCredentials = (i: number, credentials: string | null, preflight = false): ObservedExchange => {
      const headers: [string, string][] = [['Access-Control-Allow-Origin', 'https://app.example']];
      if (credentials !== null) headers.push(['Access-Control-Allow-Credentials', credentials]);
      const url = `https://api.example/items/${i}`;
      return preflight
        ? {
            request: { method: 'PUT', headers: [['Origin', 'https://app.example']], initiatorOrigin: 'https://app.example', credentialsMode: 'include' },
            hops: [{ url, preflight: { url, requestHeaders: [['Access-Control-Request-Method', 'PUT']], response: { status: 204, headers: [...headers, ['Access-Control-Allow-Methods', 'PUT']] } }, response: null }],
          }
        : { request: { method: 'GET', headers: [['Origin', 'https://app.example']], initiatorOrigin: 'https://app.example', credentialsMode: 'include' }, hops: [{ url, response: { status: 200, headers } }] };
    };
    const exchanges = [withCredentials(0, null), withCredentials(1, ''), withCredentials(2, null), withCredentials(3, ''), withCredentials(4, '', true), withCredentials(5, null, true)];
    const expected = [
      ['Missing Access-Control-Allow-Credentials', 2],
      ['Empty Access-Control-Allow-Credentials, must be exactly true', 2],
      ['Empty Access-Control-Allow-Credentials, must be exactly true on the preflight', 1],
      ['Missing Access-Control-Allow-Credentials on the preflight', 1],
    ];
    expect(grouped(exchanges).groups().map((g) => [g.title, g.count])).toEqual(expected);
    const byCause = new CauseGroups();
    for (const exchange of exchanges) byCause.addCause(exchange, diagnoseCause(exchange), () => diagnose(exchange));
    expect(byCause.groups().map((g) => [g.title, g.count])).toEqual(expected);
    // The panel keys by the verdict path's answer: the same four causes.
    const keys = exchanges.map((x) => causeOf(x, diagnoseVerdict(x))!.key);
    expect(keys.map((k) => keys.indexOf(k))).toEqual([0, 1, 0, 1, 4, 5]);
    expect(keys).toEqual(exchanges.map((x) => causeOf(x, diagnose(x))!.key));
  });

  it('counts what passed by verdict only', () => {
    const groups = grouped([allowedExchange(0), allowedExchange(1), refusedHeaderExchange('x-a')]);
    expect(groups.groups()).toHaveLength(1);
    expect([...groups.passed]).toEqual([['allowed', 2]]);
  });

  it('merges what failing and working requests need into one configuration per API origin', () => {
    const plain = allowedExchange(5);
    const withCookie: ObservedExchange = {
      request: { ...plain.request, headers: [...plain.request.headers, ['Cookie', 'a=1']], credentialsMode: 'include' },
      hops: [{ url: plain.hops[0]!.url, response: { status: 200, headers: [['Access-Control-Allow-Origin', 'https://app.example'], ['Access-Control-Allow-Credentials', 'true']] } }],
    };
    const configs = grouped([refusedHeaderExchange('x-a'), refusedHeaderExchange('x-b', 1), withCookie, allowedExchange(0, 'https://fine.example')]).serverConfigs();
    // An API origin where everything passed needs no change.
    expect(configs.map((c) => c.apiOrigin)).toEqual(['https://api.example']);
    const [config] = configs;
    expect(config!.stack).toBe('express');
    expect(config!.need).toEqual({ origins: ['https://app.example'], methods: ['PUT'], headers: ['x-a', 'x-b'], credentials: true, originCredentials: true, originTainted: false, taintedPlain: false, taintedCredentials: false, omitted: 0, server: { ...emptyNeed().server, methods: ['PUT'], credentials: true }, serverOrigins: { fixed: [], echoed: true } });
    expect([config!.requests, config!.blocked]).toEqual([3, 2]);
    expect(config!.fix.target).toBe('express');
    expect(config!.fix.snippet).toContain("allowedHeaders: ['x-a', 'x-b'],");
  });

  it('groups every failure of the recorded HAR exactly once', () => {
    const exchanges = recordedExchanges();
    const groups = grouped(exchanges, Infinity);
    const failing = exchanges.filter((x) => !['allowed', 'not-cors'].includes(diagnose(x).verdict)).length;
    let total = 0;
    for (const group of groups.groups()) {
      total += group.count;
      expect(group.requests).toHaveLength(group.count);
      expect(group.title).not.toBe('');
    }
    expect(total).toBe(failing);
  });

  it('holds a few examples per group on 60,000 exchanges', () => {
    const exchanges = exchangesFromHar(generateHar(60_000, 3, { causes: 40 }));
    const groups = grouped(exchanges);
    const all = groups.groups();
    expect(all.length).toBeGreaterThan(40);
    for (const group of all) expect(group.requests.length).toBeLessThanOrEqual(3);
    let total = 0;
    for (const group of all) total += group.count;
    for (const n of groups.passed.values()) total += n;
    expect(total).toBe(exchanges.length);
  }, 120_000);
});

const PAGE = 'https://app.example';

/** A PUT whose preflight got `status` with no Access-Control-Allow-Origin: PreflightMissingAllowOriginHeader whatever the status. */
function preflightWithoutAllowOrigin(status: number, i: number): ObservedExchange {
  const url = `https://api.example/p/${i}`;
  return {
    request: { method: 'PUT', headers: [['Origin', PAGE]], initiatorOrigin: PAGE },
    hops: [{ url, preflight: { url, requestHeaders: [['Access-Control-Request-Method', 'PUT']], response: { status, headers: [] } }, response: null }],
    errorText: 'net::ERR_FAILED',
  };
}

/**
 * A GET answered with `Access-Control-Allow-Origin: allowOrigin`; `redirected`: first to another
 * origin, which makes the request's origin `null` (Fetch's tainted origin).
 */
function originMismatch(allowOrigin: string, redirected: boolean, i: number): ObservedExchange {
  const url = `https://api.example/m/${i}`;
  const answer = { status: 200, headers: [['Access-Control-Allow-Origin', allowOrigin]] as [string, string][] };
  const next = `https://cdn.example/m/${i}`;
  const hops = redirected
    ? [{ url, response: { status: 302, headers: [['Access-Control-Allow-Origin', PAGE], ['Location', next]] as [string, string][] } }, { url: next, response: answer }]
    : [{ url, response: answer }];
  return { request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, credentialsMode: 'same-origin' }, hops, errorText: 'net::ERR_FAILED' };
}

describe('CauseGroups titles', () => {
  it('says of a group only what is true of every member: a preflight refused with 404 is not one answered 204', () => {
    // "A 404 means no route answers OPTIONS" is no word for the 204: two causes, each title true of its
    // members, and each its rows' words (the 404's row says "Preflight got 404 without Access-Control-Allow-Origin" too).
    const groups = grouped([preflightWithoutAllowOrigin(404, 0), preflightWithoutAllowOrigin(204, 1), preflightWithoutAllowOrigin(204, 2)]).groups();
    expect(groups.map((g) => [g.title, g.count])).toEqual([
      ['Preflight lacks Access-Control-Allow-Origin', 2],
      ['Preflight got 404 without Access-Control-Allow-Origin', 1],
    ]);
    for (const g of groups) expect(headline(g.first.diagnosis, g.first.exchange)).toBe(g.title);
  });

  it("names the null Origin when a redirect made the request's origin null, and the row says the same", () => {
    // A first-run review read "Access-Control-Allow-Origin is <the page's origin>, not the request's
    // Origin" of the demo's tainted-origin case: the page's own origin, read as nonsense.
    const groups = grouped([originMismatch(PAGE, true, 0), originMismatch('https://other.example', false, 1), originMismatch('https://other.example', true, 2)]).groups();
    expect(groups.map((g) => [g.corsError, g.parameter, g.originTainted])).toEqual([
      ['AllowOriginMismatch', PAGE, true],
      ['AllowOriginMismatch', 'https://other.example', false],
      ['AllowOriginMismatch', 'https://other.example', true],
    ]);
    expect(groups.map((g) => g.title)).toEqual([
      `Origin became null after a cross-origin redirect, but Access-Control-Allow-Origin is ${PAGE}`,
      "Access-Control-Allow-Origin is https://other.example, not the request's Origin",
      'Origin became null after a cross-origin redirect, but Access-Control-Allow-Origin is https://other.example',
    ]);
    for (const g of groups) expect(headline(g.first.diagnosis, g.first.exchange)).toBe(g.title);
  });

  it('gives no two causes of the recorded HAR the same title', () => {
    const titles = grouped(recordedExchanges()).groups().map((g) => g.title);
    expect(titles.length).toBeGreaterThan(10);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('names the API origin when the same cause is on two', () => {
    const groups = grouped([preflightWithoutAllowOrigin(404, 0), refusedHeaderExchange('x-a', 1), { ...preflightWithoutAllowOrigin(404, 2), hops: preflightWithoutAllowOrigin(404, 2).hops.map((hop) => ({ ...hop, url: 'https://b.example/p', preflight: { ...hop.preflight!, url: 'https://b.example/p' } })) }]).groups();
    expect(groups.map((g) => g.title).sort()).toEqual([
      'Preflight got 404 without Access-Control-Allow-Origin (on https://api.example)',
      'Preflight got 404 without Access-Control-Allow-Origin (on https://b.example)',
      'x-a not in Access-Control-Allow-Headers',
    ]);
  });

  // Session 43: the same cause on a captured URL that is no URL (keyed by the origin `null`) and on
  // an API origin read "(on null)", the opaque origin a sandboxed page sends; a URL of an opaque
  // origin (file:) beside a scheme with one (ftp:) read so too.
  it('never says "on null": a URL that is no URL says so, a URL of an opaque origin says that', () => {
    const failed = (url: string): ObservedExchange => ({
      request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, mode: 'cors' },
      hops: [{ url, response: null }],
      errorText: 'net::ERR_FAILED',
    });
    const invalid = grouped([failed('not a url'), failed('https://api.example/x')]).groups();
    expect(invalid.map((g) => g.title)).toEqual([
      'Cannot tell from what was captured (net::ERR_FAILED) (the captured URL is not a valid URL)',
      'Cannot tell from what was captured (net::ERR_FAILED) (on https://api.example)',
    ]);
    const opaque = grouped([failed('file:///data.json'), failed('ftp://files.example/data.json')]).groups();
    expect(opaque.map((g) => [g.apiOrigin, g.title])).toEqual([
      ['null', 'Scheme does not support CORS (on an opaque origin)'],
      ['ftp://files.example', 'Scheme does not support CORS (on ftp://files.example)'],
    ]);
  });

  it('writes no server configuration for requests with no server origin (M6: "configuration for null", with a snippet)', () => {
    const refused = (url: string): ObservedExchange => ({
      request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, mode: 'cors' },
      hops: [{ url, response: { status: 200, headers: [] } }],
    });
    const configs = grouped([refused('file:///etc/data.json'), refused('data:text/plain,hi'), refused('https://api.example/x')]).serverConfigs();
    expect(configs.map((config) => config.apiOrigin)).toEqual(['https://api.example']);
  });
});

describe('causeOf', () => {
  it("gives every exchange of a group that group's key, from the verdict path's answer alone", () => {
    const exchanges = [refusedHeaderExchange('x-a', 0), refusedHeaderExchange('X-A', 1), refusedHeaderExchange('x-b', 2), refusedHeaderExchange('x-a', 3, 'https://other.example')];
    const groups = grouped(exchanges, Infinity).groups();
    for (const exchange of exchanges) {
      const key = causeOf(exchange, diagnoseVerdict(exchange))!.key;
      const group = groups.find((g) => g.requests.some((r) => r.url === exchange.hops[0]!.url))!;
      expect(key).toBe(group.key);
      expect(causeOf(exchange, diagnose(exchange))!.key).toBe(key);
    }
    expect(new Set(exchanges.map((x) => causeOf(x, diagnoseVerdict(x))!.key)).size).toBe(3);
  });

  it('is null for what passed', () => {
    const exchange = allowedExchange(0);
    expect(causeOf(exchange, diagnoseVerdict(exchange))).toBeNull();
  });

  it('keys every failure of the recorded HAR as the grouping does', () => {
    const exchanges = recordedExchanges();
    const groups = grouped(exchanges, Infinity);
    const counts = new Map<string, number>();
    for (const exchange of exchanges) {
      const cause = causeOf(exchange, { ...diagnoseVerdict(exchange), originTainted: () => failedOnTaintedOrigin(diagnose(exchange)) });
      if (cause) counts.set(cause.key, (counts.get(cause.key) ?? 0) + 1);
    }
    expect(counts).toEqual(new Map(groups.groups().map((g) => [g.key, g.count])));
  });
});

describe('answerKindsNote', () => {
  it.each<[number, number, number, string | null]>([
    [3, 0, 0, null],
    [3, 3, 0, null],
    [2, 0, 2, null],
    [3, 1, 0, 'Of these 3 requests, 1 answered with a redirect (3xx): '],
    [5, 0, 2, 'Of these 5 requests, 2 with an error status (4xx, 5xx): '],
    [3, 1, 1, 'Of these 3 requests, 1 answered with a redirect (3xx) and 1 with an error status (4xx, 5xx): '],
    // Every one a redirect or an error, of both kinds: still said.
    [2, 1, 1, 'Of these 2 requests, 1 answered with a redirect (3xx) and 1 with an error status (4xx, 5xx): '],
  ])('%i requests, %i redirects, %i error statuses', (count, redirects, errorStatuses, start) => {
    const note = answerKindsNote({ count, redirects, errorStatuses });
    if (start === null) expect(note).toBeNull();
    else expect(note?.startsWith(start)).toBe(true);
  });
});

// A server reached directly with credentials and through a redirect without them: the snippets of
// the stacks proven on the real server serve both (and the note says why * is safe there); the
// others' serve the page's origin alone.
// Review s38 R (star-intranet.har): one request came with Origin: null after a redirect, none with
// credentials. Where the stack can, the snippet answers * to null alone and each page origin with
// itself; where it cannot, the note says plainly that any page can read every response, and warns
// for a server on a private or loopback address.
describe('taintedNeedNote, Origin: null without credentials beside a page origin', () => {
  const need = { ...emptyNeed(), origins: ['https://app.example'], originTainted: true, taintedPlain: true };
  it.each(['express', 'fastify', 'koa', 'flask', 'django', 'nginx', 'apache', 'caddy'] as const)('%s: * for null alone, each page origin itself', (stack) => {
    const note = taintedNeedNote(need, stack, 'none', 'https://api.example.com');
    expect(note).toContain('the snippet answers * when the Origin is null, and each page origin with itself. Any page can send Origin: null');
    expect(note).not.toContain('private');
  });
  it.each(['spring', 'aspnet', null] as const)('%s: * to every request, said plainly', (stack) => {
    const note = taintedNeedNote(need, stack, 'none', 'https://api.example.com');
    expect(note).toContain('the snippet sends * to every request (in place of the page origin it names otherwise): any page on any site can then read every response this server gives to a request with no cookies and no Authorization.');
  });
  it.each([
    ['http://10.0.0.5:8080', 'This server (http://10.0.0.5:8080) is on a private network address: a website cannot reach it from outside'],
    ['http://127.0.0.1:3000', "This server (http://127.0.0.1:3000) is on a loopback address (the user's own machine)"],
    ['http://[fd00::5]', 'This server (http://[fd00::5]) is on a private network address'],
  ])('a server at %s: warned', (apiOrigin, words) => {
    expect(taintedNeedNote(need, 'nginx', 'none', apiOrigin)).toContain(words);
    expect(taintedNeedNote(need, 'spring', 'none', apiOrigin)).toContain(words);
    // Said under either browser's rules: true of both (Firefox ESR 153 asks too), not of Chromium alone.
    expect(taintedNeedNote(need, 'nginx', 'none', apiOrigin)).toContain('(Chromium and Firefox ask the user first, under Local Network Access; other browsers, and older versions, may not ask)');
  });
});

// Review s38 R (httporig.har): the page origins are the capture's; an http origin got credentialed
// access to an https API, and IP-address origins went in without a word.
describe('pageOriginsNote', () => {
  const base = { ...emptyNeed(), origins: ['https://app.example'] };
  it('says the origins come from the capture, and nothing more for an https origin', () => {
    expect(pageOriginsNote(base, 'https://api.example')).toBe("The page origin is the one this capture's requests came from: keep in the snippet only origins you own and serve the page from.");
    expect(pageOriginsNote(emptyNeed(), 'https://api.example')).toBeNull();
  });
  it('flags an http origin given credentials to an https API, not without credentials nor on loopback', () => {
    const need = { ...base, origins: ['http://app.example', 'https://app.example', 'http://localhost:3000'], credentials: true, originCredentials: true };
    expect(pageOriginsNote(need, 'https://api.example')).toContain('http://app.example is plain http and gets credentialed access to this https API: anyone on the network path can rewrite a page served over http');
    expect(pageOriginsNote({ ...need, credentials: false, originCredentials: false }, 'https://api.example')).not.toContain('plain http');
    expect(pageOriginsNote({ ...need, server: { ...need.server, credentials: true }, originCredentials: false }, 'https://api.example')).toContain('plain http');
  });
  it('flags origins that name an IP address', () => {
    const note = pageOriginsNote({ ...base, origins: ['https://app.example', 'http://10.1.2.3:8080', 'http://[fe80::1]'] }, 'https://api.example');
    expect(note).toContain('http://10.1.2.3:8080, http://[fe80::1] name IP addresses, not a host name: allow them only where the page is served from that address');
  });
});

describe('taintedNeedNote, both kinds of request', () => {
  const need = { ...emptyNeed(), origins: ['https://app.example'], credentials: true, originCredentials: true, originTainted: true, taintedPlain: true };
  it.each(['express', 'fastify', 'koa', 'flask', 'django', 'nginx', 'apache', 'caddy'] as const)('%s: the snippet answers both, and says any page can read what * answers', (stack) => {
    const note = taintedNeedNote(need, stack, 'none');
    expect(note).toContain('the snippet answers both');
    expect(note).toContain('any page can send Origin: null (a sandboxed iframe does, on any site): it can read what this server answers a request with no cookies and no Authorization.');
    expect(note).toContain('Never allow null');
  });
  it.each(['spring', 'aspnet', 'rails', 'laravel', 'go-rs-cors', 'hono', null] as const)('%s: says how, since its snippet serves the page origin alone', (stack) => {
    const note = taintedNeedNote(need, stack, 'none');
    expect(note).toContain('cannot be combined with in one header');
    expect(note).not.toContain('the snippet answers both');
  });
  // Fastify or Caddy in front of Express whose answers do not tell (no stack decided): not plain
  // headers in silence, but which stacks have the one configuration and how to choose the layer.
  it('no server recognised: says the snippet is plain headers, for which stacks the one configuration exists, and how to pick', () => {
    const note = taintedNeedNote(need, null, 'none');
    expect(note).toContain('The server software was not recognised from its answers, so the snippet below is plain headers for the page\'s origin alone, not for Origin: null.');
    expect(note).toContain('The one configuration that answers both is written for Express, Fastify, Koa, Flask, Django, nginx, Apache and Caddy: write it for the layer that adds your CORS headers');
    // A recognised stack that has none is not told it was not recognised.
    for (const stack of ['spring', 'rails', 'hono'] as const) expect(taintedNeedNote(need, stack, 'explain-json')).not.toContain('not recognised');
  });
  // Where the reader can see the layers seen, the note points there; where the surface shows them
  // nowhere, no pointer (a report may be read with neither the CLI nor the panel at hand).
  it.each([
    ['explain-json', 'else the app; `cors-inspector explain --json` names the layers it saw under stack), not for'],
    ['panel-detail', "else the app; in CORS Inspector's panel or diagnosis.html, a blocked request's detail names any layers it saw on its Layers line), not for"],
    ['none', 'else the app), not for'],
  ] as const)('no server recognised, layers shown in %s: the pointer fits the surface', (layersShownIn, words) => {
    expect(taintedNeedNote(need, null, layersShownIn)).toContain(words);
  });
  it('unrecognisedServerStacks: the stacks the note names, only where it names them', () => {
    expect(unrecognisedServerStacks(need, null)).toEqual(['express', 'fastify', 'koa', 'flask', 'django', 'nginx', 'apache', 'caddy']);
    for (const stack of ['express', 'spring', 'hono'] as const) expect(unrecognisedServerStacks(need, stack)).toBeNull();
    expect(unrecognisedServerStacks({ ...need, originCredentials: false }, null)).toBeNull();
    expect(unrecognisedServerStacks({ ...need, taintedPlain: false, taintedCredentials: true }, null)).toBeNull();
  });
});

// One reading of the stack for both: SERVER CONFIGURATION names the server whose fix the blocked
// request's own block gives first, not whatever an earlier (passing) request revealed.
describe('the configuration names the layer the blocked request names', () => {
  const PAGE = 'https://app.example.com';
  const get = (path: string, status: number, headers: [string, string][]): ObservedExchange => ({
    request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE },
    hops: [{ url: `https://api.example.com${path}`, response: { status, headers } }],
    errorText: status === 200 ? '' : 'net::ERR_FAILED',
  });
  it.each<[string, ObservedExchange[]]>([
    // nginx in front of Express: a passing request names Express, the blocked 502 is nginx's own.
    ['nginx answered the blocked request', [get('/ok', 200, [['Server', 'nginx/1.24.0'], ['X-Powered-By', 'Express'], ['Access-Control-Allow-Origin', PAGE], ['Vary', 'Origin']]), get('/items', 502, [['Server', 'nginx/1.24.0'], ['Content-Type', 'text/html']])]],
    // CloudFront refused a preflight the app never saw; a passing GET went through to Express.
    ['only a pass-through layer answered the blocked request', [get('/ok', 200, [['X-Powered-By', 'Express'], ['Access-Control-Allow-Origin', PAGE], ['X-Cache', 'Miss from cloudfront'], ['X-Amz-Cf-Id', 'a==']]), get('/items', 403, [['Server', 'CloudFront'], ['X-Cache', 'Error from cloudfront'], ['X-Amz-Cf-Id', 'b==']])]],
  ])('%s', (_name, exchanges) => {
    const [config] = grouped(exchanges).serverConfigs();
    const blocked = exchanges.find((x) => diagnose(x).verdict === 'blocked')!;
    const first = explain(diagnose(blocked), blocked).fixes[0]!;
    expect(config!.fix.target).toBe(first.target);
    expect(config!.stack).toBe(first.target === 'generic' ? null : first.target);
  });
  // A blocked answer with no layer's sign at all (a request redirected there, answered for
  // Origin: null) names nothing: the stack another request to the same origin revealed stands
  // (test/fix-proof/merged-stacks.test.ts: Koa, whose preflight defaults name it), read as that
  // request's own fix would read it (`stacksOf`, at its answer from this server); not where the
  // blocked answer names a layer, a CDN with no fix of its own included.
  const redirected = (headers: [string, string][]): ObservedExchange => ({
    request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE },
    hops: [
      { url: 'https://api.example.com/moved', response: { status: 302, headers: [['Location', 'https://files.example.com/f'], ['Access-Control-Allow-Origin', PAGE]] } },
      { url: 'https://files.example.com/f', response: { status: 200, headers } },
    ],
    errorText: '',
  });
  const noLayer = get('/items', 200, [['Content-Type', 'application/json']]);
  // Koa + @koa/cors 5 with credentials, as Chromium received a credentialed PUT's answers: the
  // response names nothing, the preflight's default Access-Control-Allow-Methods does.
  const koaPut: ObservedExchange = {
    request: { method: 'PUT', headers: [['Origin', PAGE], ['Content-Type', 'application/json']], initiatorOrigin: PAGE, credentialsMode: 'include' },
    hops: [
      {
        url: 'https://api.example.com/items/1',
        preflight: {
          url: 'https://api.example.com/items/1',
          requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'content-type']],
          response: { status: 204, headers: [['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Headers', 'content-type'], ['Access-Control-Allow-Methods', 'GET,HEAD,PUT,POST,DELETE,PATCH'], ['Access-Control-Allow-Origin', PAGE], ['Connection', 'keep-alive'], ['Keep-Alive', 'timeout=5'], ['Vary', 'Origin']] },
        },
        response: { status: 200, headers: [['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Origin', PAGE], ['Connection', 'keep-alive'], ['Content-Length', '14'], ['Content-Type', 'application/json; charset=utf-8'], ['Keep-Alive', 'timeout=5'], ['Vary', 'Origin']] },
      },
    ],
    errorText: '',
  };
  const nginxAlone: [string, string][] = [['Server', 'nginx'], ['Access-Control-Allow-Origin', PAGE]];
  it.each<[string, ObservedExchange[], string | null]>([
    ['the blocked answer names a layer: its own, not the one another request revealed', [get('/ok', 200, [['Server', 'Caddy'], ['Access-Control-Allow-Origin', PAGE]]), get('/items', 502, [['Server', 'nginx/1.24.0'], ['Content-Type', 'text/html']])], 'nginx'],
    ['it names none, another request revealed Express: Express', [get('/ok', 200, [['X-Powered-By', 'Express'], ['Access-Control-Allow-Origin', PAGE], ['Vary', 'Origin']]), noLayer], 'express'],
    ["it names none, another request's preflight revealed Koa (its response names nothing): Koa", [koaPut, noLayer], 'koa'],
    // Neither answer alone decides who set Allow-Origin: the fix first in its order, as explain's.
    ['it names none, another request revealed nginx alone: nginx', [get('/ok', 200, nginxAlone), noLayer], 'nginx'],
    ['it names none, a later request revealed Caddy in front of Express: Caddy, first in their fix order', [noLayer, get('/ok', 200, [['Server', 'Caddy'], ['X-Powered-By', 'Express'], ['Access-Control-Allow-Origin', PAGE], ['Vary', 'Origin']])], 'caddy'],
    ['it names none, another request was redirected to a server that revealed Express: not this server\'s', [redirected([['X-Powered-By', 'Express'], ['Access-Control-Allow-Origin', '*']]), noLayer], null],
    ['it names none, nothing revealed any: none', [get('/ok', 200, [['Access-Control-Allow-Origin', PAGE], ['Vary', 'Origin']]), noLayer], null],
    // CloudFront refused it itself: its own fix (a response headers policy), not the app's behind it.
    ['it names a CDN only: the CDN, whatever another request revealed', [get('/ok', 200, [['X-Powered-By', 'Express'], ['Access-Control-Allow-Origin', PAGE]]), get('/items', 403, [['Server', 'CloudFront'], ['X-Cache', 'Error from cloudfront'], ['X-Amz-Cf-Id', 'b==']])], 'cloudfront'],
  ])('%s', (_name, exchanges, stack) => {
    expect(exchanges.map((x) => diagnose(x).verdict).filter((v) => v === 'blocked')).toHaveLength(1);
    const configs = grouped(exchanges).serverConfigs();
    expect(configs.map((c) => [c.apiOrigin, c.stack])).toEqual([['https://api.example.com', stack]]);
    expect(configs[0]!.fix.target).toBe(stack ?? 'generic');
  });
});

// Review R, finding 2 (c10-layers.har): three preflights to one API, a 404 from Express behind
// nginx, a 405 from nginx alone, a 401 from nginx's auth. One block worded by the 404 with
// Express's fix said nothing true of the other two: nginx refused them before Express saw them.
describe('preflights refused by different layers', () => {
  const PAGE = 'https://app.example.com';
  const refused = (path: string, status: number, headers: [string, string][]): ObservedExchange => {
    const url = `https://api.example.net${path}`;
    return {
      request: { method: 'PUT', headers: [['Origin', PAGE], ['Content-Type', 'application/json']], initiatorOrigin: PAGE },
      hops: [{ url, preflight: { url, requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'content-type']], response: { status, headers } }, response: null }],
      errorText: 'net::ERR_FAILED',
    };
  };
  const exchanges = [
    refused('/v1/a', 404, [['Server', 'nginx/1.24.0'], ['X-Powered-By', 'Express'], ['Content-Type', 'text/html']]),
    refused('/v1/b', 405, [['Server', 'nginx/1.24.0'], ['Content-Type', 'text/html']]),
    refused('/v1/c', 401, [['Server', 'nginx/1.24.0'], ['WWW-Authenticate', 'Bearer'], ['Content-Type', 'text/html']]),
  ];

  it('are one cause each, titled by the status and the layer that answered, each explained by its own request', () => {
    const groups = grouped(exchanges).groups();
    expect(groups.map((g) => g.title)).toEqual([
      'Preflight got 404 without Access-Control-Allow-Origin',
      'Preflight got 405 without Access-Control-Allow-Origin',
      'Preflight got 401 without Access-Control-Allow-Origin',
    ]);
    const fixes = groups.map((g) => explain(g.first.diagnosis, g.first.exchange).fixes[0]!.target);
    expect(fixes).toEqual(['express', 'nginx', 'nginx']);
    expect(explain(groups[2]!.first.diagnosis, groups[2]!.first.exchange).traps?.map((t) => t.kind)).toEqual(['auth-before-preflight']);
  });

  it('keys each the same from the verdict path, as the panel does', () => {
    expectKeyedAsGrouped(exchanges);
  });

  it("gives the server's one configuration to nginx, which refused OPTIONS before Express could answer", () => {
    const [config, ...rest] = grouped(exchanges).serverConfigs();
    expect(rest).toEqual([]);
    expect(config!.stack).toBe('nginx');
    expect(config!.fix.target).toBe('nginx');
  });
});

// A 304 to the browser's revalidation, blocked on its cached copy, needs Access-Control-Allow-Origin
// and Vary: Origin on both the 200 and the 304: not the fix of a response that simply lacked the
// header, so not that group, nor its title.
describe('a blocked 304 to a revalidation, beside a response without Access-Control-Allow-Origin', () => {
  const PAGE = 'http://127.0.0.1:5173';
  const get = (path: string, status: number, request: [string, string][]): ObservedExchange => {
    const url = `http://127.0.0.1:8080${path}`;
    return {
      request: { method: 'GET', headers: [['Origin', PAGE], ...request], initiatorOrigin: PAGE, mode: 'cors', credentialsMode: 'same-origin' },
      hops: [{ url, response: { status, headers: [['ETag', '"v1"']] } }],
      errorText: 'net::ERR_FAILED',
    };
  };
  const exchanges = [
    get('/api/items', 304, [['If-None-Match', '"v1"']]),
    get('/api/other', 200, []),
    // Needed a preflight, none recorded: the capture cannot tell whose If-None-Match it was.
    get('/api/maybe', 304, [['If-None-Match', '"v1"'], ['X-Custom', '1']]),
  ];

  it('are three causes, each titled by what the browser checked', () => {
    const groups = grouped(exchanges).groups();
    expect(groups.map((g) => [g.title, g.count, g.first.index])).toEqual([
      ['Cached copy refused after a 304 without Access-Control-Allow-Origin', 1, 0],
      ['No Access-Control-Allow-Origin', 1, 1],
      ['Refused after a 304 without Access-Control-Allow-Origin (a revalidation or not: the capture cannot tell)', 1, 2],
    ]);
    expect(groups.map((g) => g.revalidation)).toEqual(['browser', null, 'unknown']);
  });

  it('keys each the same from the verdict path, as the panel does', () => {
    expectKeyedAsGrouped(exchanges);
  });
});

// Review R, finding 8: a preflight Cloudflare challenged names Cloudflare only, but a sibling
// response to the same origin shows Express behind it: the configuration is Express's, after the
// WAF rule, not "server not recognised".
describe('a server behind Cloudflare, whose challenge refused a preflight', () => {
  const PAGE = 'https://app.example.com';
  const url = 'https://api.example.net/v1/a';
  const challenged: ObservedExchange = {
    request: { method: 'PUT', headers: [['Origin', PAGE], ['Content-Type', 'application/json']], initiatorOrigin: PAGE },
    hops: [{ url, preflight: { url, requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'content-type']], response: { status: 403, headers: [['Server', 'cloudflare'], ['CF-RAY', 'a'], ['cf-mitigated', 'challenge']] } }, response: null }],
    errorText: 'net::ERR_FAILED',
  };
  const passed: ObservedExchange = {
    request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE },
    hops: [{ url: 'https://api.example.net/v1/b', response: { status: 200, headers: [['Server', 'cloudflare'], ['CF-RAY', 'b'], ['X-Powered-By', 'Express'], ['Access-Control-Allow-Origin', PAGE], ['Vary', 'Origin']] } }],
  };

  // A blocked answer that names Cloudflare alone before both: the request between them still feeds
  // the fallback (it was read only once a challenge had been seen).
  const blockedAtCloudflare: ObservedExchange = {
    request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE },
    hops: [{ url: 'https://api.example.net/v1/c', response: { status: 200, headers: [['Server', 'cloudflare'], ['CF-RAY', 'c']] } }],
    errorText: 'net::ERR_FAILED',
  };

  it.each([
    ['the challenge first', [challenged, passed]],
    ['the passing request first', [passed, challenged]],
    ['a block at Cloudflare, then the passing request, then the challenge', [blockedAtCloudflare, passed, challenged]],
  ])('gets the app’s configuration, the WAF rule said first (%s)', (_order, exchanges) => {
    const [config] = grouped(exchanges).serverConfigs();
    expect(config!.stack).toBe('express');
    expect(config!.fix.trap).toMatch(/^First, Cloudflare's security rules challenged a preflight/);
  });
});

// Session 39's second read: the configuration took the layers sending CORS lines from the first
// blocked request alone. An Express 500 before its cors middleware ran carries none; a later
// request shows the app's own setup, which the configuration, put beside it, would not replace.
describe('the server configuration over an app that sends CORS lines of its own', () => {
  const page = 'https://app.example';
  const get = (path: string, status: number, headers: [string, string][]): ObservedExchange => ({
    request: { method: 'GET', headers: [['Origin', page]], initiatorOrigin: page, credentialsMode: 'same-origin', mode: 'cors' },
    hops: [{ url: `https://api.example${path}`, response: { status, headers: [['X-Powered-By', 'Express'], ...headers] } }],
  });

  it('says to replace the setup when a later blocked request shows it, not only the first', () => {
    const exchanges = [get('/a', 500, [['Content-Type', 'text/html']]), get('/b', 200, [['Access-Control-Allow-Origin', 'https://prod.example']])];
    const [config] = grouped(exchanges).serverConfigs();
    expect(config!.fix.snippet).toContain("This replaces the app's existing cors setup");
    // The request whose answer shows it says so in its own fix too.
    expect(explain(diagnose(exchanges[1]!), exchanges[1]!).fixes[0]!.snippet).toContain("This replaces the app's existing cors setup");
  });

  it('says nothing of a setup when no blocked request shows one', () => {
    const [config] = grouped([get('/a', 500, [['Content-Type', 'text/html']]), get('/c', 404, [])]).serverConfigs();
    expect(config!.fix.snippet).not.toContain('This replaces');
  });
});
