// The URL Standard's parser (https://url.spec.whatwg.org/#url-class) as the engine uses it: the `URL`
// global of every runtime the engine runs in (Node, the DevTools panel, the extension's service
// worker). The engine is type-checked without DOM or Node types (src/cors/tsconfig.json), so the few
// members it reads are declared here, and origin.ts, the one file that parses URLs, binds the global
// to this type.

/** https://url.spec.whatwg.org/#url-class, the members the engine reads. */
export interface ParsedUrl {
  readonly href: string;
  readonly origin: string;
  /** The scheme followed by `:`. */
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  /** The host without the port; IPv6 in brackets. */
  readonly hostname: string;
  /** Empty for the scheme's default port. */
  readonly port: string;
  /** `/` at least, for a URL with a host. */
  readonly pathname: string;
  /** `?query`, or empty. */
  readonly search: string;
}

/** `new URL(url, base)`: throws a TypeError when the input does not parse. */
export type UrlConstructor = new (url: string, base?: string) => ParsedUrl;
