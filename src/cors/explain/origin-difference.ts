// Plain words for how the allowed origin differs from the page's origin.
// https://html.spec.whatwg.org/multipage/browsers.html#concept-origin: an origin is the tuple
// (scheme, host, port), serialized `scheme://host[:port]` with no path and no trailing slash,
// and the CORS check compares the serialization byte for byte
// (https://fetch.spec.whatwg.org/#concept-cors-check step 7).

import type { OriginComparison, OriginDifference } from '../diagnosis.ts';

interface OriginParts { scheme: string; host: string; port: string }

const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443', ws: '80', wss: '443' };

export function originParts(value: string): OriginParts | null {
  const m = /^\s*([a-z][a-z0-9+.-]*):\/\/(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?/i.exec(value);
  if (!m) return null;
  const scheme = (m[1] ?? '').toLowerCase();
  return { scheme, host: m[2] ?? '', port: m[3] || DEFAULT_PORTS[scheme] || '' };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function sentence(kind: OriginDifference, allow: string, origin: string): string {
  const a = originParts(allow);
  const o = originParts(origin);
  const both = `The server allows ${allow} but the page is ${origin}`;
  switch (kind) {
    case 'scheme':
      return `${both}: the scheme differs (${a?.scheme ?? '?'} vs ${o?.scheme ?? '?'}), and the scheme is part of the origin.`;
    case 'host':
      return `${both}: the host differs (${a?.host ?? '?'} vs ${o?.host ?? '?'}).`;
    case 'port':
      return `${both}: the port differs (${a?.port || 'none'} vs ${o?.port || 'none'}), and the port is part of the origin.`;
    case 'default-port':
      return `The server sends ${allow}, with the default port written out (:${a?.port ?? ''}); the browser compares it with the page's serialized origin, which leaves the default port out, so it must be exactly ${origin}.`;
    case 'localhost-vs-loopback':
      return `${both}: ${a?.host ?? 'localhost'} and ${o?.host ?? '127.0.0.1'} are different origins, even though both reach this machine.`;
    case 'trailing-slash':
      return `The server sends ${allow} with a trailing slash; an origin has no path, so it must be exactly ${origin}.`;
    case 'path':
      return `The server sends ${allow}, which has a path; send only the origin, ${origin}.`;
    case 'case':
      return `The server sends ${allow}; the browser compares origins character by character, so it must be exactly ${origin} (lower-case scheme and host).`;
    case 'list':
      return `The server sends several origins (${allow}); the header takes exactly one origin or *. Compare the request's Origin header with your list and send back only the one that matches.`;
    case 'whitespace':
      return `The value ${JSON.stringify(allow)} has whitespace inside it; send exactly ${origin}.`;
    case 'null':
      return origin === 'null'
        ? `After a redirect to another origin the browser sends Origin: null (the request's origin is "tainted"), so ${allow} no longer matches. Call the final URL directly instead of redirecting across origins.`
        : `The server allows null, which is not the page's origin ${origin}; and null is the origin of sandboxed iframes and file: pages, so it should never be trusted.`;
    case 'invalid':
      return `${JSON.stringify(allow)} is not an origin (scheme://host[:port]); send exactly ${origin}.`;
  }
}

/**
 * One sentence per difference, most telling first. Scheme, host and port are the origin's tuple:
 * they go in one sentence ("the host differs (...); the port differs (...)").
 */
export function describeOriginDifferences(comparison: OriginComparison): string[] {
  const kinds = new Set(comparison.differences);
  const { allowOrigin: allow, requestOrigin: origin } = comparison;
  const tuple = TUPLE.filter((k) => kinds.has(k) && !(k === 'host' && kinds.has('localhost-vs-loopback')));
  const out: string[] = [];
  for (const k of ORDER) {
    if (!kinds.has(k)) continue;
    if (TUPLE.includes(k)) {
      if (k === tuple[0] && tuple.length === 1) out.push(sentence(k, allow, origin));
      else if (k === tuple[0]) out.push(tupleSentence(tuple, allow, origin));
      continue;
    }
    out.push(sentence(k, allow, origin));
  }
  return out;
}

const TUPLE: OriginDifference[] = ['localhost-vs-loopback', 'scheme', 'host', 'port'];

function tupleSentence(kinds: OriginDifference[], allow: string, origin: string): string {
  const a = originParts(allow);
  const o = originParts(origin);
  const bits = kinds.map((k) => {
    switch (k) {
      case 'scheme': return `the scheme differs (${a?.scheme ?? '?'} vs ${o?.scheme ?? '?'})`;
      case 'host': return `the host differs (${a?.host ?? '?'} vs ${o?.host ?? '?'})`;
      case 'port': return `the port differs (${a?.port || 'none'} vs ${o?.port || 'none'})`;
      default: return `${a?.host ?? 'localhost'} and ${o?.host ?? '127.0.0.1'} are different hosts, even though both reach this machine`;
    }
  });
  return `The server allows ${allow} but the page is ${origin}: ${bits.join('; ')}. Scheme, host and port must all match.`;
}

const ORDER: OriginDifference[] = ['null', 'list', 'trailing-slash', 'path', 'localhost-vs-loopback', 'scheme', 'host', 'port', 'default-port', 'case', 'whitespace', 'invalid'];

