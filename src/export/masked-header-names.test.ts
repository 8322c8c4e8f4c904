import { describe, expect, it } from 'vitest';
import type { HeaderLine, ObservedExchange } from '../cors/index.ts';
import { HeaderNameMasking } from './masked-header-names.ts';
import { SecretNameNumbers } from './secret-name-numbers.ts';

// The HAR reader shares one line array between every entry that holds the same line
// (capture/header-lines.ts): the masking remembers lines it has looked at, and must mask a shared
// line the same way each time it meets it, whatever line shared it before.
function exchange(requestLines: HeaderLine[], responseLines: HeaderLine[]): ObservedExchange {
  return {
    request: { method: 'GET', headers: requestLines, initiatorOrigin: 'https://app.example' },
    hops: [{ url: 'https://api.example/v1', response: { status: 200, headers: responseLines } }],
  } as ObservedExchange;
}

const token = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const secretLine: HeaderLine = [token, '1'];
const listLine: HeaderLine = ['Access-Control-Allow-Headers', `content-type, ${token}`];
const plainLine: HeaderLine = ['Accept', '*/*'];
const originLine: HeaderLine = ['Access-Control-Allow-Origin', 'https://app.example'];

describe('HeaderNameMasking with lines shared between exchanges', () => {
  it('returns an exchange whose names are all kept as it is, the second time too', () => {
    const masking = new HeaderNameMasking(new SecretNameNumbers([]));
    const first = exchange([plainLine], [originLine]);
    const second = exchange([plainLine], [originLine]);
    expect(masking.masked(first)).toBe(first);
    expect(masking.masked(second)).toBe(second);
  });

  it('masks a shared secret-named line in every exchange that holds it, after kept lines were remembered', () => {
    const masking = new HeaderNameMasking(new SecretNameNumbers([]));
    masking.masked(exchange([plainLine], [originLine]));
    for (let i = 0; i < 2; i++) {
      const shown = masking.masked(exchange([plainLine, secretLine], [originLine]));
      expect(JSON.stringify(shown)).not.toContain(token);
      expect(shown.request.headers[1]![0]).toMatch(/^REDACTED-/);
    }
  });

  it('masks a listed name in a shared list line in every exchange, the first line of the list kept or not', () => {
    const masking = new HeaderNameMasking(new SecretNameNumbers([]));
    for (let i = 0; i < 2; i++) {
      const shown = masking.masked(exchange([plainLine], [originLine, listLine]));
      expect(JSON.stringify(shown)).not.toContain(token);
    }
  });
});
