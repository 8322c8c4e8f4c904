// Byte classes used by the header grammars, as lookup tables built once: the checks run on every
// header of every exchange, and a table read beats a chain of comparisons.

function table(predicate: (code: number) => boolean): Uint8Array {
  const result = new Uint8Array(256);
  for (let code = 0; code < 256; code++) result[code] = predicate(code) ? 1 : 0;
  return result;
}

const isAlphaNumeric = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** https://fetch.spec.whatwg.org/#token: tchar of RFC 9110. */
export const TOKEN = table((c) => isAlphaNumeric(c) || "!#$%&'*+-.^_`|~".includes(String.fromCharCode(c)));

/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte */
export const CORS_UNSAFE_REQUEST_HEADER_BYTE = table(
  (c) => (c < 0x20 && c !== 0x09) || c === 0x7f || '"():<>?@[\\]{}'.includes(String.fromCharCode(c)),
);

/** `Accept-Language`/`Content-Language` value bytes: 0-9 A-Z a-z space * , - . ; = */
export const LANGUAGE_VALUE = table((c) => isAlphaNumeric(c) || ' *,-.;='.includes(String.fromCharCode(c)));

/** Whether every code unit of `value` is in `byteClass` (code units above 0xFF never are). */
export function allIn(byteClass: Uint8Array, value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code > 0xff || byteClass[code] === 0) return false;
  }
  return true;
}

/** Whether some code unit of `value` is in `byteClass`. */
export function someIn(byteClass: Uint8Array, value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0xff && byteClass[code] === 1) return true;
  }
  return false;
}
