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
// A `+` before the run is a phone number in E.164 (`+4915123456787`, 13 digits starting with 4,
// Visa's 13-digit prefix), never a card, and is not read as one; a card in a form body written
// `pay+with+4111...` is still found, the form scan reading the value decoded (`+` as a space).
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
const SCHEMES: readonly Scheme[] = [
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

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function issuedPrefix(digits: string): boolean {
  return SCHEMES.some(({ from, to, lengths }) => {
    if (!lengths.includes(digits.length)) return false;
    const prefix = Number(digits.slice(0, String(from).length));
    return prefix >= from && prefix <= to;
  });
}

/** Whether `digits` (digits only) is shaped like a card number: 12-19 digits, an issued prefix, Luhn. */
export function isCardNumber(digits: string): boolean {
  return /^\d{12,19}$/.test(digits) && issuedPrefix(digits) && luhnValid(digits);
}

/** Groups as printed on a card: one separator throughout, groups of four (the last shorter) or Amex's 4-6-5. */
function cardGrouping(run: string): boolean {
  const separator = /[ -]/.exec(run)?.[0];
  if (separator === undefined) return true;
  const groups = run.split(separator);
  if (groups.some((group) => /\D/.test(group))) return false;
  const lengths = groups.map((group) => group.length);
  if (lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && (lengths[2] === 5 || lengths[2] === 4)) return true;
  return lengths.slice(0, -1).every((length) => length === 4) && lengths[lengths.length - 1]! >= 1 && lengths[lengths.length - 1]! <= 4;
}

// Bounded: at most 19 digits and 18 separators from each start, so the scan stays linear. Not after
// a digit (a longer run), a `.` (a decimal) or a `+` (a phone number); letters on either side allowed.
// Every scheme's prefix starts with 2 to 6 (`SCHEMES`): a run starting otherwise (a millisecond
// timestamp, a snowflake id) is skipped by the expression, before any check.
const DIGIT_RUN = /(?<![\d.+]|\d[ -])[2-6](?:[ -]?\d){11,18}(?!\d|\.\d|[ -]\d)/g;

// Whether the text may hold a card number at all: a cheap test before the scan.
const MAY_HOLD_CARD = /\d{4}/;

/** Every card number in `text` replaced by what `replace` returns. */
export function replaceCardNumbers(text: string, replace: () => string): string {
  if (!MAY_HOLD_CARD.test(text)) return text;
  return text.replace(DIGIT_RUN, (run) => (cardGrouping(run) && isCardNumber(run.replace(/[ -]/g, '')) ? replace() : run));
}
