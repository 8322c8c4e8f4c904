// Payment card numbers by their shape, under any name: a person pasting an exchange must not share
// one by accident. A run of 12 to 19 digits (written whole, or in the groups printed on a card:
// 4-4-4-4, 4-6-5, split by one space or dash) counts only when it passes the Luhn check *and* starts
// with a prefix a card scheme issues at that length (below). Both are needed against false positives:
// the Luhn check alone passes one number in ten, so an id or a timestamp would go often; the prefix
// alone says nothing. With both, a millisecond timestamp (13 digits, starting with 1 until 2286) and
// a snowflake id (starting with 1) never go, and a random 16-digit id starting with 2-6 goes about one
// time in ten: an accepted false positive, since the name beside it stays readable. A decimal
// (`0.4111...`) or a longer run is not a card.
//
// Letters around the run do not hide it (session 32): `card4111111111111111`, `x4111 1111 1111
// 1111y`, `/pay/card4111111111111111` and `cc_4111...` are written by code that glues a label to a
// value, and a digit run glued to letters is no more likely to be an id than one standing alone (the
// prefix and Luhn still decide). What that brings in: a hex digest whose 12-19 digits in a row happen
// to pass both (rare, and such digests already go as random tokens), and `INV5018000000009`-like ids.
//
// A `+` before a run of at most 15 digits is a phone number in E.164 (`+4915123456787`, 13 digits
// starting with 4, Visa's 13-digit prefix), never a card, and is not read as one; E.164 allows no
// more than 15 digits, so a longer run after a `+` is read as any other (`+4111111111111111`,
// `+1 4111 1111 1111 1111` were kept whole, session 39). A card in a form body written
// `pay+with+4111...` is found too, the form scan reading the value decoded (`+` as a space).
//
// Twelve digits: only Maestro issues them, so only Maestro's own prefixes count at that length
// (5018, 5020, 5038, 5893, 6304, 6759, 6761-6763), not the two-digit ranges it shares with longer
// numbers. The broad ranges would take one phone number in ten of the 12-digit ones written without
// `+`: Colombia's (`57 3xx...`), Venezuela's (`58 4xx...`) and the Philippines' (`63 9xx...`), as
// WhatsApp's `wa_id` writes them. No country's 12-digit mobile numbers start with those four digits.

interface Scheme {
  /** Inclusive ranges of the number's first digits, all of the same length. */
  from: number;
  to: number;
  lengths: readonly number[];
}

const SIXTEEN_TO_NINETEEN = [16, 17, 18, 19];
/** The schemes' prefixes and lengths (the test's reference scan reads them too). */
export const SCHEMES: readonly Scheme[] = [
  { from: 4, to: 4, lengths: [13, 16, 19] }, // Visa
  { from: 51, to: 55, lengths: [16] }, // Mastercard
  { from: 2221, to: 2720, lengths: [16] }, // Mastercard's 2-series
  { from: 2200, to: 2204, lengths: SIXTEEN_TO_NINETEEN }, // Mir
  { from: 34, to: 34, lengths: [15] }, // American Express
  { from: 37, to: 37, lengths: [15] },
  { from: 300, to: 305, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { from: 36, to: 36, lengths: [14, 15, 16, 17, 18, 19] },
  { from: 38, to: 39, lengths: [14, 15, 16, 17, 18, 19] },
  { from: 3528, to: 3589, lengths: SIXTEEN_TO_NINETEEN }, // JCB
  { from: 6011, to: 6011, lengths: SIXTEEN_TO_NINETEEN }, // Discover
  { from: 644, to: 649, lengths: SIXTEEN_TO_NINETEEN },
  { from: 65, to: 65, lengths: SIXTEEN_TO_NINETEEN },
  { from: 62, to: 62, lengths: SIXTEEN_TO_NINETEEN }, // UnionPay
  { from: 50, to: 50, lengths: [13, 14, 15, 16, 17, 18, 19] }, // Maestro
  { from: 56, to: 58, lengths: [13, 14, 15, 16, 17, 18, 19] },
  { from: 63, to: 63, lengths: [13, 14, 15, 16, 17, 18, 19] },
  { from: 67, to: 67, lengths: [13, 14, 15, 16, 17, 18, 19] },
  { from: 60, to: 60, lengths: [16] }, // RuPay
  // Maestro's 12-digit numbers, by its issuer prefixes only (above).
  { from: 5018, to: 5018, lengths: [12] },
  { from: 5020, to: 5020, lengths: [12] },
  { from: 5038, to: 5038, lengths: [12] },
  { from: 5893, to: 5893, lengths: [12] },
  { from: 6304, to: 6304, lengths: [12] },
  { from: 6759, to: 6759, lengths: [12] },
  { from: 6761, to: 6763, lengths: [12] },
];

/** A scheme's prefix range, `width` digits long, for numbers of one length. */
interface Prefix {
  from: number;
  to: number;
  width: number;
}

/** The schemes' prefixes by the length of the number (index 12 to 19): looked up per run found. */
const PREFIXES_BY_LENGTH: readonly (readonly Prefix[])[] = Array.from({ length: 20 }, (_, length) =>
  SCHEMES.filter((scheme) => scheme.lengths.includes(length)).map(({ from, to }) => ({ from, to, width: String(from).length })),
);

// A run's digit values, written by `isCardNumber` and `replaceCardNumbers` (the first 19: a longer run is no card).
const DIGITS = new Uint8Array(19);

/** Whether the first `count` values of DIGITS (12 to 19) start with a prefix issued at that length and pass the Luhn check. */
function issuedAndLuhnValid(count: number): boolean {
  const prefixes = PREFIXES_BY_LENGTH[count]!;
  let issued = false;
  for (let i = 0; i < prefixes.length && !issued; i++) {
    const { from, to, width } = prefixes[i]!;
    let prefix = 0;
    for (let d = 0; d < width; d++) prefix = prefix * 10 + DIGITS[d]!;
    issued = prefix >= from && prefix <= to;
  }
  if (!issued) return false;
  // Luhn: every second digit from the right doubled (its digits summed).
  let sum = 0;
  for (let i = 0; i < count; i++) {
    let digit = DIGITS[count - 1 - i]!;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Whether `digits` (digits only) is shaped like a card number: 12-19 digits, an issued prefix, Luhn. */
export function isCardNumber(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  for (let i = 0; i < digits.length; i++) DIGITS[i] = digits.charCodeAt(i) - 48;
  return issuedAndLuhnValid(digits.length);
}

// Where a run that may be a card starts: a digit from 2 to 6 (every scheme's prefix starts so:
// `SCHEMES`; a millisecond timestamp or a snowflake id is skipped) with at least 11 more after it,
// single spaces or dashes between them allowed; not after a digit or a digit and a separator (then it
// is inside a longer run) or a digit and a `.` (a decimal); after a `+` it is a phone number when it
// holds at most 15 digits (`PHONE_DIGITS`), judged once read. Letters around
// allowed, and a `.` after one (`REDACTED-API-KEY.4111...`, `card.4111...`: no decimal point, and a
// card glued so had stayed, session 35's property test). Found
// by the regular expression engine, which skips ordinary text faster than a loop in JavaScript; the
// run is then read once, to its end, by `replaceCardNumbers`. (The check after the first digit lets
// the engine look for 2-6 alone and test the few characters before only there.)
const RUN_START = /[2-6](?<!\d[2-6]|\d[ .-][2-6])(?:[ -]?\d){11}/g;

/** The most digits an E.164 phone number has (ITU-T E.164, section 6): a `+` before more is no phone number's. */
const PHONE_DIGITS = 15;

/** Whether the run of `digits` digits at `start` is a phone number: a `+` before it, and no more digits than E.164 allows. */
function isPhoneNumber(text: string, start: number, digits: number): boolean {
  return start > 0 && text.charCodeAt(start - 1) === 43 && digits <= PHONE_DIGITS;
}

/** Whether char code `code` is an ASCII digit. */
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Every card number in `text` replaced by what `replace` returns. A run is a digit and the digits
 * after it, joined by at most one space or dash each; found where it may be a card (RUN_START), it is
 * read to its end, once, and counts when it holds at most 19 digits, is not followed by a `.` and a
 * digit (a decimal), and is grouped as printed on a card (one separator throughout, groups of four,
 * the last shorter, or Amex's 4-6-5 or 4-6-4), with a prefix issued at its length and the Luhn check.
 * A run longer than 19 digits is no card, nor is any part of it.
 * Linear, each character read a few times at most: a body glued of card numbers (`card4111…card4111…`,
 * `x4111 1111 1111 1111…`) had taken 55-175 ms a MB (272 in session 32's measure), each number
 * checked by regular expressions, splits and slices; 7-25 ms now, 1 MB of digits ~11 -> 7-10 ms, and an
 * ordinary JSON body as before (~1.8 ms a MB; session 34, fastest of 30 under load).
 */
export function replaceCardNumbers(text: string, replace: () => string): string {
  // (A run of numbers each written whole, 12 digits or more, joined by single spaces or dashes
  // (`4111...-4111...`), is judged number by number: `eachWritten`.)
  let out = '';
  let copied = 0;
  const length = text.length;
  let i = 0;
  for (;;) {
    RUN_START.lastIndex = i;
    const found = RUN_START.exec(text);
    if (found === null) break;
    const start = found.index;
    i = start;
    let code = text.charCodeAt(i);
    let count = 0;
    let separator = -1;
    let mixed = false;
    // The groups before the current one: how many, the first two's lengths, whether all had four digits.
    let groups = 0;
    let first = 0;
    let second = 0;
    let allFour = true;
    let shortest = Infinity;
    let group = 0;
    for (;;) {
      if (count < DIGITS.length) DIGITS[count] = code - 48;
      count++;
      group++;
      i++;
      if (i >= length) break;
      code = text.charCodeAt(i);
      if (isDigit(code)) continue;
      if ((code !== 32 && code !== 45) || i + 1 >= length || !isDigit(text.charCodeAt(i + 1))) break;
      if (separator === -1) separator = code;
      else if (code !== separator) mixed = true;
      if (groups === 0) first = group;
      else if (groups === 1) second = group;
      if (group !== 4) allFour = false;
      shortest = Math.min(shortest, group);
      groups++;
      group = 0;
      i++;
      code = text.charCodeAt(i);
    }
    if (i + 1 < length && text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) continue;
    if (isPhoneNumber(text, start, count)) continue;
    if (groups > 0 && Math.min(shortest, group) >= 12) {
      out += text.slice(copied, start) + eachWritten(text, start, i, replace);
      copied = i;
      continue;
    }
    // Cards in groups of four, one after another (`4242 4242 4242 4242 4242 4242 4242 4242`): one run
    // too long for a card, and both stayed (session 36). Judged sixteen digits at a time.
    if (allFour && group === 4 && (groups + 1) % 4 === 0 && groups >= 7) {
      const cards = eachGroupedCard(text, start, i, replace);
      if (cards !== null) {
        out += text.slice(copied, start) + cards;
        copied = i;
      }
      continue;
    }
    // Cards in groups of four and numbers written whole, glued by single spaces or dashes
    // (`4242-4242-4242-4242-4111111111111111`): one run too long for a card, and both stayed (session 37).
    if (groups > 0 && count > 19) {
      const pieces = eachCardPiece(text, start, i, replace);
      if (pieces !== null) {
        out += text.slice(copied, start) + pieces;
        copied = i;
        continue;
      }
    }
    if (count > 19 || mixed) continue;
    const grouped = separator === -1 || (groups === 2 && first === 4 && second === 6 && (group === 5 || group === 4)) || (allFour && group <= 4);
    if (!grouped || !issuedAndLuhnValid(count)) continue;
    out += text.slice(copied, start) + replace();
    copied = i;
  }
  return cardsInGroupRuns(copied === 0 ? text : out + text.slice(copied), replace);
}

// A run of two digit groups or more, each joined by one space or dash, read from its start (not after
// a digit or a digit and a separator; after a `+`, a phone number when short enough: `isPhoneNumber`),
// and what follows it (a `.` and a digit: a decimal).
const GROUP_RUN = /(?<!\d|\d[ .-])\d+(?:[ -]\d+)+(?!\d)(\.\d+)?/g;

/**
 * Cards inside runs of digit groups that are no card as a whole and that no rule above took
 * (session 38): a run starting with a 0, 1, 7, 8 or 9 is never read as a card (`0123 4111 1111 1111
 * 1111`, `id=9 4111-1111-1111-1111`, `1765000000000 4111111111111111`, `2024-06-01 4111...`), nor
 * is one too long or with its separators mixed, and the card inside stayed. Each such run is read
 * by its groups, from the left: the longest groups from here that are written as on one card (one
 * separator inside, grouped as `replaceCardNumbers` requires, or one number written whole) and are
 * a card number go; else the next group is tried. What a card's neighbours are does not matter.
 * Linear: at most 19 digits, so 19 groups, are tried from each group.
 */
function cardsInGroupRuns(text: string, replace: () => string): string {
  if (!text.includes(' ') && !text.includes('-')) return text;
  return text.replace(GROUP_RUN, (run, decimal: string | undefined, at: number) => {
    const parts = run.split(/([ -])/);
    if (isPhoneNumber(text, at, (decimal === undefined ? run : run.slice(0, -decimal.length)).replace(/\D/g, '').length)) return run;
    // A decimal's integer part is no card's last group (`... 000.5`): the groups before it are read.
    const kept = decimal === undefined ? '' : parts.splice(parts.length - 2).join('');
    let out = '';
    let any = false;
    for (let a = 0; a < parts.length; ) {
      let card = -1;
      let digits = '';
      for (let b = a; b < parts.length && digits.length + parts[b]!.length <= 19; b += 2) {
        if (b > a && parts[b - 1] !== parts[a + 1]) break;
        digits += parts[b];
        if (writtenAsOnCard(parts, a, b) && isCardNumber(digits)) card = b;
      }
      if (card === -1) {
        out += parts[a]! + (parts[a + 1] ?? '');
        a += 2;
        continue;
      }
      out += replace() + (parts[card + 1] ?? '');
      any = true;
      a = card + 2;
    }
    return any ? out + kept : run;
  });
}

/** Whether the groups `parts[a..b]` (even indexes; one separator between them) are grouped as on a card. */
function writtenAsOnCard(parts: readonly string[], a: number, b: number): boolean {
  if (a === b) return parts[a]!.length >= 12;
  const lengths: number[] = [];
  for (let k = a; k <= b; k += 2) lengths.push(parts[k]!.length);
  if (lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && (lengths[2] === 5 || lengths[2] === 4)) return true;
  const last = lengths[lengths.length - 1]!;
  return lengths.slice(0, -1).every((length) => length === 4) && last >= 1 && last <= 4;
}

/**
 * `text.slice(start, end)`, numbers written whole joined by single spaces or dashes, with each one
 * that is a card number replaced: two cards glued so read as one run too long for a card, and both
 * stayed (session 35's property test). Each number is 12 digits or more, so no id in groups of four
 * (`1234-5678-9012-3456-7890`) is cut apart.
 */
function eachWritten(text: string, start: number, end: number, replace: () => string): string {
  let out = '';
  for (let p = start; p < end; ) {
    let q = p;
    while (q < end && isDigit(text.charCodeAt(q))) q++;
    const number = text.slice(p, q);
    out += isCardNumber(number) ? replace() : number;
    if (q < end) out += text[q];
    p = q + 1;
  }
  return out;
}

/**
 * `text.slice(start, end)`, a run whose groups (between single spaces or dashes) are each four digits
 * or a number written whole (12 digits or more), at least one of each, the fours in whole cards
 * (four, eight... in a row): each whole number that is a card number replaced, and each four groups
 * of four, written on one card (one separator inside), that are one; four groups that are none stay
 * as written. Null when a group has another length, fours come short of a card, or none was
 * replaced (the run is then judged as before).
 */
function eachCardPiece(text: string, start: number, end: number, replace: () => string): string | null {
  const parts = text.slice(start, end).split(/([ -])/);
  const groups = parts.filter((_, k) => k % 2 === 0);
  if (!groups.every((g) => g.length === 4 || g.length >= 12) || !groups.some((g) => g.length >= 12) || !groups.some((g) => g.length === 4)) return null;
  // Fours in whole cards only: three groups of four before a number may be the number's own head.
  for (const fours of groups.map((g) => (g.length === 4 ? '4' : ' ')).join('').split(' ')) if (fours.length % 4 !== 0) return null;
  let out = '';
  let any = false;
  for (let k = 0; k < parts.length; ) {
    const g = parts[k]!;
    const block = parts.slice(k, k + 7);
    const sameSeparator = block.length === 7 && block[1] === block[3] && block[3] === block[5];
    if (g.length === 4 && sameSeparator && [0, 2, 4, 6].every((n) => block[n]!.length === 4) && isCardNumber(block[0]! + block[2]! + block[4]! + block[6]!)) {
      out += replace();
      any = true;
      k += 7;
    } else if (g.length >= 12 && isCardNumber(g)) {
      out += replace();
      any = true;
      k += 1;
    } else {
      out += g;
      k += 1;
    }
    if (k < parts.length) out += parts[k++]!;
  }
  return any ? out : null;
}

/**
 * `text.slice(start, end)`, groups of four digits (a multiple of four groups) each joined by one
 * space or dash, with each four groups that are a card number written on one card (one separator
 * inside) replaced; null when none is. A run of four-digit groups that holds no card, an id, stays.
 */
function eachGroupedCard(text: string, start: number, end: number, replace: () => string): string | null {
  let out = '';
  let any = false;
  // Each card is 19 characters: four groups and the three separators between them.
  for (let p = start; p < end; p += 20) {
    const written = text.slice(p, p + 19);
    const card = written[4] === written[9] && written[9] === written[14] && isCardNumber(written.replace(/\D/g, ''));
    any ||= card;
    out += (card ? replace() : written) + (p + 19 < end ? text[p + 19] : '');
  }
  return any ? out : null;
}
