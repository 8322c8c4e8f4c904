// The request body as webRequest gives it (`onBeforeRequest` with 'requestBody'), kept as text where
// it is text, so that "Copy as curl" can send it again and the panel can show it.
//
// https://developer.chrome.com/docs/extensions/reference/api/webRequest#type-onBeforeRequest
// Chromium gives one of: `formData` (a body it could parse as form-urlencoded or multipart form
// data: field names to values, the bytes themselves are not given), `raw` (the bytes, in pieces,
// a piece being an uploaded file's path instead when the body holds a file), or `error`.

/** What an event keeps of its request's body: plain data, as it crosses storage. */
export interface WebRequestBody {
  /** The bytes as text, when they are valid UTF-8 and at most `MAX_BODY_TEXT_BYTES`. */
  text?: string;
  /** How many bytes the body has, when known (not for a body holding a file). */
  size?: number;
  /** The fields of a form body, when Chromium gave those instead of the bytes. */
  form?: [name: string, value: string][];
}

/**
 * Longer bodies keep their size, not their text: the capture keeps up to 25,000 exchanges a tab,
 * and an upload of megabytes is not what a CORS diagnosis needs.
 */
export const MAX_BODY_TEXT_BYTES = 64 * 1024;

/** `details.requestBody` as Chromium hands it over (the fields this reads). */
export interface ChromiumRequestBody {
  raw?: { bytes?: ArrayBuffer; file?: string }[];
  formData?: Record<string, string[]>;
  error?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** `details.requestBody` → what the capture keeps; undefined when there is nothing to keep. */
export function bodyFromWebRequest(requestBody: ChromiumRequestBody | undefined): WebRequestBody | undefined {
  if (!requestBody || typeof requestBody !== 'object') return undefined;
  if (requestBody.formData && typeof requestBody.formData === 'object') {
    const form: [string, string][] = [];
    // A form's fields count as its text does: past MAX_BODY_TEXT_BYTES characters nothing is kept
    // (its size in bytes cannot be told without knowing how it was encoded).
    let characters = 0;
    for (const [name, values] of Object.entries(requestBody.formData)) {
      if (!Array.isArray(values)) continue;
      for (const value of values) {
        const text = String(value);
        characters += name.length + text.length;
        if (characters > MAX_BODY_TEXT_BYTES) return {};
        form.push([name, text]);
      }
    }
    return { form };
  }
  if (!Array.isArray(requestBody.raw)) return undefined;
  const pieces: Uint8Array[] = [];
  for (const piece of requestBody.raw) {
    // A file's bytes are never given, only its path: the size is unknown, the text too.
    if (!(piece.bytes instanceof ArrayBuffer)) return {};
    pieces.push(new Uint8Array(piece.bytes));
  }
  const size = pieces.reduce((sum, piece) => sum + piece.byteLength, 0);
  if (size > MAX_BODY_TEXT_BYTES) return { size };
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const piece of pieces) {
    bytes.set(piece, offset);
    offset += piece.byteLength;
  }
  try {
    return { text: utf8.decode(bytes), size };
  } catch {
    return { size }; // not UTF-8: binary, kept as a size only
  }
}

/**
 * The body as the exchange carries it (`ObservedRequest.body`, `bodySize`). A form body that
 * Chromium gave as fields is rebuilt when it was form-urlencoded: the URL Standard's serializer
 * (https://url.spec.whatwg.org/#concept-urlencoded-serializer) is what browsers send for
 * `URLSearchParams` and forms. A multipart body cannot be rebuilt byte for byte (the parts'
 * headers are not given): its text stays unknown.
 */
export function bodyOfRequest(body: WebRequestBody, contentType: string | null): { body?: string; bodySize?: number } {
  if (body.form) {
    const essence = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (essence !== 'application/x-www-form-urlencoded') return {};
    const text = new URLSearchParams(body.form).toString();
    return { body: text, bodySize: new TextEncoder().encode(text).byteLength };
  }
  const out: { body?: string; bodySize?: number } = {};
  if (body.text !== undefined) out.body = body.text;
  if (body.size !== undefined) out.bodySize = body.size;
  return out;
}
