// The words people read, built from a Diagnosis. Nothing here decides a verdict.

import type { AdvisoryKind, AdvisorySeverity } from '../diagnosis.ts';
import type { ProbeTarget } from './probe-target.ts';

/** Server software recognised from response headers (`Server`, `X-Powered-By`, ...). */
export type ServerStack =
  | 'express'
  | 'fastify'
  | 'koa'
  | 'django'
  | 'flask'
  | 'spring'
  | 'aspnet'
  | 'iis'
  | 'nginx'
  | 'apache'
  | 'caddy'
  | 'aws-s3'
  | 'aws-api-gateway'
  | 'koa'
  | 'hono'
  | 'nestjs'
  | 'nextjs'
  | 'rails'
  | 'laravel'
  | 'go-rs-cors'
  | 'go-jub0bs-cors'
  | 'cloudflare'
  | 'cloudfront'
  | 'vercel';

/**
 * A layer recognised in front of the server that passes CORS headers through and has no CORS
 * setting of its own to fix (a CDN, a cache, a proxy named only in `Via`); `unknown` is a layer
 * that names nothing but must be there (the other copy of a duplicated header).
 */
export type PassThroughLayer = 'cloudfront' | 'fastly' | 'varnish' | 'netlify' | 'heroku' | 'proxy' | 'unknown';

export type LayerName = ServerStack | PassThroughLayer;

/** One header line that made a layer recognised, and what it says. */
export interface LayerEvidence {
  header: string;
  value: string;
  says: string;
}

/**
 * One layer the response passed through, outer (the edge) to inner (the app). `names` holds one
 * name when the evidence decides, several when it fits each of them equally.
 */
export interface Layer {
  names: LayerName[];
  role: 'platform' | 'front' | 'app';
  evidence: LayerEvidence[];
}

/** Which layer most likely set one CORS header line, and why. */
export interface HeaderAttribution {
  /** Where the response was: the preflight's or the actual response's. */
  on: 'preflight' | 'response';
  header: string;
  value: string;
  /** One name when decided; several when the evidence could not tell them apart. */
  setBy: LayerName[];
  evidence: string;
  /** One of several `Access-Control-Allow-Origin` lines (`MultipleAllowOriginValues`). */
  duplicate: boolean;
}

/** Every layer the failing hop's responses reveal, and who set each CORS header. */
export interface StackReading {
  /** Outer to inner. */
  layers: Layer[];
  headers: HeaderAttribution[];
  /**
   * The stack whose fix comes first: the layer that set the failing header when that is decided,
   * else the innermost decided app; null when none is decided.
   */
  primary: ServerStack | null;
  /** Layers whose CORS headers could not be told apart (both fixes are offered), else empty. */
  undecided: LayerName[];
  /**
   * Optional, added: the preflight and the request were answered by different layers (nginx answered
   * OPTIONS itself, the app the GET), which chose `primary`: the preflight's; absent otherwise.
   */
  answeredApart?: AnsweredApart;
}

/** Which layer answered the preflight, and which the request, when they differ. */
export interface AnsweredApart {
  preflight: ServerStack;
  response: ServerStack;
}

/** An ordering trap recognised on the exchange: the reason the headers are missing, as data. */
export type TrapKind =
  | 'auth-before-preflight'
  | 'options-not-routed'
  | 'error-without-cors'
  | 'preflight-redirect-slash'
  | 'preflight-redirect-https'
  | 'origin-with-path'
  | 'dev-proxy-host'
  | 'two-layers-allow-origin';

export interface Trap {
  kind: TrapKind;
  /** The status or value seen that shows it (`401`, `https://app.example/`). */
  seen: string;
  /** The stack the trap's fix is written for (null: the words for any server). */
  stack: ServerStack | null;
  text: string;
}

export interface Fix {
  /** `generic` is the raw headers; `vite-proxy`/`webpack-proxy` avoid CORS in local development. */
  target: ServerStack | 'generic' | 'vite-proxy' | 'webpack-proxy';
  title: string;
  language: 'http' | 'js' | 'python' | 'java' | 'csharp' | 'nginx' | 'apache' | 'caddyfile' | 'json' | 'xml' | 'ruby' | 'php' | 'go';
  snippet: string;
  /** The mistake people make with this stack that produces this very error. */
  trap?: string;
  /**
   * A short name for the fix's tab, when several fixes share a target (Local Network Access's are
   * all `generic`, yet none is about headers); the target's name otherwise.
   */
  tab?: string;
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
  /**
   * Optional, added: `server` when this request does not need the line, which is kept because the
   * server already sends it (`Access-Control-Allow-Credentials: true`: its requests with credentials
   * need it, and a fix without it would refuse them). Words: `keptFromServerNote`.
   */
  kept?: 'server';
}

/**
 * What the browser does not check but the server should send anyway, and why (`advice`, words in
 * `shouldSendWords`). `vary-origin`: `Vary: Origin` beside an Access-Control-Allow-Origin that names
 * one origin, so a cache does not serve one origin's answer to another. The CORS check
 * (https://fetch.spec.whatwg.org/#concept-cors-check) never reads Vary: it is cache advice
 * (https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches), not a requirement.
 * `private-network-access`: the preflight header an older Chromium's Private Network Access code
 * asked for (`Access-Control-Allow-Private-Network: true`, …), which Chromium 156 no longer reads.
 */
export interface ServerShouldSend {
  on: ServerMustSend['on'];
  hop: number;
  header: string;
  value: string;
  advice: 'vary-origin' | 'private-network-access';
}

export interface Explanation {
  /** A few words for a list row: "Origin not allowed", "Header x-trace not allowed by preflight". */
  headline: string;
  /** The console message as Chromium words it, or null when Chromium prints none. */
  consoleMessage: string | null;
  /** Plain-language account of what happened, a few sentences. */
  explanation: string;
  /** The headers the server must send instead, on which response: what the browser checks, nothing else. */
  serverMustSend: ServerMustSend[];
  /**
   * Optional, added: what the server should send beside them though the browser does not check it
   * (`Vary: Origin`); absent from an explanation made before it was, whose serverMustSend held it.
   */
  serverShouldSend?: ServerShouldSend[];
  /** Fixes, the detected stack's first, then the generic one and the dev-proxy alternatives. */
  fixes: Fix[];
  /**
   * What the exchange shows about the server's policy. `probe`, when present: what one exchange
   * cannot tell, and what `cors-inspector probe` would ask to find out.
   */
  advisories: { kind: AdvisoryKind; severity: AdvisorySeverity; text: string; probe?: ProbeTarget }[];
  /** What Firefox would report, with its MDN page. */
  /** `console`: Firefox's console line, in its words (src/cors/firefox/console-text.ts); absent from an explanation made before it was. */
  firefox: { reason: string; mdn: string; console?: string } | null;
  /** Notes about what had to be assumed, and what differs under other assumptions. */
  assumptions: string[];
  /** Optional, added: the layers the failing hop's responses reveal, and who set each CORS header. */
  stack?: StackReading;
  /** Optional, added: the ordering traps recognised, each with its stack's fix in words. */
  traps?: Trap[];
}
