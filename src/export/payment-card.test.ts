import { describe, expect, it } from 'vitest';
import { isCardNumber, replaceCardNumbers } from './payment-card.ts';

const X = () => 'X';

describe('isCardNumber', () => {
  // Test numbers the card schemes publish.
  it.each(['4111111111111111', '4012888888881881', '5555555555554444', '5105105105105100', '2223003122003222', '378282246310005', '6011111111111117', '3530111333300000', '30569309025904', '6200000000000005'])(
    '%s is a card number',
    (digits) => expect(isCardNumber(digits)).toBe(true),
  );

  // Maestro issues 12 to 19 digits; at twelve, only under its own issuer prefixes.
  it.each(['501800000009', '675900000000', '630400000000', '589300000009', '676212345679'])('%s, twelve digits, is a Maestro number', (digits) =>
    expect(isCardNumber(digits)).toBe(true),
  );

  it.each([
    ['4111111111111112', 'fails the Luhn check'],
    ['1765000000000', 'a millisecond timestamp: no scheme issues numbers starting with 1'],
    ['1765000000000000', 'a microsecond timestamp'],
    ['1234567890123452', 'an id starting with 1, Luhn-valid'],
    ['9000000000000008', 'Luhn-valid, no issued prefix'],
    ['555555555555444', 'a Mastercard prefix at a length Mastercard does not issue'],
    ['41111111111111', 'a Visa prefix at fourteen digits'],
    ['411111111111', 'too short'],
    ['41111111111', 'eleven digits'],
    ['573001234562', 'a Colombian mobile number without its +, Luhn-valid, in a range Maestro shares at 13 digits and more'],
    ['639171234565', 'a Philippine mobile number without its +, Luhn-valid'],
    ['584121234564', 'a Venezuelan mobile number without its +, Luhn-valid'],
    ['501234567890', 'twelve digits under Maestro\'s two-digit range, not one of its issuer prefixes'],
    ['41111111111111111111', 'too long'],
  ])('%s is not (%s)', (digits) => expect(isCardNumber(digits)).toBe(false));
});

describe('replaceCardNumbers', () => {
  it.each([
    ['4111111111111111', 'X'],
    ['pay with 4111 1111 1111 1111.', 'pay with X.'],
    ['4111-1111-1111-1111', 'X'],
    ['amex 3782 822463 10005', 'amex X'],
    ['n=5555555555554444&ts=1765000000000', 'n=X&ts=1765000000000'],
    // Glued to letters (session 32): a label written against the number hides nothing.
    ['card4111111111111111', 'cardX'],
    ['tok4111111111111111', 'tokX'],
    ['x4111 1111 1111 1111y', 'xXy'],
    ['/pay/card4111111111111111/confirm', '/pay/cardX/confirm'],
    ['{"memo":"ref_5555555555554444"}', '{"memo":"ref_X"}'],
    ['session=abc; last4=none; pan4111111111111111', 'session=abc; last4=none; panX'],
    ['maestro 6759 0000 0000 and 501800000009', 'maestro X and X'],
  ])('%s', (text, expected) => expect(replaceCardNumbers(text, X)).toBe(expected));

  it.each([
    ['0.4111111111111111', 'the digits of a decimal'],
    ['4111111111111111.5', 'a decimal'],
    ['tok41111111111111111', 'a longer run inside a word'],
    ['+4915123456787', 'a phone number (E.164): Visa\'s 13-digit prefix, Luhn-valid'],
    ['tel:+4915123456787', 'a phone number in a tel: URL'],
    ['call +49 1512 3456787', 'a phone number written in groups'],
    ['wa_id=573001234562', 'a Colombian mobile number without its +'],
    ['t1765000000000 id4000123412341235', 'a timestamp and an order id glued to letters'],
    ['sha256-a1234567890123456789bcdef', 'twenty digits inside a digest: a longer run'],
    ['41111111111111111', 'a longer run'],
    ['4111 11111 111 1111', 'grouped unlike a card'],
    ['4111 1111-1111 1111', 'separators mixed'],
    ['1 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1', 'single digits in a list'],
    ['order 4000123412341235 at 1765000000000', 'an order id failing the Luhn check, a timestamp'],
  ])('%s stays (%s)', (text) => expect(replaceCardNumbers(text, X)).toBe(text));
});
