// The arguments curl gets for one request, checked so that no captured text can turn into something
// else: a curl option, a file curl reads, a header curl splits in two, or a scheme other than HTTP.
// Shell syntax is not here: each shell in `curl.ts` writes these arguments in its own quoting.

import type { CurlRequest } from './curl-requests.ts';
import { valueMayBeginAt } from './redact-header.ts';
import { quoted } from './visible-text.ts';

/** https://www.rfc-editor.org/rfc/rfc9110#name-tokens: `1*tchar`. Never empty, never starts with `@`. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const LONE_SURROGATE = /\p{Cs}/u;

export interface CurlInvocation {
  /**
   * The arguments after `curl`, one group per printed line: options, `--url URL`, each `-H` header.
   * Every value follows the option that takes it, so curl can never read it as an option.
   */
  lines: string[][];
  /** The body to send exactly, or null. Each shell adds `--data-raw BODY` or `--data-binary @-`. */
  body: string | null;
}

export type CheckedInvocation = { ok: true; invocation: CurlInvocation } | { ok: false; reason: string };

/**
 * Why curl could not be given this URL as it stands, or null. Only absolute http(s) URLs: any other
 * scheme (`file:`, `gopher:`, `dict:`, `data:`) would make curl do something else than an HTTP request.
 */
function urlProblem(url: string): string | null {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1];
  if (scheme !== undefined && !/^https?$/i.test(scheme)) return `the URL scheme ${quoted(`${scheme}:`)} is not http or https`;
  if (!/^https?:\/\//i.test(url)) return `the URL ${quoted(url)} is not an absolute http or https URL`;
  // White space or a control character would be cut, rejected or sent differently by curl.
  if (/[\s\p{Cc}\p{Cf}\p{Cs}]/u.test(url)) return `the URL ${quoted(url)} contains white space or a control character`;
  if (!URL.canParse(url)) return `the URL ${quoted(url)} is not a valid URL`;
  return null;
}

/**
 * The URL as the browser requested it, which curl is to send: the captured URL parsed by the URL
 * Standard (https://url.spec.whatwg.org/#concept-basic-url-parser) and serialized again, without
 * its fragment (never sent) and without a user name or password. curl parses URLs by rules of its
 * own, and the two readings differ: `http://api.example\@10.0.0.1/` is host `api.example` to the
 * browser (a `\` is a `/` in an http URL) and `10.0.0.1` to curl, with `api.example\` as a user
 * name it sends in an Authorization header; `/a/../b` is `/b` to the browser. The serialization has
 * one reading, so the command goes where the capture and the tool's own words say. A user name or
 * password would become an Authorization header the browser never sent (Chromium sends no
 * subresource request that carries them).
 */
export function urlAsRequested(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  return parsed.href;
}

/**
 * A header name that is no token, as a refusal shows it: whole, or, where a value could begin
 * (`valueMayBeginAt`: a whole `Authorization: Bearer …` line captured as the name, a value glued on
 * by a zero-width space), only up to there, that character left out. What follows may be a secret,
 * and the refusal is printed in every export. The export reads the redacted name (`Authorization
 * REDACTED-REST-OF-NAME`, cut where the captured one was), so both read `starting "Authorization"`,
 * as `probe --header` words it.
 */
function badNameShown(name: string): string {
  const cut = valueMayBeginAt(name);
  if (cut === -1) return quoted(name);
  return cut === 0 ? `starting with ${quoted(name[0]!)}` : `starting ${quoted(name.slice(0, cut))}`;
}

/** Why this header cannot be sent as captured, or null. */
function headerProblem(name: string, value: string): string | null {
  if (!TOKEN.test(name)) {
    const shown = badNameShown(name);
    return `the header name ${shown} is not an HTTP token (RFC 9110${shown.startsWith('starting') ? '; the rest is not shown: it may hold a secret' : ''})`;
  }
  // curl would end the header line there and send the rest as another header.
  if (/[\0\r\n]/.test(value)) return `the value of the ${name} header contains a line break or NUL byte`;
  if (LONE_SURROGATE.test(value)) return `the value of the ${name} header contains an unpaired UTF-16 surrogate (no bytes to send)`;
  return null;
}

function headerArgument(name: string, value: string): string {
  // `Name:` with nothing after it (or only white space) tells curl to drop the header; `Name;` sends
  // it empty, which is what a value of only white space means in HTTP anyway.
  return /^[ \t]*$/.test(value) ? `${name};` : `${name}: ${value}`;
}

/**
 * The curl arguments that send `request`, or why none can. `discardBody` is where the response body
 * goes (`/dev/null` or `NUL`); `headersTo`, where the response headers go: `-`, standard output, which
 * the command prints, or a file the next line shows (cmd).
 */
export function curlInvocation(request: CurlRequest, discardBody: string, headersTo: string): CheckedInvocation {
  const refuse = (reason: string): CheckedInvocation => ({ ok: false, reason });
  if (!TOKEN.test(request.method)) return refuse(`the method ${quoted(request.method)} is not an HTTP token`);
  const badUrl = urlProblem(request.url);
  if (badUrl !== null) return refuse(badUrl);
  for (const [name, value] of request.headers) {
    const problem = headerProblem(name, value);
    if (problem !== null) return refuse(problem);
  }
  if (request.body !== null && LONE_SURROGATE.test(request.body)) return refuse('the body contains an unpaired UTF-16 surrogate (no bytes to send)');

  // `-q` (`--disable`), first (curl honours it nowhere else): curl reads no ~/.curlrc (`_curlrc` on
  // Windows), whose `-H`, `-x` or `--compressed` would change the request sent and whose `verbose`
  // would print the raw response headers to standard error, past the header filter.
  // `--proto`: curl speaks only HTTP(S) here, even if the URL were something else;
  // `--proto-redir`: the same for any redirect it is told to follow.
  const options = ['-q', '--proto', '=http,https', '--proto-redir', '=http,https', '-sS', '--path-as-is', '-g', '-o', discardBody, '-D', headersTo];
  if (request.method === 'HEAD') options.push('--head');
  else if (request.method !== 'GET' || request.body !== null) options.push('-X', request.method);
  const lines: string[][] = [options, ['--url', urlAsRequested(request.url)]];

  const sent = new Set(request.headers.map(([name]) => name.toLowerCase()));
  // A header argument starts with its name, an HTTP token: never with `@`, which would make curl
  // read the headers from a file.
  for (const [name, value] of request.headers) lines.push(['-H', headerArgument(name, value)]);
  // curl adds headers of its own; the browser did not send these, so take them out again.
  if (!sent.has('accept')) lines.push(['-H', 'Accept:']);
  if (!sent.has('user-agent')) lines.push(['-H', 'User-Agent:']);
  if (request.body !== null && !sent.has('content-type')) lines.push(['-H', 'Content-Type:']);
  return { ok: true, invocation: { lines, body: request.body } };
}
