// The session-29 hostile review as a test: secrets under names no list foresaw, in shapes no rule
// looked for (a key under X-Goog-Api-Key, sig and private_token parameters, a client_secret in a
// nested array, a JWT under X-Data, an AWS key in a body's text, Authorization written over two
// lines, a cookie of a random name, an id_token in a fragment, a Link and a Location query at the
// first hop, a GraphQL GET in the Referer, curl -u in a header, multipart and XML inside JSON
// strings, JSON in a header value), through every default export: none may show in clear, and the
// CORS facts (Origin, the Access-Control-* values, the URL's path) must stay readable. Session 30
// added the authorization schemes other than Bearer and Basic under neutral names (`Digest`'s
// `response`, `Token`, `NTLM`, `Negotiate`, SCRAM's `data`, an AWS4 signature in a logged line).
// Session 31 added header names whose casing hid the word: `X-APIkey` (read as `ap`, `ikey`) and
// `x-SeSsIoN`, with values too short and plain for the shape rules; then the same for JSON keys,
// form fields and query parameters (`APIkey`, `SSHkey`, `PINcode`, `JWTkey`), and payment cards: a
// number, expiry or security code under a card's name, and a card number under any name (a JSON
// string or number, free text, a form field, a query parameter), while a millisecond timestamp, an
// order id and a language model's token counts stay readable. Session 32 added card numbers glued to
// a label (in the URL's path, a query value, a JSON string, a header), 12-digit Maestro numbers and a
// PAN failing the Luhn check under `pan`, while a camera's pan, a phone number and `LLMtokenCount`
// stay readable, and secrets by their shape: a PEM private key whatever its body, a Hugging Face
// token (letters only), a SendGrid key's id, an AWS key id glued after a label, a card number and an
// AWS key id as JSON keys (hidden in the listing of what was redacted too), a token in a Set-Cookie
// line's Path attribute. Session 33 added secrets inside the values the engine reads: a MIME
// parameter of Content-Type (request and response), Accept and Content-Language, and an
// Access-Control-Allow-Origin with userinfo or a token in its query (a list of two, and a
// preflight's), and a multipart part's own header lines.

import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { createBundle, serializeBundle } from './bundle.ts';
import { curlScriptFor } from './curl-export.ts';
import { fetchSnippet } from './fetch-snippet.ts';
import { harFromExchanges, serializeHar } from './har-export.ts';
import { markdownReport } from './markdown-report.ts';

const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjbnJ5MDUifQ.c2lnbmF0dXJlY25yeTA1';
const e = encodeURIComponent;
const C = {
  googKey: 'cnry01goog', sig: 'cnry02sig', privTok: 'cnry03priv', clientSecret: 'cnry04cs', jwtData: jwt,
  aws: 'AKIAIOSFODNN7CNRY006', awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYCNRY007KEY', authSplit: 'cnry08split',
  randCookie: 'cnry09cookie', frag: 'cnry10frag', link: 'cnry11link', loc: 'cnry12loc', gqlGet: 'cnry13gql',
  curlU: 'cnry14curl', mpart: 'cnry15mp', cdata: 'cnry16cdata', bearerPlain: 'cnrysixteen', ghp: 'ghp_cnry18aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  slack: 'xoxb-1234-cnry19-abcdefgh', stripe: 'sk_live_cnry20abcdefghijkl', glpat: 'glpat-cnry21abcdefghijk',
  xmlrpc: 'cnry22rpc', note: 'cnry23note', basicUser: 'cnry24pw', refGql: 'cnry25ref', dataUrl: 'cnry26data',
  wsKey: 'cnry27ws', hdrJsonList: 'cnry28list', pemKey: 'cnry29pem', sigFrag: 'cnry30sf', dsn: 'cnry31dsn',
  azSig: 'cnry32az', bodyForm: 'cnry33form', secretArr: 'cnry34arr', escapedJson: 'cnry35esc', apiKeyHdrVal: 'cnry36',
  digest: 'cnry37dg', tokenScheme: 'cnry38tok', ntlm: 'TlRMcnry39AAAAAA', scram: 'cnry40scram', aws4: 'cnry41aws', negotiate: 'YIIcnry42',
  apiKeyHump: 'cnry43hump', sessionCase: 'cnry44case',
  jsonApiKeyHump: 'cnry45hump', sshKeyHump: 'cnry46ssh', pinHump: 'cnry47pin', jwtKeyHump: 'cnry48jwt', formApiKeyHump: 'cnry49form',
  queryApiKeyHump: 'cnry50query', cardNumberName: 'cnry51card', cardCamel: 'cnry52card', cardCode: 'cnry53code', expMonth: 'cnry54exp',
  cardExpForm: 'cnry55exp', pan: 'cnry56pan', ccNumber: 'cnry57cc',
  cardInString: '4111111111111111', cardInText: '6011 1111 1111 1117', cardUnderCc: '4012888888881881', cardInForm: '5105105105105100',
  cardInQuery: '5555555555554444', cardInHeader: '3530111333300000',
  cardGluedPath: '4242424242424242', cardGluedQuery: '4000 0566 5566 5556', cardGluedJson: '5200828282828210', maestro12: '501800000009',
  maestro12Header: '675900000000', panUnlisted: '4111111111111112',
  pemPlain: 'cnry63pem', pemLastLine: 'cnry64last', hfToken: 'hf_cnrysixtyfiveabcdefghijklmnopqrstu', sendgridId: 'SG.cnry66abcdefghijkl',
  awsGlued: 'AKIACNRY67EXAMPLE000', cardAsKey: '6011000990139424', awsAsKey: 'AKIACNRY69EXAMPLE000',
  cookiePath: 'xoxb-1234-cnry70-abcdefgh',
  ctParam: 'cnry71ctparam', acceptParam: 'cnry72accept', langParam: 'cnry73lang', acaoUserinfo: 'cnry74acao', acaoQuery: 'cnry75acaoq',
  preflightAcao: 'cnry76pre', responseCtKey: 'sk_live_cnry77abcdefghijkl', partHeader: 'cnry78part', partType: 'cnry79type',
} satisfies Record<string, string>;
const login = 'mutation L($p: String!) { login(password: $p) { id } }';
// A card number written as a JSON number under a neutral name (an American Express test number).
const cardAsNumber = 378282246310005;
const url = `https://api.example/v1/items/card${C.cardGluedPath}?memo=x${e(C.cardGluedQuery)}y&sig=${C.sig}&private_token=${C.privTok}&page=2&APIkey=${C.queryApiKeyHump}&ref=${C.cardInQuery}#state=x&id_token=${C.frag}`;
const exchange: ObservedExchange = {
  request: {
    method: 'PUT',
    headers: [
      // Session 33: secrets inside the values the engine reads, overwritten in place (same length).
      ['Content-Type', `application/json; apikey=${C.ctParam}`],
      ['Accept', `application/json; token=${C.acceptParam}, */*`],
      ['Content-Language', `en, session=${C.langParam}`],
      ['Origin', 'https://app.example'],
      ['X-Goog-Api-Key', C.googKey],
      ['X-Data', jwt],
      ['X-Upstream', `Bearer ${C.bearerPlain}`],
      ['X-Debug', `curl -u admin:${C.curlU} https://internal.example/`],
      ['Cookie', `q8x7f=${C.randCookie}; theme=dark`],
      ['X-Conn', `postgres://app:${C.dsn}@db.internal:5432/app`],
      ['X-Aws', C.aws],
      ['X-Forwarded-Upstream', `Digest username="ana", realm="api", nonce="7ypf", uri="/v1/items", qop=auth, nc=00000001, response="${C.digest}"`],
      ['X-Svc', `Token ${C.tokenScheme}`],
      ['X-Upstream-2', `NTLM ${C.ntlm}`],
      ['X-Forwarded-Headers', `[["X-Api-Key","${C.hdrJsonList}"]]`],
      ['Referer', `https://app.example/graphql?query=${e(login)}&variables=${e(`{"p":"${C.refGql}"}`)}`],
      ['X-APIkey', C.apiKeyHump],
      ['x-SeSsIoN', C.sessionCase],
      ['X-Payment-Ref', C.cardInHeader],
      ['X-Pay', `maestro:m${C.maestro12Header}`],
      ['Sec-Fetch-Mode', 'cors'],
    ],
    initiatorOrigin: 'https://app.example',
    credentialsMode: 'include',
    mode: 'cors',
    body: JSON.stringify({
      apps: [[{ name: 'a', client_secret: C.clientSecret }]],
      log: `Authorization:\n  Bearer ${C.authSplit}\nAccept: */*`,
      aws: `aws_access_key_id=${C.aws}\naws_secret_access_key=${C.awsSecret}`,
      awsInText: `key ${C.aws} secret ${C.awsSecret}`,
      t: [C.ghp, C.slack, C.stripe, C.glpat],
      mp: `--zz\r\nContent-Disposition: form-data; name="password"\r\n\r\n${C.mpart}\r\n--zz\r\nContent-Disposition: form-data; name="doc"\r\nX-Doc-Key: ${C.partHeader}\r\nContent-Type: text/plain; token=${C.partType}\r\n\r\nhi\r\n--zz--`,
      xml: `<a><password><![CDATA[${C.cdata}]]></password><member><name>secret</name><value>${C.xmlrpc}</value></member></a>`,
      pem: `-----BEGIN PRIVATE KEY-----\nMIIEv${C.pemKey}QIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----`,
      // Session 32: a key whose body is not random-looking, and a real-looking one's short last line.
      attached: `-----BEGIN OPENSSH PRIVATE KEY-----\n${C.pemPlain}\n-----END OPENSSH PRIVATE KEY-----`,
      sa: `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n${C.pemLastLine}==\n-----END RSA PRIVATE KEY-----`,
      hf: `using ${C.hfToken}`,
      sendgrid: `${C.sendgridId}.abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789a`,
      awsLabel: `key${C.awsGlued}`,
      // Secrets as JSON keys, shorter than the random-value rule's 24 characters (and in the listing).
      wallet: { [C.cardAsKey]: { brand: 'discover' } },
      owners: { [C.awsAsKey]: 'ana' },
      az: `https://acct.blob.core.windows.net/c/b?sv=2020&sig=${C.azSig}&se=2030`,
      form: `user=ana&passwd=${C.bodyForm}`,
      arr: { secrets: [[C.secretArr]] },
      esc: JSON.stringify({ token: C.escapedJson }),
      data: `data:application/json,{"apiKey":"${C.dataUrl}"}`,
      ws: `Sec-WebSocket-Key: ${C.wsKey}`,
      scram: `upstream answered SCRAM-SHA-256 data=${C.scram}`,
      aws4: `> Authz: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${C.aws4}`,
      neg: ['X-Relay', `Negotiate ${C.negotiate}`],
      APIkey: C.jsonApiKeyHump,
      deploy: { SSHkey: C.sshKeyHump, newPINcode: C.pinHump, JWTkey: C.jwtKeyHump },
      signup: `user=ana&APIkey=${C.formApiKeyHump}&card[exp_year]=${C.cardExpForm}&card[number]=${C.cardInForm}`,
      payment: { card_number: C.cardNumberName, cardNumber: C.cardCamel, cardCode: C.cardCode, exp_month: C.expMonth, pan: C.pan, cc_number: C.ccNumber },
      method: { number: C.cardInString, amex: cardAsNumber },
      memo: `pay with ${C.cardInText} please`,
      mail: { cc: C.cardUnderCc },
      // Glued to a label (session 32), a 12-digit Maestro number, a PAN the shape rule misses (Luhn).
      ref: `ref_${C.cardGluedJson}`,
      maestro: `card ${C.maestro12}`,
      card: { pan: C.panUnlisted },
      // Must stay readable: a camera's pan, a phone number, a token count glued to a word.
      camera: { pan: -45.5, tilt: 10 },
      phone: '+4915123456787',
      LLMtokenCount: 321,
      // Must stay readable: a millisecond timestamp, an order id, token counts.
      placedAt: 1765000000000,
      orderId: '4000123412341235',
      usage: { maxTokens: 4096, totalTokens: 1234, tokenCount: 77 },
    }),
  },
  hops: [
    {
      url,
      preflight: {
        url,
        requestHeaders: [
          ['Access-Control-Request-Method', 'PUT'],
          ['Access-Control-Request-Headers', 'content-type,x-goog-api-key'],
          ['Origin', 'https://app.example'],
        ],
        response: { status: 204, headers: [['Access-Control-Allow-Origin', `https://app.example/?token=${C.preflightAcao}`], ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'content-type']] },
      },
      response: {
        status: 302,
        headers: [
          ['Location', `https://login.example/cb?code=x&session_state=${C.loc}&next=/`],
          ['Link', `<https://api.example/v1/items?page=3&signature=${C.link}>; rel="next"`],
          // A Set-Cookie attribute holding a token by its shape (session 32): attributes stay, it goes.
          ['Set-Cookie', `invite=1; Path=/invite/${C.cookiePath}; HttpOnly`],
          ['Access-Control-Allow-Origin', 'https://app.example'],
          ['Access-Control-Allow-Credentials', 'true'],
        ],
      },
    },
    {
      url: `https://login.example/cb?code=x&session_state=${C.loc}&next=/#sig=${C.sigFrag}`,
      response: {
        status: 200,
        headers: [
          ['Access-Control-Allow-Origin', `https://admin:${C.acaoUserinfo}@app.example, https://app.example/?session=${C.acaoQuery}`],
          ['Content-Type', `text/plain; key=${C.responseCtKey}`],
        ],
      },
    },
  ],
  errorText: 'net::ERR_FAILED',
  startedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
};
const notes = [{ text: `pw for staging: Bearer ${C.note}`, target: { kind: 'exchange' as const }, createdAt: '2026-01-01T00:00:00Z' }];

function exportsOf(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const shell of ['bash', 'powershell', 'cmd'] as const) out[`curl ${shell}`] = curlScriptFor(exchange, shell, {});
  // cmd.exe cannot carry the body's line breaks nor a `!` (the GraphQL query's `String!`): it writes
  // no command for this exchange, so it is given one it can carry, the same headers and URLs.
  const cmdExchange: ObservedExchange = {
    ...exchange,
    request: { ...exchange.request, body: undefined, headers: exchange.request.headers.map(([name, value]) => [name, value.replace(/!/g, '%21')] as const) },
  };
  out['curl cmd, no body'] = curlScriptFor(cmdExchange, 'cmd', {});
  out['bundle'] = serializeBundle(createBundle({ exchanges: [{ exchange, notes }], engineVersion: '0' }));
  out['markdown'] = markdownReport([{ exchange, notes }], {});
  out['har'] = serializeHar(harFromExchanges([exchange], {}));
  out['fetch'] = fetchSnippet(exchange, {}).code;
  return out;
}

describe('the hostile review: no secret in clear in any default export', () => {
  const exports = exportsOf();
  const cases = Object.entries(exports).flatMap(([format, text]) => Object.entries(C).map(([secret, value]) => ({ format, secret, text, value })));
  it.each(cases)('$format holds no $secret', ({ text, value }) => {
    for (const form of [value, e(value), JSON.stringify(value).slice(1, -1)]) expect(text).not.toContain(form);
  });

  it.each(['curl bash', 'bundle', 'markdown', 'har'])('%s holds no card number written as a JSON number', (format) => {
    expect(exports[format]).not.toContain(String(cardAsNumber));
  });

  it.each(['curl bash', 'bundle', 'markdown', 'har'])('%s keeps a timestamp, an order id and token counts readable', (format) => {
    const text = exports[format]!;
    expect(text).toMatch(/placedAt\\*":1765000000000/);
    expect(text).toMatch(/orderId\\*":\\*"4000123412341235/);
    expect(text).toMatch(/maxTokens\\*":4096,\\*"totalTokens\\*":1234,\\*"tokenCount\\*":77/);
    expect(text).toMatch(/pan\\*":-45.5,\\*"tilt\\*":10/);
    expect(text).toMatch(/phone\\*":\\*"\+4915123456787/);
    expect(text).toMatch(/LLMtokenCount\\*":321/);
  });

  it('cmd writes its command for the exchange without a body, placeholders in it', () => {
    expect(exports['curl cmd, no body']).toContain('X-Goog-Api-Key: REDACTED-API-KEY');
    expect(exports['curl cmd, no body']).toContain('X-Upstream: Bearer REDACTED-AUTHORIZATION');
  });

  it.each(['curl bash', 'curl cmd, no body', 'bundle', 'markdown', 'har'])('%s keeps the CORS facts readable', (format) => {
    const text = exports[format]!;
    expect(text).toContain('https://app.example');
    expect(text).toContain('api.example/v1/items');
    expect(text).toMatch(/Access-Control-Allow-Credentials/i);
  });
});
