// For tests: exchanges with canary secrets planted anywhere a secret can be (every kind of
// credential header, cookies and Set-Cookie lines, query and fragment parameters, userinfo, URLs
// inside headers, JWTs, random-looking tokens, and JSON, GraphQL, form, multipart, XML and text
// bodies), each canary with the strings that must not appear in a default export.
//
// A canary's core is short and plain (`cnry3kqzw`), so only the policy's rules for names and
// structure can catch it, not the random-token rule; the random-token placement uses a random-looking
// core on purpose. Checking the core catches every textual encoding that keeps it whole (URL-encoded,
// JSON-escaped, shell-quoted, Markdown-escaped); base64 forms are listed where the input has them.

import fc from 'fast-check';
import type { HeaderLine, ObservedExchange } from '../cors/index.ts';

export interface PlantedSecret {
  /** Where it was planted, for a failure message. */
  place: string;
  /** The plain core: in the input, it must not be in any default export. */
  core: string;
  /** Other forms that must not be there either (base64 of it, the whole JWT, ...). */
  forms: string[];
  /** Whether the curl reproduction sends it (so `includeSecrets` must bring it back). */
  inCurl: boolean;
}

export interface CanaryCase {
  exchange: ObservedExchange;
  secrets: PlantedSecret[];
}

type BodyFormat = 'json' | 'graphql' | 'form' | 'multipart' | 'xml' | 'text';

interface BodyField {
  path: string[];
  /** A string, or a number (a numeric PIN or password). */
  value: string | number;
  asArray: boolean;
}

interface Draft {
  requestHeaders: HeaderLine[];
  responseHeaders: HeaderLine[];
  preflightResponseHeaders: HeaderLine[];
  query: string[];
  fragment: string[];
  userinfo: string | null;
  location: string | null;
  bodyFields: BodyField[];
  secrets: PlantedSecret[];
}

type Planting = (draft: Draft, id: number) => void;

const base64 = (text: string): string => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
const base64url = (text: string): string => base64(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * The forms of a canary value an export could write: URL-encoded (both ways of writing a space),
 * JSON-escaped, base64 and base64url (of the value and of the core). The textual ones hold the core
 * too; they are listed so a failure names the form that got through.
 */
function encodedForms(core: string, value: string): string[] {
  const textual = [value, encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, '+'), JSON.stringify(value).slice(1, -1)];
  const binary = [base64(value), base64url(value), base64(core).replace(/=+$/, ''), base64url(core)];
  return [...new Set([...textual, ...binary])].filter((form) => form !== core && form.length >= 8);
}

const suffix = fc.string({ unit: fc.constantFrom(...'abcdefghjkmnpqrstuvwxyz'), minLength: 4, maxLength: 4 });
// Text after the core in places that can carry it: spaces, quotes, separators, non-ASCII.
const extra = fc.constantFrom('', ' and more', '"q"', '&x=1;y', '/+==', ' é✓', "'s", '\\n');

function randomCase(name: string, pick: number): string {
  if (pick === 0) return name;
  if (pick === 1) return name.toLowerCase();
  return name.toUpperCase();
}

const SENSITIVE_HEADERS = [
  'Authorization', 'Proxy-Authorization', 'X-Authorization', 'X-Forwarded-Authorization', 'Authentication', 'X-Amzn-Remapped-Authorization',
  'X-Api-Key', 'X-Auth-Token', 'Private-Token', 'X-Session-Id', 'X-CSRF-Token', 'X-XSRF-TOKEN', 'X-CSRFToken', 'X-Goog-Api-Key',
  'X-Client-Secret', 'X-Password', 'X-Otp', 'X-Pin', 'X-Signature', 'X-Hub-Signature-256', 'X-Jwt', 'X-Bearer-Token',
  'X-Credential', 'X-Private-Key', 'X-Nonce', 'Ocp-Apim-Subscription-Key', 'X-Shopify-Access-Token', 'X-Vault-Token',
];
// Names no list holds: a prefix, a secret word, a suffix.
const generatedHeader = fc
  .tuple(fc.constantFrom('', 'X-', 'X-My-', 'X-Upstream-', 'Custom-'), fc.constantFrom('Auth', 'Token', 'Secret', 'Key', 'Api-Key', 'Session', 'Password', 'Pass', 'Pwd', 'Otp', 'Pin', 'Signature', 'Sig', 'Credential', 'Csrf', 'Xsrf', 'Jwt', 'Bearer', 'Private-Key'), fc.constantFrom('', '-Id', '-Value', 'Token', '-Hash'))
  .map(([prefix, word, end]) => `${prefix}${word}${end}`);
const sensitiveHeader = fc.tuple(fc.oneof(fc.constantFrom(...SENSITIVE_HEADERS), generatedHeader), fc.integer({ min: 0, max: 2 })).map(([name, pick]) => randomCase(name, pick));

const SENSITIVE_PARAMETERS = [
  'auth_token', 'session_token', 'private_token', 'access_key', 'X-Goog-Signature', 'X-Goog-Credential', 'token_hash', 'jwt', 'token[]',
  'user[password]', 'oauth_token', 'api_key', 'apiKey', 'key', 'sig', 'signature', 'code', 'password', 'access_token', 'id_token',
  'client_secret', 'X-Amz-Signature', 'X-Amz-Security-Token', 'sessionid', 'otp', 'pin', 'a.b.password', 'refresh_token', 'nonce',
];
const sensitiveParameter = fc.constantFrom(...SENSITIVE_PARAMETERS);

const SENSITIVE_FIELDS = [
  'password', 'newPassword', 'pass', 'otp', 'pin', 'token', 'access_token', 'refresh_token', 'client_secret', 'api_key', 'apiKey', 'secret',
  'session', 'sessionId', 'csrf_token', 'authorization', 'credentials', 'signature', 'cvv', 'code', 'passcode', 'passphrase', 'private_key',
  'jwt', 'auth',
];

/** A header the request carries under a sensitive name, in one of the shapes credentials take. */
const requestCredential: fc.Arbitrary<Planting> = fc.tuple(sensitiveHeader, fc.constantFrom('raw', 'bearer', 'basic', 'token'), suffix, extra).map(
  ([name, shape, random, more]) =>
    (draft, id) => {
      const core = `cnry${id}${random}`;
      const value = core + more;
      const forms = encodedForms(core, value);
      let header = value;
      if (shape === 'bearer') header = `Bearer ${value}`;
      if (shape === 'token') header = `Token token="${value}"`;
      if (shape === 'basic') {
        header = `Basic ${base64(`user:${value}`)}`;
        forms.push(base64(`user:${value}`));
      }
      draft.requestHeaders.push([name, header]);
      draft.secrets.push({ place: `request header ${name} (${shape})`, core, forms, inCurl: shape !== 'basic' });
    },
);

const responseCredential: fc.Arbitrary<Planting> = fc.tuple(sensitiveHeader, fc.boolean(), suffix, extra).map(([name, onPreflight, random, more]) => (draft, id) => {
  const core = `cnry${id}${random}`;
  (onPreflight ? draft.preflightResponseHeaders : draft.responseHeaders).push([name, core + more]);
  draft.secrets.push({ place: `${onPreflight ? 'preflight ' : ''}response header ${name}`, core, forms: encodedForms(core, core + more), inCurl: false });
});

const cookie: fc.Arbitrary<Planting> = fc.tuple(fc.constantFrom('Cookie', 'cookie', 'Cookie2'), fc.integer({ min: 0, max: 2 }), suffix, fc.constantFrom('', '/+==', '.x')).map(
  ([name, position, random, more]) =>
    (draft, id) => {
      const core = `cnry${id}${random}`;
      const cookies = ['theme=dark', 'lang=en'];
      cookies.splice(position, 0, `sid${id}=${core}${more}`);
      draft.requestHeaders.push([name, cookies.join('; ')]);
      draft.secrets.push({ place: `${name} header`, core, forms: encodedForms(core, core + more), inCurl: true });
    },
);

/** Set-Cookie as separate lines, as lines folded with line breaks (the DevTools protocol), or with commas. */
const setCookie: fc.Arbitrary<Planting> = fc.tuple(fc.constantFrom('lines', 'newline', 'comma'), fc.integer({ min: 0, max: 2 }), fc.boolean(), suffix).map(
  ([style, position, onPreflight, random]) =>
    (draft, id) => {
      const core = `cnry${id}${random}`;
      const lines = ['a=1; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT; HttpOnly', 'b=2; Secure; SameSite=None'];
      lines.splice(position, 0, `s${id}=${core}; Max-Age=60; Partitioned`);
      const headers = onPreflight ? draft.preflightResponseHeaders : draft.responseHeaders;
      if (style === 'lines') for (const line of lines) headers.push(['Set-Cookie', line]);
      else headers.push(['set-cookie', lines.join(style === 'newline' ? '\n' : ', ')]);
      draft.secrets.push({ place: `Set-Cookie (${style}, line ${position})`, core, forms: encodedForms(core, core), inCurl: false });
    },
);

const urlParameter: fc.Arbitrary<Planting> = fc.tuple(sensitiveParameter, fc.boolean(), fc.boolean(), suffix, extra).map(([name, inFragment, encodeName, random, more]) => (draft, id) => {
  const core = `cnry${id}${random}`;
  const value = core + more;
  const pair = `${encodeName ? encodeURIComponent(name) : name}=${encodeURIComponent(value)}`;
  (inFragment ? draft.fragment : draft.query).push(pair);
  draft.secrets.push({ place: `${inFragment ? 'fragment' : 'query'} parameter ${name}`, core, forms: encodedForms(core, value), inCurl: !inFragment });
});

const userinfo: fc.Arbitrary<Planting> = fc.tuple(fc.boolean(), suffix).map(([asPassword, random]) => (draft, id) => {
  const core = `cnry${id}${random}`;
  if (draft.userinfo !== null) return;
  draft.userinfo = asPassword ? `ana:${core}` : core;
  draft.secrets.push({ place: `userinfo (${asPassword ? 'password' : 'username'})`, core, forms: encodedForms(core, core), inCurl: false });
});

/** A URL carrying the canary (userinfo, secret parameter, fragment, or an encoded URL inside a parameter). */
function secretUrl(core: string, how: string): string {
  if (how === 'userinfo') return `https://ana:${core}@idp.example/cb`;
  if (how === 'parameter') return `https://app.example/cb?state=s&oauth_token=${core}`;
  if (how === 'fragment') return `https://app.example/cb#access_token=${core}&state=s`;
  return `https://app.example/login?next=${encodeURIComponent(`https://app.example/cb?session_token=${core}`)}`;
}

const urlInHeader: fc.Arbitrary<Planting> = fc
  .tuple(fc.constantFrom('Referer', 'Content-Location', 'Link', 'Refresh', 'X-Return-To', 'X-Original-URL', 'Location', 'X-Debug'), fc.constantFrom('userinfo', 'parameter', 'fragment', 'nested'), suffix)
  .map(([name, how, random]) => (draft, id) => {
    const core = `cnry${id}${random}`;
    const url = secretUrl(core, how);
    const value = name === 'Link' ? `<${url}>; rel="next"` : name === 'Refresh' ? `0; url=${url}` : name === 'X-Debug' ? `redirected to ${url} after login` : url;
    if (name === 'Location') {
      if (draft.location !== null) return;
      draft.location = url;
    } else if (name === 'Referer' || name === 'X-Return-To') draft.requestHeaders.push([name, value]);
    else draft.responseHeaders.push([name, value]);
    draft.secrets.push({ place: `${name} carrying a URL with the canary in its ${how}`, core, forms: encodedForms(core, core), inCurl: false });
  });

/** A JWS (header with or without spaces) or a five-part JWE, under a name that says nothing. */
const jwt: fc.Arbitrary<Planting> = fc.tuple(fc.constantFrom('compact', 'spaced', 'jwe'), fc.constantFrom('header', 'query', 'body', 'response'), suffix).map(
  ([variant, place, random]) =>
    (draft, id) => {
      const core = `cnry${id}${random}`;
      const header = variant === 'spaced' ? '{ "alg": "HS256", "typ": "JWT" }' : variant === 'jwe' ? '{"alg":"RSA-OAEP","enc":"A256GCM"}' : '{"alg":"HS256"}';
      const payload = base64url(`{"sub":"${core}","n":${id}}`);
      const parts = variant === 'jwe' ? [base64url(header), base64url(`key-${core}`), base64url('iv'), payload, base64url(`tag-${core}`)] : [base64url(header), payload, base64url(`sig-${core}`)];
      const token = parts.join('.');
      if (place === 'header') draft.requestHeaders.push(['X-Trace', `t=${token}`]);
      if (place === 'query') draft.query.push(`state=${token}`);
      if (place === 'body') draft.bodyFields.push({ path: [`data${id}`], value: token, asArray: false });
      if (place === 'response') draft.responseHeaders.push(['X-Debug', token]);
      draft.secrets.push({ place: `a ${variant} JWT in the ${place}`, core: token, forms: [payload, ...parts.slice(1).filter((part) => part.length >= 8)], inCurl: place !== 'response' });
    },
);

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** A random-looking value under a name that says nothing: only the opaque-token rule can catch it. */
const opaque: fc.Arbitrary<Planting> = fc
  .tuple(fc.constantFrom('header', 'query', 'body', 'response', 'path'), fc.string({ unit: fc.constantFrom(...BASE62), minLength: 26, maxLength: 40 }))
  .map(([place, random]) => (draft, id) => {
    const core = `Qx${id}${random}7`;
    if (place === 'header') draft.requestHeaders.push([`X-Upstream-Ref${id}`, core]);
    if (place === 'query') draft.query.push(`ref${id}=${core}`);
    if (place === 'body') draft.bodyFields.push({ path: [`ref${id}`], value: core, asArray: false });
    if (place === 'response') draft.responseHeaders.push(['X-Served-From', core]);
    if (place === 'path') draft.query.push(`next=${encodeURIComponent(`/files/${core}/view`)}`);
    draft.secrets.push({ place: `a random-looking value in the ${place}`, core, forms: [], inCurl: place !== 'response' });
  });

/** A body field under a sensitive name, at some depth, as a string, a number or in an array. */
const bodyField: fc.Arbitrary<Planting> = fc
  .tuple(fc.constantFrom(...SENSITIVE_FIELDS), fc.array(fc.constantFrom('user', 'input', 'data', 'auth2'), { maxLength: 2 }), fc.constantFrom('string', 'number', 'array'), suffix, extra)
  .map(([name, parents, type, random, more]) => (draft, id) => {
    const core = type === 'number' ? `94051${id}${random.length}${String(random.charCodeAt(0)).padStart(4, '0')}` : `cnry${id}${random}`;
    const value = type === 'number' ? Number(core) : core + more;
    // Under a group of its own, so two fields never overwrite each other.
    const path = [`g${id}`, ...parents, name];
    draft.bodyFields.push({ path, value, asArray: type === 'array' });
    draft.secrets.push({ place: `body field ${path.join('.')} (${type})`, core, forms: encodedForms(core, String(value)), inCurl: true });
  });

const planting: fc.Arbitrary<Planting> = fc.oneof(requestCredential, responseCredential, cookie, setCookie, urlParameter, userinfo, urlInHeader, jwt, opaque, bodyField);

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const formEncode = (text: string): string => encodeURIComponent(text).replace(/%20/g, '+');

function nest(fields: readonly BodyField[]): Record<string, unknown> {
  const root: Record<string, unknown> = { user: 'ana', remember: true };
  for (const { path, value, asArray } of fields) {
    let at = root;
    for (const key of path.slice(0, -1)) at = (at[key] = typeof at[key] === 'object' && at[key] !== null ? at[key] : {}) as Record<string, unknown>;
    at[path[path.length - 1]!] = asArray ? ['first', value] : value;
  }
  return root;
}

/** The fields written in one of the body formats; `contentType` is what the request says. */
function renderBody(format: BodyFormat, fields: readonly BodyField[], spaced: boolean): { contentType: string; text: string } {
  const flatName = (path: readonly string[], style: number): string => (style === 0 ? path.join('.') : path.slice(1).reduce((name, key) => `${name}[${key}]`, path[0]!));
  const flat = fields.map((field, i) => ({ name: flatName(field.path, i % 2), value: String(field.value) }));
  switch (format) {
    case 'json':
      return { contentType: 'application/json', text: JSON.stringify(nest(fields), null, spaced ? 2 : 0) };
    case 'graphql': {
      const first = fields[0];
      const literal = first === undefined ? '' : `, ${first.path[first.path.length - 1]!}: ${JSON.stringify(String(first.value))}`;
      return { contentType: 'application/json', text: JSON.stringify({ query: `mutation Login($input: In!) { login(input: $input${literal}) { id } }`, variables: nest(fields) }) };
    }
    case 'form':
      return {
        contentType: 'application/x-www-form-urlencoded',
        text: `user=ana&${flat.map(({ name, value }) => `${formEncode(name)}=${spaced ? value.replace(/[&=%+\r\n]/g, encodeURIComponent) : formEncode(value)}`).join('&')}${spaced ? '\n' : ''}`,
      };
    case 'multipart': {
      const parts = [{ name: 'user', value: 'ana' }, ...flat].map(({ name, value }) => `--BoUnDaRy\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
      return { contentType: 'multipart/form-data; boundary=BoUnDaRy', text: `${parts.join('')}--BoUnDaRy--\r\n` };
    }
    case 'xml': {
      const elements = fields.map(({ path, value }, i) => {
        const name = path[path.length - 1]!;
        const inner = i % 3 === 2 ? `<field name="${name}">${escapeXml(String(value))}</field>` : `<${i % 3 === 1 ? 'wsse:' : ''}${name}>${escapeXml(String(value))}</${i % 3 === 1 ? 'wsse:' : ''}${name}>`;
        return path.slice(0, -1).reduceRight((child, parent) => `<${parent}>${child}</${parent}>`, inner);
      });
      return { contentType: 'text/xml', text: `<?xml version="1.0"?><Envelope><Body><Login><User>ana</User>${elements.join('')}</Login></Body></Envelope>` };
    }
    case 'text':
      return { contentType: 'text/plain', text: ['user: ana', ...flat.map(({ name, value }) => `${name}: ${value}`)].join('\n') };
  }
}

const ORIGIN = 'https://app.example';

function build(draft: Draft, shape: string, format: BodyFormat, spaced: boolean): ObservedExchange {
  const query = draft.query.length > 0 ? `?page=2&${draft.query.join('&')}` : '';
  const fragment = draft.fragment.length > 0 ? `#${draft.fragment.join('&')}` : '';
  const url = `https://${draft.userinfo === null ? '' : `${draft.userinfo}@`}api.example/v1/items${query}${fragment}`;
  const body = draft.bodyFields.length > 0 ? renderBody(format, draft.bodyFields, spaced) : null;
  const requestHeaders: HeaderLine[] = [['Origin', ORIGIN], ['Accept', '*/*'], ...draft.requestHeaders];
  if (body !== null) requestHeaders.push(['Content-Type', body.contentType]);
  const method = body === null ? 'GET' : 'PUT';
  const unsafe = [...new Set(requestHeaders.map(([name]) => name.toLowerCase()).filter((name) => !['origin', 'accept', 'cookie', 'cookie2', 'referer'].includes(name)))].sort();
  const preflightHeaders: HeaderLine[] = [
    ['Access-Control-Allow-Origin', ORIGIN],
    ['Access-Control-Allow-Credentials', 'true'],
    ['Access-Control-Allow-Methods', method],
    ...(shape === 'preflight-blocked' ? [] : ([['Access-Control-Allow-Headers', unsafe.join(', ')]] as HeaderLine[])),
    ...draft.preflightResponseHeaders,
    // No actual response after a refused preflight: what the server would have said goes on the preflight's.
    ...(shape === 'preflight-blocked' ? [...(draft.location === null ? [] : ([['Location', draft.location]] as HeaderLine[])), ...draft.responseHeaders] : []),
  ];
  const preflight = {
    url,
    requestHeaders: [
      ['Access-Control-Request-Method', method],
      ['Access-Control-Request-Headers', unsafe.join(',')],
      ['Origin', ORIGIN],
    ] as HeaderLine[],
    response: { status: 204, headers: preflightHeaders },
  };
  const allowOrigin: HeaderLine[] = [
    ['Access-Control-Allow-Origin', shape === 'response-blocked' ? 'https://other.example' : ORIGIN],
    ['Access-Control-Allow-Credentials', 'true'],
  ];
  const next = draft.location ?? 'https://api.example/v2/items';
  const hops: ObservedExchange['hops'] =
    shape === 'preflight-blocked'
      ? [{ url, preflight, response: null }]
      : shape === 'redirect'
        ? [
            { url, preflight, response: { status: 302, headers: [...allowOrigin, ['Location', next], ...draft.responseHeaders] } },
            { url: next, response: { status: 200, headers: allowOrigin } },
          ]
        : [{ url, preflight, response: { status: 200, headers: [...allowOrigin, ...(draft.location === null ? [] : ([['Location', draft.location]] as HeaderLine[])), ...draft.responseHeaders] } }];
  const exchange: ObservedExchange = {
    request: { method, headers: requestHeaders, initiatorOrigin: ORIGIN, credentialsMode: 'include', mode: 'cors' },
    hops,
    startedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
  };
  if (shape === 'preflight-blocked') exchange.errorText = 'net::ERR_FAILED';
  if (body !== null) exchange.request.body = body.text;
  return exchange;
}

/** An exchange with one to six canaries planted, blocked at the preflight or the response, redirected, or allowed. */
export const canaryCase: fc.Arbitrary<CanaryCase> = fc
  .tuple(
    fc.array(planting, { minLength: 1, maxLength: 6 }),
    fc.constantFrom('preflight-blocked', 'response-blocked', 'redirect', 'allowed'),
    fc.constantFrom<BodyFormat>('json', 'graphql', 'form', 'multipart', 'xml', 'text'),
    fc.boolean(),
  )
  .map(([plantings, shape, format, spaced]) => {
    const draft: Draft = { requestHeaders: [], responseHeaders: [], preflightResponseHeaders: [], query: [], fragment: [], userinfo: null, location: null, bodyFields: [], secrets: [] };
    plantings.forEach((plant, id) => plant(draft, id));
    return { exchange: build(draft, shape, format, spaced), secrets: draft.secrets };
  });
