// Local Network Access: a page may reach a less public address space (its own machine, the local
// network) only with the user's permission, and only from a secure context.
// https://wicg.github.io/local-network-access/ (Chromium's `network::LocalNetworkAccessChecker`,
// which superseded Private Network Access and its `Access-Control-Allow-Private-Network` preflight).
//
// The browser decides on the address the connection reached; a capture of a blocked request has no
// address (nothing answered), so the engine reads the URL's host, as the spec's non-IP rules do for
// `localhost` and `.local`, and says when it had to.

import type { CorsError } from './cors-error.ts';
import { parseUrl } from './origin.ts';

/**
 * https://wicg.github.io/local-network-access/#ip-address-space, most private first. Chromium's
 * `IPAddressSpace` (`Loopback`, `Local`, `Public` in the DevTools protocol).
 */
export type AddressSpace = 'loopback' | 'local' | 'public';

const RANK: Readonly<Record<AddressSpace, number>> = { loopback: 0, local: 1, public: 2 };

/**
 * https://wicg.github.io/local-network-access/#private-network-request: a request whose target is
 * in a less public address space than its initiator's.
 */
export function isLessPublic(target: AddressSpace, initiator: AddressSpace): boolean {
  return RANK[target] < RANK[initiator];
}

/** The address space of an IPv4 address given as four numbers. */
function ipv4Space(a: number, b: number): AddressSpace {
  if (a === 127) return 'loopback'; // 127.0.0.0/8
  if (a === 10) return 'local'; // 10.0.0.0/8
  if (a === 172 && b >= 16 && b <= 31) return 'local'; // 172.16.0.0/12
  if (a === 192 && b === 168) return 'local'; // 192.168.0.0/16
  if (a === 169 && b === 254) return 'local'; // 169.254.0.0/16, link-local
  return 'public';
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * The address space of an IP address as the URL parser serializes it (`127.0.0.1`, `[::1]`) or as a
 * capture writes it (`::1`, HAR's `serverIPAddress`); null when it is not an IP address.
 */
export function addressSpaceOfIp(address: string): AddressSpace | null {
  const v4 = IPV4.exec(address);
  if (v4 !== null) return ipv4Space(Number(v4[1]), Number(v4[2]));
  const v6 = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!v6.includes(':')) return null;
  const lower = v6.toLowerCase();
  if (lower === '::1') return 'loopback';
  // IPv4-mapped (`::ffff:127.0.0.1`, serialized by the URL parser as `::ffff:7f00:1`): the IPv4 rules.
  const mapped = /^::ffff:(?:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(lower);
  if (mapped !== null) {
    if (mapped[1] !== undefined) return addressSpaceOfIp(mapped[1]);
    const high = parseInt(mapped[2]!, 16);
    return ipv4Space(high >> 8, high & 0xff);
  }
  const first = parseInt(lower.split(':')[0] || '0', 16);
  if ((first & 0xfe00) === 0xfc00) return 'local'; // fc00::/7, unique local
  if ((first & 0xffc0) === 0xfe80) return 'local'; // fe80::/10, link-local
  return 'public';
}

/**
 * The address space of a host as the URL parser serializes it: an IP address by its range;
 * `localhost` and `*.localhost` are loopback (https://w3c.github.io/webappsec-secure-contexts/#localhost);
 * `*.local` is a multicast DNS name on the local network; any other name is taken as public, which
 * only its DNS answer could deny (`inferred: true`).
 */
export function addressSpaceOfHost(host: string): { space: AddressSpace; inferred: boolean } {
  const ip = addressSpaceOfIp(host);
  if (ip !== null) return { space: ip, inferred: false };
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name === 'localhost' || name.endsWith('.localhost')) return { space: 'loopback', inferred: false };
  if (name.endsWith('.local')) return { space: 'local', inferred: false };
  return { space: 'public', inferred: true };
}

/**
 * The address space of a URL's host, after the URL parser's host normalisation (IPv4 shorthands
 * such as `127.1`, hexadecimal parts, IDNA, IPv6 compression); null for a URL without a host
 * (`data:`, `blob:`) or one that does not parse.
 */
export function addressSpaceOfUrl(url: string): { space: AddressSpace; inferred: boolean } | null {
  const parsed = parseUrl(url);
  if (parsed === null || parsed.hostname === '') return null;
  return addressSpaceOfHost(parsed.hostname);
}

/**
 * Whether a page of origin `origin` is a secure context, as far as its origin tells:
 * https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy (an `https:`/`wss:`
 * origin, or a loopback host). A page inside an insecure frame is not, which the origin cannot show.
 */
export function isPotentiallyTrustworthyOrigin(origin: string): boolean {
  const parsed = parseUrl(origin);
  if (parsed === null) return false;
  if (parsed.protocol === 'https:' || parsed.protocol === 'wss:') return true;
  return parsed.hostname !== '' && addressSpaceOfHost(parsed.hostname).space === 'loopback';
}

/**
 * Chromium's CorsError for a request Local Network Access refused: from an insecure context it is
 * never allowed (`InsecureLocalNetwork`); from a secure one, the user did not grant the permission
 * (`LocalNetworkAccessPermissionDenied`: denied, dismissed, or never asked in headless).
 */
export function localNetworkAccessError(initiatorSecureContext: boolean): CorsError {
  return initiatorSecureContext ? 'LocalNetworkAccessPermissionDenied' : 'InsecureLocalNetwork';
}
