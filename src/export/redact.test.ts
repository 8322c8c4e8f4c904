import { describe, expect, it } from 'vitest';
import { redactHeader, redactUrl, type Redaction } from './redact.ts';

const jwt =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('redactHeader', () => {
  const cases: { about: string; line: [string, string]; expected: [string, string]; kinds: string[] }[] = [
    {
      about: 'cookie values go, cookie names stay',
      line: ['Cookie', 'sid=s3cr3t; theme=dark'],
      expected: ['Cookie', 'sid=REDACTED-COOKIE; theme=REDACTED-COOKIE'],
      kinds: ['cookie'],
    },
    {
      about: 'set-cookie keeps its attributes',
      line: ['Set-Cookie', 'sid=s3cr3t; Path=/; HttpOnly'],
      expected: ['Set-Cookie', 'sid=REDACTED-SET-COOKIE; Path=/; HttpOnly'],
      kinds: ['set-cookie'],
    },
    {
      about: "set-cookie's attributes lose a secret by its shape (session 32)",
      line: ['Set-Cookie', `sid=s3cr3t; Path=/invite/${jwt}; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Comment=AKIAIOSFODNN7EXAMPLE`],
      expected: ['Set-Cookie', 'sid=REDACTED-SET-COOKIE; Path=/invite/REDACTED-JWT; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Comment=REDACTED-API-KEY'],
      kinds: ['set-cookie', 'jwt', 'api-key'],
    },
    {
      about: 'a bearer token keeps its scheme',
      line: ['Authorization', `Bearer ${jwt}`],
      expected: ['Authorization', 'Bearer REDACTED-AUTHORIZATION'],
      kinds: ['authorization'],
    },
    {
      about: 'proxy-authorization is a credential too',
      line: ['Proxy-Authorization', 'Basic dXNlcjpwYXNz'],
      expected: ['Proxy-Authorization', 'Basic REDACTED-AUTHORIZATION'],
      kinds: ['authorization'],
    },
    { about: 'x-api-key', line: ['X-API-Key', 'k-123'], expected: ['X-API-Key', 'REDACTED-API-KEY'], kinds: ['api-key'] },
    { about: 'x-auth-token', line: ['x-auth-token', 't'], expected: ['x-auth-token', 'REDACTED-TOKEN'], kinds: ['token'] },
    { about: 'private-token (GitLab)', line: ['PRIVATE-TOKEN', 't'], expected: ['PRIVATE-TOKEN', 'REDACTED-TOKEN'], kinds: ['token'] },
    {
      about: 'a JWT inside an ordinary header',
      line: ['X-Debug', `user=${jwt}`],
      expected: ['X-Debug', 'user=REDACTED-JWT'],
      kinds: ['jwt'],
    },
    {
      about: 'CORS headers that name credentials are not secrets',
      line: ['Access-Control-Allow-Credentials', 'true'],
      expected: ['Access-Control-Allow-Credentials', 'true'],
      kinds: [],
    },
    {
      about: 'the preflight may name authorization without carrying it',
      line: ['Access-Control-Request-Headers', 'authorization,x-api-key'],
      expected: ['Access-Control-Request-Headers', 'authorization,x-api-key'],
      kinds: [],
    },
    { about: 'X-CSRFToken (Django) has no separator before token', line: ['X-CSRFToken', 'c'], expected: ['X-CSRFToken', 'REDACTED-TOKEN'], kinds: ['token'] },
    { about: 'x-session-id', line: ['x-session-id', 's'], expected: ['x-session-id', 'REDACTED-API-KEY'], kinds: ['api-key'] },
    { about: 'ordinary headers are left alone', line: ['Content-Type', 'application/json'], expected: ['Content-Type', 'application/json'], kinds: [] },
    // The leaks: names no short list had.
    { about: 'X-Authorization keeps its scheme', line: ['X-Authorization', 'Bearer t'], expected: ['X-Authorization', 'Bearer REDACTED-AUTHORIZATION'], kinds: ['authorization'] },
    { about: 'X-Forwarded-Authorization', line: ['X-Forwarded-Authorization', 'Basic dTpw'], expected: ['X-Forwarded-Authorization', 'Basic REDACTED-AUTHORIZATION'], kinds: ['authorization'] },
    { about: 'Authentication', line: ['Authentication', 's3cr3t'], expected: ['Authentication', 'REDACTED-AUTHORIZATION'], kinds: ['authorization'] },
    { about: 'X-Amzn-Remapped-Authorization', line: ['X-Amzn-Remapped-Authorization', 'AWS4-HMAC-SHA256 Credential=x'], expected: ['X-Amzn-Remapped-Authorization', 'AWS4-HMAC-SHA256 REDACTED-AUTHORIZATION'], kinds: ['authorization'] },
    { about: 'Cookie2', line: ['Cookie2', 'a=1'], expected: ['Cookie2', 'a=REDACTED-COOKIE'], kinds: ['cookie'] },
    {
      about: 'several Set-Cookie lines folded into one value',
      line: ['set-cookie', 'a=1; Path=/\nb=2; HttpOnly'],
      expected: ['set-cookie', 'a=REDACTED-SET-COOKIE; Path=/\nb=REDACTED-SET-COOKIE; HttpOnly'],
      kinds: ['set-cookie'],
    },
    {
      about: 'a JWT whose header JSON has spaces (does not start with eyJ)',
      line: ['X-Trace', `t=${btoa('{ "alg": "HS256" }').replace(/=+$/, '')}.${btoa('{"sub":"x"}').replace(/=+$/, '')}.c2ln`],
      expected: ['X-Trace', 't=REDACTED-JWT'],
      kinds: ['jwt'],
    },
    {
      about: 'a URL inside a custom header, redacted as a URL',
      line: ['X-Return-To', 'https://u:p@app.example/cb?oauth_token=t&x=1'],
      expected: ['X-Return-To', 'https://REDACTED-AUTHORIZATION@app.example/cb?oauth_token=REDACTED-QUERY-SECRET&x=1'],
      kinds: ['authorization', 'query-secret'],
    },
    {
      about: 'Link targets',
      line: ['Link', '<https://a.example/p?access_key=k>; rel="next"'],
      expected: ['Link', '<https://a.example/p?access_key=REDACTED-QUERY-SECRET>; rel="next"'],
      kinds: ['query-secret'],
    },
    { about: 'a relative Location', line: ['Location', '/cb?code=c'], expected: ['Location', '/cb?code=REDACTED-QUERY-SECRET'], kinds: ['query-secret'] },
    {
      about: 'a random-looking value under a name no rule knows',
      line: ['X-Thing', 'q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU'],
      expected: ['X-Thing', 'REDACTED-OPAQUE-TOKEN'],
      kinds: ['opaque-token'],
    },
    { about: 'an ETag is not a secret', line: ['ETag', '"q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU"'], expected: ['ETag', '"q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU"'], kinds: [] },
    { about: 'Keep-Alive is not a key', line: ['Keep-Alive', 'timeout=5'], expected: ['Keep-Alive', 'timeout=5'], kinds: [] },
    {
      about: 'an origin the engine reads loses its secrets (redact-engine-values.ts keeps it read alike)',
      line: ['Access-Control-Allow-Origin', 'https://u:p@a.example/?token=q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU'],
      expected: ['Access-Control-Allow-Origin', 'https://REDACTED-AUTHORIZATION@a.example/?token=REDACTED-QUERY-SECRET'],
      kinds: ['authorization', 'query-secret'],
    },
    {
      about: 'other values the engine reads are never touched, whatever they hold',
      line: ['Access-Control-Allow-Methods', 'PUT, q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU'],
      expected: ['Access-Control-Allow-Methods', 'PUT, q8Zb3K2pXvLr9TmW1nYcA7dF0sHgJ4eU'],
      kinds: [],
    },
    { about: 'an empty credential has nothing to take', line: ['Authorization', ''], expected: ['Authorization', ''], kinds: [] },
    { about: 'a Bearer credential under a name no rule knows', line: ['X-Thing2', 'Bearer hunter2g4'], expected: ['X-Thing2', 'Bearer REDACTED-AUTHORIZATION'], kinds: ['authorization'] },
    { about: 'a Basic credential under a name no rule knows', line: ['X-Thing', 'Basic dXNlcjpodW50ZXIyZzM='], expected: ['X-Thing', 'Basic REDACTED-AUTHORIZATION'], kinds: ['authorization'] },
    { about: 'creds is short for credentials', line: ['X-Forwarded-Creds', 'c'], expected: ['X-Forwarded-Creds', 'REDACTED-SECRET'], kinds: ['secret'] },
    // Vendors' keys and signed tokens whose values need not look random (session 44).
    { about: 'a Honeycomb key of one case', line: ['X-Honeycomb-Team', 'hcaik01abc23def45'], expected: ['X-Honeycomb-Team', 'REDACTED-API-KEY'], kinds: ['api-key'] },
    { about: 'a Firebase App Check token', line: ['X-Firebase-AppCheck', 'appcheck-debug-1234'], expected: ['X-Firebase-AppCheck', 'REDACTED-TOKEN'], kinds: ['token'] },
    { about: 'a DPoP proof cut short', line: ['DPoP', 'eyJ0eXAiOiJkcG9wK2p3dCJ9'], expected: ['DPoP', 'REDACTED-TOKEN'], kinds: ['token'] },
    { about: 'an ALB’s OIDC data cut short', line: ['x-amzn-oidc-data', 'eyJhbGciOiJFUzI1NiJ9'], expected: ['x-amzn-oidc-data', 'REDACTED-TOKEN'], kinds: ['token'] },
  ];
  for (const { about, line, expected, kinds } of cases) {
    it(about, () => {
      const found: Redaction[] = [];
      expect(redactHeader(line, found)).toEqual(expected);
      expect(found.map((r) => r.kind)).toEqual(kinds);
    });
  }
});

describe('redactUrl', () => {
  const cases: { about: string; url: string; expected: string }[] = [
    { about: 'no query', url: 'https://api.example/a/b', expected: 'https://api.example/a/b' },
    {
      about: 'api key in the query',
      url: 'https://api.example/a?api_key=abc&page=2',
      expected: 'https://api.example/a?api_key=REDACTED-QUERY-SECRET&page=2',
    },
    {
      about: 'access_token and a fragment',
      url: 'https://api.example/?access_token=abc#top',
      expected: 'https://api.example/?access_token=REDACTED-QUERY-SECRET#top',
    },
    {
      about: 'an encoded parameter name is still recognised',
      url: 'https://api.example/?api%5Fkey=abc',
      expected: 'https://api.example/?api%5Fkey=REDACTED-QUERY-SECRET',
    },
    {
      about: 'user info in the authority',
      url: 'https://user:pass@api.example/x',
      expected: 'https://REDACTED-AUTHORIZATION@api.example/x',
    },
    {
      about: 'an access token in the fragment (OAuth implicit flow)',
      url: 'https://app.example/cb#access_token=abc&state=xyz',
      expected: 'https://app.example/cb#access_token=REDACTED-QUERY-SECRET&state=xyz',
    },
    { about: 'a JWT in the path', url: `https://api.example/t/${jwt}/x`, expected: 'https://api.example/t/REDACTED-JWT/x' },
    { about: 'pw is a password', url: 'https://api.example/login?user=ana&pw=hunter2', expected: 'https://api.example/login?user=ana&pw=REDACTED-QUERY-SECRET' },
    {
      about: 'other parameters keep their exact bytes',
      url: 'https://api.example/?q=a%20b+c&x=%ZZ',
      expected: 'https://api.example/?q=a%20b+c&x=%ZZ',
    },
  ];
  for (const { about, url, expected } of cases) {
    it(about, () => expect(redactUrl(url)).toBe(expected));
  }
});
