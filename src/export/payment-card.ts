// Payment card numbers by their shape, under any name: a person pasting an exchange must not share
// one by accident. A run of 13 to 19 digits (written whole, or in the groups printed on a card:
// 4-4-4-4, 4-6-5, split by one space or dash) counts only when it passes the Luhn check *and* starts
// with a prefix a card scheme issues at that length (below). Both are needed against false positives:
// the Luhn check alone passes one number in ten, so an id or a timestamp would go often; the prefix
// alone says nothing. With both, a millisecond timestamp (13 digits, starting with 1 until 2286) and
// a snowflake id (starting with 1) never go, and a random 16-digit id starting with 2-6 goes about one
// time in ten: an accepted false positive, since the name beside it stays readable. A digit run inside
// a word, a decimal (`0.4111...`) or a longer run is not a card.

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

/** Whether `digits` (digits only) is shaped like a card number: 13-19 digits, an issued prefix, Luhn. */
export function isCardNumber(digits: string): boolean {
  return /^\d{13,19}$/.test(digits) && issuedPrefix(digits) && luhnValid(digits);
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

// Bounded: at most 19 digits and 18 separators from each start, so the scan stays linear.
const DIGIT_RUN = /(?<![\w.]|\d[ -])\d(?:[ -]?\d){12,18}(?![\w]|\.\d|[ -]\d)/g;

// Whether the text may hold a card number at all: a cheap test before the scan.
const MAY_HOLD_CARD = /\d{4}/;

/** Every card number in `text` replaced by what `replace` returns. */
export function replaceCardNumbers(text: string, replace: () => string): string {
  if (!MAY_HOLD_CARD.test(text)) return text;
  return text.replace(DIGIT_RUN, (run) => (cardGrouping(run) && isCardNumber(run.replace(/[ -]/g, '')) ? replace() : run));
}
