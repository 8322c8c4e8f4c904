import { describe, expect, it } from 'vitest';
import { isCardNumber, replaceCardNumbers } from './payment-card.ts';

const X = () => 'X';

describe('isCardNumber', () => {
  // Test numbers the card schemes publish.
  it.each(['4111111111111111', '4012888888881881', '5555555555554444', '5105105105105100', '2223003122003222', '378282246310005', '6011111111111117', '3530111333300000', '30569309025904', '6200000000000005'])(
    '%s is a card number',
    (digits) => expect(isCardNumber(digits)).toBe(true),
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
  ])('%s', (text, expected) => expect(replaceCardNumbers(text, X)).toBe(expected));

  it.each([
    ['0.4111111111111111', 'the digits of a decimal'],
    ['4111111111111111.5', 'a decimal'],
    ['tok4111111111111111', 'inside a word'],
    ['41111111111111111', 'a longer run'],
    ['4111 11111 111 1111', 'grouped unlike a card'],
    ['4111 1111-1111 1111', 'separators mixed'],
    ['1 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1', 'single digits in a list'],
    ['order 4000123412341235 at 1765000000000', 'an order id failing the Luhn check, a timestamp'],
  ])('%s stays (%s)', (text) => expect(replaceCardNumbers(text, X)).toBe(text));
});
