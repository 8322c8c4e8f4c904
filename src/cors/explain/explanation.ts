// The words people read, built from a Diagnosis. Nothing here decides a verdict.

import type { AdvisoryKind } from '../diagnosis.ts';

/** Server software recognised from response headers (`Server`, `X-Powered-By`, ...). */
export type ServerStack =
  | 'express'
  | 'fastify'
  | 'django'
  | 'flask'
  | 'spring'
  | 'aspnet'
  | 'nginx'
  | 'apache'
  | 'caddy'
  | 'aws-s3'
  | 'aws-api-gateway';

export interface Fix {
  /** `generic` is the raw headers; `vite-proxy`/`webpack-proxy` avoid CORS in local development. */
  target: ServerStack | 'generic' | 'vite-proxy' | 'webpack-proxy';
  title: string;
  language: 'http' | 'js' | 'python' | 'java' | 'csharp' | 'nginx' | 'apache' | 'caddyfile' | 'json' | 'xml';
  snippet: string;
  /** The mistake people make with this stack that produces this very error. */
  trap?: string;
}

/** One thing the server must send. */
export interface ServerMustSend {
  on: 'preflight' | 'response' | 'redirect';
  hop: number;
  /** A header name, or `Status` for the status code when `kind` is `status`. */
  header: string;
  value: string;
  /** Optional, added: `status` when `value` is a status code rather than a header value. */
  kind?: 'header' | 'status';
}

export interface Explanation {
  /** A few words for a list row: "Origin not allowed", "Header x-trace not allowed by preflight". */
  headline: string;
  /** The console message as Chromium words it, or null when Chromium prints none. */
  consoleMessage: string | null;
  /** Plain-language account of what happened, a few sentences. */
  explanation: string;
  /** The headers the server must send instead, on which response. */
  serverMustSend: ServerMustSend[];
  /** Fixes, the detected stack's first, then the generic one and the dev-proxy alternatives. */
  fixes: Fix[];
  advisories: { kind: AdvisoryKind; severity: 'high' | 'medium' | 'low'; text: string }[];
  /** What Firefox would report, with its MDN page. */
  firefox: { reason: string; mdn: string } | null;
  /** Notes about what had to be assumed, and what differs under other assumptions. */
  assumptions: string[];
}
