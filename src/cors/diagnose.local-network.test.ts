// diagnose() on requests Local Network Access refused (https://wicg.github.io/local-network-access/),
// shaped as Chromium 156 captures them (test/scenarios/local-network-*.json records the real runs):
// a request refused by the check reached no server; a simple one fails with `net::ERR_FAILED`, and
// a preflight, when one was needed, fails first with `net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS`.

import { describe, expect, it } from 'vitest';
import { CHROMIUM_RULES } from './browser-rules.ts';
import { diagnose, diagnoseVerdict } from './diagnose.ts';
import type { ObservedExchange, ObservedHop } from './exchange.ts';
import { explain } from './explain/explain.ts';

const PUBLIC_HTTP = 'http://app.example.com:8080';
const PUBLIC_HTTPS = 'https://app.example.com';
const LOOPBACK_API = 'http://127.0.0.1:3000';
const LNA_PREFLIGHT_ERROR = 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS';

/** A fetch() from `page` as a HAR shows it: the page's origin from the provisional `Referer` only. */
function simpleGet(page: string, url: string, hop: Partial<ObservedHop> = {}, errorText: string | null = 'net::ERR_FAILED'): ObservedExchange {
  const x: ObservedExchange = { request: { method: 'GET', headers: [['Referer', `${page}/`]], initiatorOrigin: page }, hops: [{ url, response: null, ...hop }] };
  if (errorText !== null) x.errorText = errorText;
  return x;
}

function preflightedPut(page: string, url: string): ObservedExchange {
  return {
    request: { method: 'PUT', headers: [['x-trace', '1']], initiatorOrigin: page, mode: 'cors' },
    hops: [{ url, preflight: { url, requestHeaders: [['Origin', page], ['Access-Control-Request-Method', 'PUT']], response: null, networkError: LNA_PREFLIGHT_ERROR }, response: null }],
    errorText: 'net::ERR_FAILED',
  };
}

function verdictOf(x: ObservedExchange): [string, string | null, string | null] {
  const d = diagnose(x);
  const fast = diagnoseVerdict(x);
  // The verdict-only path decides the same.
  expect([fast.verdict, fast.corsError, fast.failedParameter]).toEqual([d.verdict, d.corsError, d.failedParameter]);
  return [d.verdict, d.corsError, d.failedParameter];
}

describe('diagnose: Local Network Access refusals', () => {
  it('an http page on a public host calling loopback: InsecureLocalNetwork, before the request', () => {
    const x = simpleGet(PUBLIC_HTTP, `${LOOPBACK_API}/simple`);
    expect(verdictOf(x)).toEqual(['blocked', 'InsecureLocalNetwork', '']);
    const d = diagnose(x);
    expect(d.failedAt).toEqual({ hop: 0, phase: 'request' });
    expect(d.localNetworkAccess).toEqual({ hop: 0, initiatorAddressSpace: 'public', targetAddressSpace: 'loopback', initiatorSecureContext: false, permission: 'loopback-network' });
    expect(d.checks.find((c) => c.name === 'local-network-access')).toMatchObject({ outcome: 'failed', expected: 'public', found: 'loopback' });
    expect(d.assumptions).toEqual(
      expect.arrayContaining([
        { about: 'initiator-address-space', assumed: 'public', because: 'origin-host' },
        { about: 'initiator-secure-context', assumed: 'insecure', because: 'origin-host' },
      ]),
    );
  });

  it('its preflight refused by the check: still InsecureLocalNetwork, at the preflight, not a network error', () => {
    const x = preflightedPut(PUBLIC_HTTP, `${LOOPBACK_API}/pre`);
    expect(verdictOf(x)).toEqual(['blocked', 'InsecureLocalNetwork', '']);
    const d = diagnose(x);
    expect(d.failedAt).toEqual({ hop: 0, phase: 'preflight' });
    expect(d.networkFailure).toBeNull();
    expect(d.preflight.observed).toBe('sent');
  });

  it('a secure page without the permission: LocalNetworkAccessPermissionDenied', () => {
    expect(verdictOf(simpleGet(PUBLIC_HTTPS, `${LOOPBACK_API}/simple`))).toEqual(['blocked', 'LocalNetworkAccessPermissionDenied', '']);
    expect(verdictOf(preflightedPut(PUBLIC_HTTPS, `${LOOPBACK_API}/pre`))).toEqual(['blocked', 'LocalNetworkAccessPermissionDenied', '']);
    expect(diagnose(simpleGet(PUBLIC_HTTPS, `${LOOPBACK_API}/simple`)).assumptions).toContainEqual({ about: 'initiator-secure-context', assumed: 'secure', because: 'origin-host' });
  });

  it('a private address or a .local name needs the local-network permission', () => {
    for (const url of ['http://192.168.1.1/status', 'http://printer.local/status', 'http://[fd00::5]/']) {
      const d = diagnose(simpleGet(PUBLIC_HTTPS, url));
      expect([d.corsError, d.localNetworkAccess?.targetAddressSpace, d.localNetworkAccess?.permission]).toEqual(['LocalNetworkAccessPermissionDenied', 'local', 'local-network']);
    }
  });

  it('a page on the local network calling loopback: Chromium 156 lets it through (a warning only), so no LNA', () => {
    // The standard refuses it; Chromium 156 did not, from http or https (local-network-local-page.json).
    expect(verdictOf(simpleGet('http://192.168.1.20', `${LOOPBACK_API}/x`))).toEqual(['uncertain', null, null]);
    const said = simpleGet(PUBLIC_HTTP, `${LOOPBACK_API}/x`);
    said.request.initiatorAddressSpace = 'local';
    expect(verdictOf(said)).toEqual(['uncertain', null, null]);
  });

  it("the server's address space from the capture wins over the URL's host", () => {
    // 127.0.0.1 moved to the local network (--ip-address-space-overrides): the local-network permission.
    const x = simpleGet(PUBLIC_HTTPS, `${LOOPBACK_API}/x`);
    x.hops = [{ ...x.hops[0]!, targetAddressSpace: 'local' }];
    const d = diagnose(x);
    expect([d.corsError, d.localNetworkAccess?.targetAddressSpace, d.localNetworkAccess?.permission]).toEqual(['LocalNetworkAccessPermissionDenied', 'local', 'local-network']);
    expect(d.assumptions.map((a) => a.about)).not.toContain('target-address-space');
    // Read from the URL, it is an assumption.
    expect(diagnose(simpleGet(PUBLIC_HTTPS, `${LOOPBACK_API}/x`)).assumptions).toContainEqual({ about: 'target-address-space', assumed: 'loopback', because: 'url-host' });
    // A server the browser judged public is not LNA at all.
    const pub = simpleGet(PUBLIC_HTTP, `${LOOPBACK_API}/x`);
    pub.hops = [{ ...pub.hops[0]!, targetAddressSpace: 'public' }];
    expect(verdictOf(pub)).toEqual(['uncertain', null, null]);
  });

  it("fetch()'s targetAddressSpace naming another space: InvalidLocalNetworkAccess, granted or not, http or https", () => {
    for (const page of [PUBLIC_HTTP, PUBLIC_HTTPS]) {
      const x = simpleGet(page, `${LOOPBACK_API}/x`);
      x.request.targetAddressSpaceMismatch = true;
      expect(verdictOf(x), page).toEqual(['blocked', 'InvalidLocalNetworkAccess', '']);
      expect(diagnose(x).assumptions.map((a) => a.about)).not.toContain('target-address-space-option');
    }
    const pre = preflightedPut(PUBLIC_HTTPS, `${LOOPBACK_API}/pre`);
    pre.request.targetAddressSpaceMismatch = true;
    expect(verdictOf(pre)).toEqual(['blocked', 'InvalidLocalNetworkAccess', '']);
    // Unknown to the capture (a HAR): assumed absent, and said so.
    expect(diagnose(simpleGet(PUBLIC_HTTPS, `${LOOPBACK_API}/x`)).assumptions).toContainEqual({ about: 'target-address-space-option', assumed: 'none', because: 'default' });
  });

  it('what the capture knows of the page wins over its host, and is not an assumption', () => {
    const known = simpleGet(PUBLIC_HTTP, `${LOOPBACK_API}/x`);
    known.request.initiatorAddressSpace = 'public';
    known.request.initiatorSecureContext = true;
    const d = diagnose(known);
    expect(d.corsError).toBe('LocalNetworkAccessPermissionDenied');
    expect(d.assumptions.map((a) => a.about)).not.toContain('initiator-address-space');
    expect(d.assumptions.map((a) => a.about)).not.toContain('initiator-secure-context');
    // A public-looking name the capture says is on loopback: no less public target, no LNA.
    const local = simpleGet(PUBLIC_HTTP, `${LOOPBACK_API}/x`);
    local.request.initiatorAddressSpace = 'loopback';
    expect(verdictOf(local)).toEqual(['uncertain', null, null]);
  });
});

describe('diagnose: a Local Network Access check that passed changes nothing', () => {
  it('granted (the request got a response): ordinary CORS decides', () => {
    // On the wire, with the headers the browser added.
    const x = simpleGet(PUBLIC_HTTPS, `${LOOPBACK_API}/simple`, { response: { status: 200, headers: [] } });
    x.request.headers = [['Origin', PUBLIC_HTTPS], ['Sec-Fetch-Mode', 'cors']];
    expect(verdictOf(x)).toEqual(['blocked', 'MissingAllowOriginHeader', '']);
    const d = diagnose(x);
    expect(d.localNetworkAccess).toBeUndefined();
    expect(d.checks.map((c) => c.name)).not.toContain('local-network-access');
    expect(d.assumptions.map((a) => a.about)).not.toContain('initiator-address-space');
  });

  it('a preflight that was answered reached the server: its CORS checks decide', () => {
    const x = preflightedPut(PUBLIC_HTTPS, `${LOOPBACK_API}/pre`);
    const url = `${LOOPBACK_API}/pre`;
    x.hops = [{ url, preflight: { url, requestHeaders: [['Origin', PUBLIC_HTTPS]], response: { status: 204, headers: [] } }, response: null }];
    expect(verdictOf(x)).toEqual(['blocked', 'PreflightMissingAllowOriginHeader', '']);
  });

  it('the same or a more public target: no LNA (uncertain stays uncertain)', () => {
    expect(verdictOf(simpleGet('http://127.0.0.1:1111', `${LOOPBACK_API}/x`))).toEqual(['uncertain', null, null]);
    expect(verdictOf(simpleGet('http://localhost:5173', 'http://192.168.1.1/x'))).toEqual(['uncertain', null, null]);
    expect(verdictOf(simpleGet(PUBLIC_HTTPS, 'https://api.example.net/x'))).toEqual(['uncertain', null, null]);
  });

  it('another network error came first: still a network error', () => {
    expect(verdictOf(simpleGet(PUBLIC_HTTP, `${LOOPBACK_API}/x`, {}, 'net::ERR_CONNECTION_REFUSED'))).toEqual(['network-error', null, null]);
    const refusedPreflight = preflightedPut(PUBLIC_HTTP, `${LOOPBACK_API}/x`);
    refusedPreflight.hops[0]!.preflight!.networkError = 'net::ERR_CONNECTION_REFUSED';
    expect(verdictOf(refusedPreflight)).toEqual(['network-error', null, null]);
  });

  it('no error recorded at all: the capture cannot tell', () => {
    expect(verdictOf(simpleGet(PUBLIC_HTTP, `${LOOPBACK_API}/x`, {}, null))).toEqual(['uncertain', null, null]);
  });

  it('a browser without Local Network Access (rules without it) leaves it uncertain', () => {
    const rules = { ...CHROMIUM_RULES, localNetworkAccess: null };
    expect(diagnose(simpleGet(PUBLIC_HTTP, `${LOOPBACK_API}/x`), rules).verdict).toBe('uncertain');
    expect(diagnoseVerdict(simpleGet(PUBLIC_HTTP, `${LOOPBACK_API}/x`), rules).verdict).toBe('uncertain');
  });
});

describe('explain: a Local Network Access refusal', () => {
  const insecure = simpleGet(PUBLIC_HTTP, `${LOOPBACK_API}/simple`);
  const denied = simpleGet(PUBLIC_HTTPS, 'http://192.168.1.1/status');
  const e = explain(diagnose(insecure), insecure);
  const eDenied = explain(diagnose(denied), denied);

  it('prints Chromium 156\'s console message', () => {
    expect(e.consoleMessage).toBe(
      `Access to fetch at '${LOOPBACK_API}/simple' from origin '${PUBLIC_HTTP}' has been blocked by CORS policy: The request client is not a secure context and the resource is in more-private address space \`loopback\`.`,
    );
    expect(eDenied.consoleMessage).toContain('Permission was denied for this request to access the `local` address space.');
  });

  it('says what LNA is and why no CORS header fixes it', () => {
    expect(e.headline).toBe('Local network access from an http page');
    expect(e.explanation).toContain('Local Network Access');
    expect(e.explanation).toContain('this device (loopback)');
    expect(e.explanation).toContain('not a secure context');
    expect(e.explanation).toContain('No CORS header can change this');
    // Chromium 156 ignores the older preflight's header altogether (test/fix-proof/private-network-line.test.ts): not "no longer helps on its own".
    expect(e.explanation).toContain('Nor can Access-Control-Allow-Private-Network (what the older Private Network Access preflight asked for): Chromium 156 sends no such preflight and ignores that header.');
    expect(e.explanation).not.toMatch(/on its own/);
    expect(eDenied.explanation).toContain('the local network');
    expect(eDenied.explanation).toContain('permission');
    expect(e.serverMustSend).toEqual([]);
    expect(e.assumptions.join(' ')).toContain("The page's address space (Local Network Access): 'public'");
  });

  // No targetAddressSpace for a loopback server: naming the space changes nothing for the refusal
  // (recorded: lna-insecure-option-loopback) and a loopback URL is never mixed content. For a private
  // address it comes second, for what it does: an https page calling an http device.
  it('fixes: https and the permission first, then (private address) targetAddressSpace, the iframe policy, and the flag for development only', () => {
    expect(e.fixes.map((f) => f.title)).toEqual([
      'Serve the page over HTTPS, then let the user allow local network access',
      'From an iframe: the embedding page must delegate the permission',
      'For development only: turn the check off in your own browser',
    ]);
    expect(eDenied.fixes[0]?.title).toBe('Have the user allow local network access for this site');
    expect(eDenied.fixes[1]?.snippet).toContain("targetAddressSpace: 'local'");
    expect(e.fixes[1]?.snippet).toContain('allow="local-network-access"');
    const dev = e.fixes[2]!;
    expect(dev.snippet).toContain('chrome://flags/#local-network-access-check');
    expect(dev.snippet).toContain('LocalNetworkAccessAllowedForUrls');
    expect(dev.snippet).toContain('never asked of users');
    expect(dev.snippet).toContain('changes nothing here: Chromium 156 ignores it.');
    expect(dev.snippet).not.toMatch(/on its own/);
    // Nothing outside the development-only fix tells anyone to turn the check off.
    for (const f of e.fixes.slice(0, 2)) expect(f.snippet).not.toMatch(/chrome:\/\/flags|policy/i);
    expect(explain(diagnose(insecure), insecure, { fixes: 'first' }).fixes).toEqual([e.fixes[0]]);
  });
});

describe('explain: a targetAddressSpace that names another space', () => {
  const x = simpleGet(PUBLIC_HTTPS, `${LOOPBACK_API}/x`);
  x.request.targetAddressSpaceMismatch = true;
  const e = explain(diagnose(x), x);

  it('says the option is wrong, where the server is, and that no CORS header helps', () => {
    expect(e.headline).toBe('Wrong target address space');
    expect(e.explanation).toContain('targetAddressSpace');
    expect(e.explanation).toContain("this device (loopback) ('loopback')");
    expect(e.explanation).toContain('No CORS header can change this');
    expect(e.fixes[0]?.snippet).toContain("targetAddressSpace: 'loopback'");
    expect(e.serverMustSend).toEqual([]);
  });
});

describe('diagnose: a mismatched targetAddressSpace after a preflight the permission let through', () => {
  it('refuses the actual request (Chromium 156 sends the preflight, then refuses the PUT)', () => {
    const url = `${LOOPBACK_API}/pre`;
    const x: ObservedExchange = {
      request: { method: 'PUT', headers: [['x-trace', '1']], initiatorOrigin: PUBLIC_HTTPS, mode: 'cors', targetAddressSpaceMismatch: true },
      hops: [{ url, preflight: { url, requestHeaders: [['Origin', PUBLIC_HTTPS]], response: { status: 204, headers: [['Access-Control-Allow-Origin', PUBLIC_HTTPS], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-trace']] } }, response: null }],
      errorText: 'net::ERR_FAILED',
    };
    expect(verdictOf(x)).toEqual(['blocked', 'InvalidLocalNetworkAccess', '']);
    expect(diagnose(x).failedAt).toEqual({ hop: 0, phase: 'request' });
    // Without the mismatch, an answered preflight means the check passed.
    const { targetAddressSpaceMismatch: _, ...request } = x.request;
    expect(diagnose({ ...x, request }).corsError).not.toBe('InvalidLocalNetworkAccess');
  });
});
