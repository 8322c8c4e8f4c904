// Sending one of the probe's requests with node:http(s): exactly the headers planned (node:http adds
// only Host, and Connection: close since no agent keeps the socket), no redirect followed, no retry,
// a deadline for the whole answer. Node's fetch would add its own Accept-Language, Sec-Fetch-Mode,
// User-Agent and Accept-Encoding and follow redirects by default; the probe must send what it says.

import http from 'node:http';
import https from 'node:https';
import type { HeaderLine, ObservedResponse, PlannedRequest } from '../cors/index.ts';
import { redactUrl } from '../export/index.ts';
import { CliError } from './command.ts';
import { shortUrl } from './run-command.ts';

/**
 * Sends `request`; resolves to the status and headers, the body left unread. Throws `CliError` (input,
 * status 3), whose message names the URL with its secrets redacted, whatever `--include-secrets`.
 */
export function sendProbeRequest(request: PlannedRequest, timeoutMs: number): Promise<ObservedResponse> {
  const url = new URL(request.url);
  const client = url.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers) headers[name] = value;
  const what = `${request.role === 'preflight' ? 'the OPTIONS preflight' : `the ${request.method} request`} to ${shortUrl(redactUrl(request.url))}`;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      outgoing.destroy();
      reject(new CliError('input', `${what}: ${message}; nothing more was sent`));
    };
    const outgoing = client.request(url, { method: request.method, headers, agent: false }, (incoming) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      const lines: HeaderLine[] = [];
      for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) lines.push([incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!]);
      // Only the headers matter: the body is not read (it may be large, or never end).
      incoming.destroy();
      outgoing.destroy();
      resolve({ status: incoming.statusCode ?? 0, headers: lines });
    });
    // The whole answer's deadline, not the socket's idle time: a server that trickles bytes fails too.
    const deadline = setTimeout(() => fail(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    outgoing.on('error', (error: NodeJS.ErrnoException) => fail(networkErrorWords(error)));
    outgoing.end();
  });
}

/** A Node network error in a few words. */
function networkErrorWords(error: NodeJS.ErrnoException): string {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return 'connection refused (is the server running, on that port?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET') return 'the connection was closed without an HTTP answer';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'host unreachable';
  // llhttp's parse errors: bytes came back, but not an HTTP response.
  if (code.startsWith('HPE_')) return 'the server answered, but not with HTTP';
  const tls = openSslReason(error);
  // An https:// URL on a plain-http port: the server's first bytes are HTTP, no TLS record.
  if (tls === 'wrong version number' || tls === 'packet length too long') return 'the server did not answer TLS (is it http://?)';
  if (tls !== null) return `TLS failed: ${tls}`;
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT')) return `TLS failed: ${error.message.split('\n', 1)[0]}`;
  return (error.message || code).split('\n', 1)[0]!;
}

/**
 * OpenSSL's reason for a TLS failure (`wrong version number`), which Node gives only inside its
 * text (`write EPROTO 80...:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/...`)
 * or as `reason`; null for another error.
 */
function openSslReason(error: NodeJS.ErrnoException & { reason?: unknown }): string | null {
  if (typeof error.reason === 'string' && error.code?.startsWith('ERR_SSL') === true) return error.reason;
  if (error.code !== 'EPROTO') return null;
  return /:error:[0-9A-Fa-f]+:[^:]*:[^:]*:([^:]+):/.exec(error.message)?.[1] ?? null;
}
