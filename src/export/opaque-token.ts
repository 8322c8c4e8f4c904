// Secrets under names no rule foresaw: a long run of base64, base64url or hex characters that looks
// random is redacted as `opaque-token` wherever a value can hold one (non-standard header values,
// query and fragment values, URL path segments, body values, notes).
//
// Random means, for a run of at least 24 characters (trailing `=` padding not counted):
// - upper-case letters, lower-case letters and digits all present (API keys, base64 of random
//   bytes: `sk_live_4eC39HqLyjWDarjtT1zdp7dc`); or
// - only digits and letters of one case, at least 32 long, at least a fifth of each, and at most
//   two `-`/`_` separators (hex digests and keys, base32/base36 session ids) — a slug such as
//   `how-to-configure-cors-in-express-2024` has more separators.
// Kept: runs of letters alone (`Content-Security-Policy-Report-Only`), canonical UUIDs (resource
// and request ids, far more often identifiers than secrets), and our own placeholders.
// Accepted false positives: commit hashes, content digests, CSP hashes and nonces, long camelCase
// identifiers that contain digits.
// Detection only: what replaces a run, and the record of it, is the caller's (`redact-shapes.ts`).

export const MIN_OPAQUE_LENGTH = 24;
const MIN_ONE_CASE_LENGTH = 32;
// Our own placeholders (`REDACTED-OPAQUE-TOKEN`) never look random: upper case only.
const PLACEHOLDER = /^REDACTED-[A-Z-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a run of token characters looks like a random secret (see above). */
export function isOpaqueToken(run: string): boolean {
  const core = run.replace(/=+$/, '');
  if (core.length < MIN_OPAQUE_LENGTH || UUID.test(core) || PLACEHOLDER.test(core)) return false;
  let upper = 0;
  let lower = 0;
  let digits = 0;
  let separators = 0;
  for (let i = 0; i < core.length; i++) {
    const c = core.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else if (c >= 48 && c <= 57) digits++;
    else if (c === 45 || c === 95) separators++;
  }
  if (upper > 0 && lower > 0 && digits > 0) return true;
  const letters = upper + lower;
  return (
    core.length >= MIN_ONE_CASE_LENGTH &&
    separators <= 2 &&
    digits >= core.length / 5 &&
    letters >= core.length / 5
  );
}

const PLACEHOLDERS = /REDACTED(?:-[A-Z]+)+-*/g;

// base64 (`+`, `/`), base64url (`-`, `_`) and hex characters, with optional padding. A `=` that
// another such character follows is no padding but a pair's separator (`<token>=<value>`, a name
// that looks random): it stays between the two, so their placeholders are not glued into one run
// that a second pass reads differently (`redact-engine-values.ts` overwrites in place). The `=`s go
// together or stay together: `<random>==-x` taken with one `=` left `REDACTED-OPAQUE-TOKEN=-x`,
// whose placeholder a second pass read as the name of a pair (session 35's property test).
const RUN = /[A-Za-z0-9+/_-]+(?:=+(?![=A-Za-z0-9+/_-]))?/g;

/**
 * Each random-looking run in `text` replaced by what `replacement` returns. A run with `/` in it is
 * first cut at the slashes, so in `files/AbC...` only the random part goes (`pathOrBase64`); what is
 * left of it (the parts that do not look random, without those that are our placeholders) is judged
 * again as one run, base64 with slashes, and when it looks random the whole run goes. Judged so, a
 * run reads the same once its random parts are placeholders: judged whole with them,
 * `<random>/AAAA/AAA...aZ7` went whole the second time only (session 35's property test).
 *
 * `cutAtSlashes` false: each `/` is data, not a path's separator (it was written `%2F` inside one
 * value, `redact-text.ts`), so the parts between our placeholders go as one run when any of them
 * looks random. Cut there, base64 whose last part alone looked random kept the parts before it in
 * clear (`Zq8W+f3kLm9Q/<27 random>`, session 44).
 */
export function replaceOpaqueRuns(text: string, replacement: () => string, cutAtSlashes = true): string {
  if (text.length < MIN_OPAQUE_LENGTH) return text;
  return text.replace(RUN, (run: string, at: number) => {
    if (run.length < MIN_OPAQUE_LENGTH) return run;
    if (!run.includes('/')) return looksOpaque(run) ? replacement() : run;
    const parts = run.split('/');
    if (!cutAtSlashes) return wholeBetweenOurs(parts, replacement);
    // Beside a `%`, the run is a piece of percent-encoded text (`My%20Docs/<id>/view`: its first part
    // `20Docs` is an escape's digits glued to a word, no piece of base64), read decoded by
    // `escapedRuns`: only its random parts go, as in a path (M8: the stretch went whole, from the
    // escape's digits on, and left `My%` before the placeholder).
    const escaped = isEscapeAt(text, at - 1) || isEscapeAt(text, at + run.length);
    return escaped ? pathParts(run, parts, replacement) : pathOrBase64(run, parts, replacement);
  });
}

const PERCENT = 0x25;
const HEX_DIGIT = /^[0-9A-Fa-f]{2}$/;

/** Whether a percent escape (`%` and two hex digits) starts at `at` in `text`. */
function isEscapeAt(text: string, at: number): boolean {
  return text.charCodeAt(at) === PERCENT && HEX_DIGIT.test(text.slice(at + 1, at + 3));
}

/**
 * A run with `/` cut as a path: its random parts go, its words stay; and when what is left, less our
 * placeholders, looks random read as one run, the whole run goes (a second pass then finds the same).
 */
function pathParts(run: string, parts: string[], replacement: () => string): string {
  const random = parts.map(looksOpaque);
  const rest = parts.filter((part, i) => !random[i] && !isOurs(part)).join('/');
  if (looksOpaque(rest)) return replacement();
  return random.includes(true) ? parts.map((part, i) => (random[i] ? replacement() : part)).join('/') : run;
}

// What a part of a run cut at `/` became: kept as written, replaced alone, or in one placeholder
// with the parts of its stretch beside it.
const KEPT = 0;
const RANDOM = 1;
const BASE64 = 2;

/**
 * A run with `/` read as written (`replaceOpaqueRuns`): a path keeps its words and loses its random
 * parts, but base64 written plainly is one token whose `/` is data. Each stretch of parts between
 * our placeholders goes whole when it holds a random part that could be base64 (`readsAsBase64`)
 * and the stretch reads as base64: a `+` or `=` in it, or a part in it that is no word
 * (`readsAsWord`). Cut at its last `/`, `Zq8W+f3kLm9Q/<27 random>` kept its first piece in clear in
 * header values, query values, JSON strings and text bodies (session 44). Then what is kept, less
 * our placeholders, is judged as one run, after the stretches that went: a second pass finds the
 * same parts kept and nothing random, so it changes nothing. Linear: each part is read a bounded
 * number of times.
 */
function pathOrBase64(run: string, parts: string[], replacement: () => string): string {
  const fate: number[] = parts.map((part) => (looksOpaque(part) ? RANDOM : KEPT));
  for (let from = 0; from < parts.length; ) {
    if (isOurs(parts[from]!)) {
      from++;
      continue;
    }
    let to = from;
    let random = false;
    let base64 = false;
    for (; to < parts.length && !isOurs(parts[to]!); to++) {
      const part = parts[to]!;
      if (fate[to] === RANDOM && readsAsBase64(part)) random = true;
      if (part.includes('+') || part.endsWith('=') || (fate[to] === KEPT && !readsAsWord(part))) base64 = true;
    }
    if (random && base64) fate.fill(BASE64, from, to);
    from = to;
  }
  const rest = parts.filter((part, i) => fate[i] === KEPT && !isOurs(part)).join('/');
  if (looksOpaque(rest)) return replacement();
  if (fate.every((f) => f === KEPT)) return run;
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (fate[i] === KEPT) out.push(parts[i]!);
    // A stretch that goes whole is one placeholder.
    else if (fate[i] === RANDOM || fate[i - 1] !== BASE64) out.push(replacement());
  }
  return out.join('/');
}

/**
 * Whether a random part could be a piece of base64 of random bytes: both cases in it. Hex digests
 * and one-case ids (`/files/<40 hex>/OAuth2`) are a path's ids, whatever stands beside them.
 */
function readsAsBase64(part: string): boolean {
  let upper = false;
  let lower = false;
  for (let i = 0; i < part.length && !(upper && lower); i++) {
    const c = part.charCodeAt(i);
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
  }
  return upper && lower;
}

/**
 * Whether a part of a path (between `/`s, no random run) reads as a word, not a piece of base64:
 * letters of one case with digits, `-` and `_` (`api`, `v2`, `x86_64`, `en-US`, `2026`), or both
 * cases without digits where no lower-case letter stands alone (`Users`, `getUserProfile`,
 * `JSONParser`, `macOS`). Not `Zq8W`, `aB`, `wJalrXUtnFEMI`. Kept out by it, beside a random part
 * of both cases, are such words as `iPhone` and `MyBucket2024`: the stretch goes whole.
 */
function readsAsWord(part: string): boolean {
  let upper = 0;
  let lower = 0;
  let digits = 0;
  let lowerRun = 0;
  let loneLower = false;
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      lower++;
      lowerRun++;
      continue;
    }
    if (lowerRun === 1) loneLower = true;
    lowerRun = 0;
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 48 && c <= 57) digits++;
    else if (c !== 45 && c !== 95) return false;
  }
  if (lowerRun === 1) loneLower = true;
  return upper === 0 || lower === 0 || (digits === 0 && !loneLower);
}

// A URL path's segment that could be a piece of base64 written plainly: its characters, `=` padding
// at the end at most.
const BASE64_PIECE = /^[A-Za-z0-9+]+={0,2}$/;

/**
 * In a URL path's segments, the stretches that are one token of base64 written plainly, its `/`
 * taken for the path's (`/p/Zq8W+f3kLm9Q/<27 random>/x` kept `Zq8W+f3kLm9Q`, session 44), as
 * `[from, to)` pairs in order. A path's segments are its own words (`redact-url.ts` judges them one
 * by one), so the judgement is narrower than a value's (`pathOrBase64`): beside a random segment of
 * both cases in base64's characters, the segments next to it in a row that read as pieces of base64
 * (`readsAsBase64Piece`: `Zq8W+f3kLm9Q`, `0Dnw==`), and random segments after it, go with it, in
 * one placeholder. The first word, or segment with other characters (`view.json`, `en-US`), ends
 * the stretch, and stays, even where base64 goes on past it: taken across words (`/<random>/repos/
 * <id>`), a REST path lost its words between ids. A random segment with nothing that reads as base64
 * beside it is left to the segment's own judgement, as before: `/api/v1/files/<random>/view`,
 * `/c++/<random>`, `/users/iPhone/<random>`, `/MyBucket2024/<random>` keep their words. Padding ends
 * a token: a padded piece goes only after the random segment, and stops the stretch. Linear: each
 * segment is read once from the left and at most once again.
 */
export function pathBase64Stretches(segments: readonly string[]): [number, number][] {
  const stretches: [number, number][] = [];
  let done = 0;
  for (let i = 0; i < segments.length; i++) {
    if (!isRandomPiece(segments[i]!)) continue;
    // Left: pieces without padding (padding ends a token), back to where the last stretch ended.
    let from = i;
    while (from > done && isBase64Piece(segments[from - 1]!) && !segments[from - 1]!.endsWith('=')) from--;
    // Right: pieces up to and with the first padded one; random segments after it join the stretch.
    let to = i + 1;
    while (to < segments.length && (isBase64Piece(segments[to]!) || isRandomPiece(segments[to]!))) {
      to++;
      if (segments[to - 1]!.endsWith('=')) break;
    }
    if (from < i || to > i + 1) stretches.push([from, to]);
    done = to;
    i = to - 1;
  }
  return stretches;
}

/** A random segment of both cases in base64's characters (`aT7yB2cD4eF6gH8jK0mN1pR3sT5`). */
function isRandomPiece(segment: string): boolean {
  return BASE64_PIECE.test(segment) && looksOpaque(segment) && readsAsBase64(segment);
}

/** A segment in base64's characters that reads as a piece of it (`readsAsBase64Piece`). */
function isBase64Piece(segment: string): boolean {
  return BASE64_PIECE.test(segment) && readsAsBase64Piece(segment);
}

/**
 * Whether a path's segment of base64's characters reads as a piece of base64, not a path's word:
 * `=` padding after something (`0Dnw==`); or a part between its `+`s, or the whole, that is no word
 * (`Zq8W+f3kLm9Q`, `Zq8W`), where a word may also be a name with a number after it (`MyBucket2024`,
 * `OAuth2`) or a brand's lone lower-case letter before capitals (`iPhone`, `eBay`, `iOS`), and
 * `c++`, `red+shoes` are words.
 */
function readsAsBase64Piece(segment: string): boolean {
  const core = segment.replace(/=+$/, '');
  if (core !== segment) return core !== '';
  return core.split('+').some((part) => part !== '' && !readsAsPathWord(part));
}

// Capitalised words and capitals, a lone lower-case letter before them, digits after them: letters
// from a capital on, as any run of them splits into such words. Written as words repeated
// (`(?:[A-Z][a-z]+|[A-Z]+(?![a-z]))+`), a run of capitals could be split in 2^n ways, each tried
// before a failing end: 40 capitals then `1a` in a URL's path took hours (session 44's reread).
const PATH_WORD = /^[a-z]?[A-Z][A-Za-z]*[0-9]*$/;

function readsAsPathWord(part: string): boolean {
  return readsAsWord(part) || PATH_WORD.test(part);
}

/** A run's `/`-parts, each stretch of them between our placeholders replaced whole when any part of it, or all of it, looks random. */
function wholeBetweenOurs(parts: string[], replacement: () => string): string {
  const out: string[] = [];
  let stretch: string[] = [];
  const flush = (): void => {
    if (stretch.length === 0) return;
    out.push(stretch.some(looksOpaque) || looksOpaque(stretch.join('/')) ? replacement() : stretch.join('/'));
    stretch = [];
  };
  for (const part of parts) {
    if (isOurs(part)) {
      flush();
      out.push(part);
    } else stretch.push(part);
  }
  flush();
  return out.join('/');
}

/** Whether `part` is nothing but our placeholders. */
function isOurs(part: string): boolean {
  return part.includes('REDACTED-') && part.replace(PLACEHOLDERS, '') === '';
}

/**
 * `isOpaqueToken` of a run less our placeholders in it (another rule's, glued to what was around
 * its secret): `abc123-REDACTED-API-KEY` stays, and so does the same placeholder padded to the
 * secret's length (`abc123-REDACTED-API-KEY----`, `redact-engine-values.ts`), whose capitals would
 * otherwise make the run look random the second time.
 */
function looksOpaque(run: string): boolean {
  return isOpaqueToken(run.includes('REDACTED-') ? run.replace(PLACEHOLDERS, '') : run);
}
