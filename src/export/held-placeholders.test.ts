// A capture sanitized before holds REDACTED-... placeholders; a command rebuilt from it sends them.
// heldPlaceholders finds where, only where one really is; placeholdersNote says so.

import { describe, expect, it } from 'vitest';
import { heldPlaceholders, placeholdersNote, type WrittenRequest } from './held-placeholders.ts';

const request = (over: Partial<WrittenRequest> = {}): WrittenRequest => ({ method: 'GET', url: 'https://api.example/items?page=2', headers: [['Accept', '*/*']], body: null, ...over });

describe('heldPlaceholders', () => {
  it('finds none in a capture without placeholders (secrets or not)', () => {
    const plain = request({ headers: [['Cookie', 'session=abc123'], ['Authorization', 'Bearer x'], ['X-Note', 'REDACTED by hand'], ['X-Word', 'redacted-cookie']] });
    expect(heldPlaceholders([plain], [plain])).toBeNull();
  });

  it('names each header whose value holds one, once, as the written request names it', () => {
    const captured = request({ headers: [['Cookie', 'a=REDACTED-COOKIE; b=REDACTED-COOKIE'], ['authorization', 'Bearer REDACTED-AUTHORIZATION'], ['ghp_realsecretname', 'REDACTED-TOKEN'], ['Accept', '*/*']] });
    const written = request({ headers: [['Cookie', 'a=REDACTED-COOKIE; b=REDACTED-COOKIE'], ['authorization', 'Bearer REDACTED-AUTHORIZATION'], ['REDACTED-TOKEN-1', 'REDACTED-TOKEN'], ['Accept', '*/*']] });
    const preflight = request({ method: 'OPTIONS', headers: [['Access-Control-Request-Headers', 'authorization'], ['Cookie', 'x=REDACTED-COOKIE']] });
    expect(heldPlaceholders([preflight, captured], [preflight, written])).toEqual({
      // A name the export replaced is named as written: the captured one may be the secret.
      headerValues: ['Cookie', 'authorization', 'REDACTED-TOKEN-1'],
      headerNames: [],
      query: [],
      url: false,
      method: false,
      body: false,
    });
  });

  it('finds a numbered header name (also lower-cased in a list of names), the method, the body, query parameters and the path', () => {
    const captured = request({
      method: 'REDACTED-TOKEN-2',
      url: 'https://api.example/u/REDACTED-OPAQUE-TOKEN/x?page=2&api_key=REDACTED-QUERY-SECRET&REDACTED-JWT-3=1',
      headers: [['x-REDACTED-JWT-1', 'v'], ['Access-Control-Request-Headers', 'x-redacted-jwt-1']],
      body: '{"password":"REDACTED-PASSWORD"}',
    });
    expect(heldPlaceholders([captured], [captured])).toEqual({
      headerValues: ['Access-Control-Request-Headers'],
      headerNames: ['x-REDACTED-JWT-1'],
      query: ['api_key', 'REDACTED-JWT-3'],
      url: true,
      method: true,
      body: true,
    });
  });

  it('looks only at what the command sends: never the URL\'s fragment', () => {
    const captured = request({ url: 'https://api.example/cb?q=1#access_token=REDACTED-TOKEN' });
    expect(heldPlaceholders([captured], [captured])).toBeNull();
    const both = request({ url: 'https://api.example/cb?t=REDACTED-TOKEN#access_token=REDACTED-TOKEN' });
    expect(heldPlaceholders([both], [both])).toMatchObject({ query: ['t'], url: false });
  });

  it('counts whole placeholders as the exports write them, not words that look like one', () => {
    const fresh = request({
      url: 'https://api.example/REDACTED-TOKENX?k=REDACTED-SECRETS',
      headers: [['X-Redacted-Cookie', 'y'], ['redacted-token-1', 'v'], ['X-Key', 'REDACTED-TOKENX'], ['X-Other', 'aREDACTED-SECRET'], ['Access-Control-Request-Headers', 'redacted-token-1,x-redacted-cookie']],
      body: 'REDACTED-SECRETS',
    });
    expect(heldPlaceholders([fresh], [fresh])).toBeNull();
    // Bordered by anything but a letter or digit, numbered or not, it is one.
    const held = request({ headers: [['REDACTED-API-KEY-x', 'v'], ['X-Key', '"REDACTED-TOKEN-12"']] });
    expect(heldPlaceholders([held], [held])).toMatchObject({ headerNames: ['REDACTED-API-KEY-x'], headerValues: ['X-Key'] });
  });

  it('never names a captured part the written request does not hold', () => {
    const captured = request({ headers: [['ghp_realsecretname', 'REDACTED-TOKEN'], ['Accept', '*/*']] });
    const written = request({ headers: [['Accept', '*/*']] });
    expect(heldPlaceholders([captured], [written])).toBeNull();
    expect(heldPlaceholders([captured], [])).toBeNull();
  });

  it('the URL alone when the written query does not line up with the captured one', () => {
    const captured = request({ url: 'https://api.example/?a=REDACTED-QUERY-SECRET&b=1' });
    expect(heldPlaceholders([captured], [request({ url: 'https://api.example/?a=REDACTED-QUERY-SECRET' })])).toMatchObject({ query: [], url: true });
  });
});

describe('placeholdersNote', () => {
  const places = { headerValues: ['Cookie', 'Authorization'], headerNames: ['x-REDACTED-JWT-1'], query: ['api_key'], url: true, method: false, body: true };

  it('names the places and what to put there', () => {
    expect(placeholdersNote(places, 'these commands')).toBe(
      'This capture was sanitized before: these commands send its REDACTED-... placeholders, not what the browser sent, in the headers Cookie and Authorization; ' +
        'the header name x-REDACTED-JWT-1 (for the names the page sent); the query parameter api_key; elsewhere in the URL; the body. ' +
        'Put the real values there first (from a session of your own: its cookies, a token or key the server accepts); ' +
        'sent as they are, the server may answer otherwise than it answered the browser (a 401 or 403 for a placeholder credential), and the CORS failure may not show.',
    );
    expect(placeholdersNote({ ...places, headerValues: ['Authorization'] }, 'this call')).toContain('this call sends its REDACTED-... placeholders');
    expect(placeholdersNote({ ...places, headerValues: ['Authorization'] }, 'this call')).toContain('(from a session of your own: a token or key');
  });

  it('keeps the line readable: long names cut, long lists counted, each name through `show`', () => {
    const many = Array.from({ length: 9 }, (_, i) => `X-${i}-${'a'.repeat(100)}`);
    const note = placeholdersNote({ ...places, headerValues: many }, 'this command', (name) => `<${name}>`);
    expect(note).toContain(`<X-0-${'a'.repeat(56)}...>, `);
    expect(note).toContain(`<X-4-${'a'.repeat(56)}...> and 4 more;`);
    expect(note).not.toContain('X-5-');
    expect(note).toContain('<x-REDACTED-JWT-1>');
  });
});
