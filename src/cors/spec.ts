// Links to the Fetch Standard steps the checks restate. Kept in one place so a `Check` carries the
// same string every time (and no string is built per call).

export const SPEC = {
  corsCheck: 'https://fetch.spec.whatwg.org/#concept-cors-check',
  allowOrigin: 'https://fetch.spec.whatwg.org/#http-access-control-allow-origin',
  allowCredentials: 'https://fetch.spec.whatwg.org/#http-access-control-allow-credentials',
  preflightFetch: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch',
  preflightCache: 'https://fetch.spec.whatwg.org/#concept-cache-match',
  okStatus: 'https://fetch.spec.whatwg.org/#ok-status',
  allowMethods: 'https://fetch.spec.whatwg.org/#http-access-control-allow-methods',
  allowHeaders: 'https://fetch.spec.whatwg.org/#http-access-control-allow-headers',
  mainFetch: 'https://fetch.spec.whatwg.org/#main-fetch',
  redirectFetch: 'https://fetch.spec.whatwg.org/#http-redirect-fetch',
  httpFetch: 'https://fetch.spec.whatwg.org/#http-fetch',
  schemeFetch: 'https://fetch.spec.whatwg.org/#http-scheme',
  requestMode: 'https://fetch.spec.whatwg.org/#concept-request-mode',
  networkError: 'https://fetch.spec.whatwg.org/#concept-network-error',
  localNetworkAccess: 'https://wicg.github.io/local-network-access/#integration-fetch',
} as const;
