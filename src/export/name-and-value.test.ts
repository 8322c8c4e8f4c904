// Names the value settles (session 32), in every place a value sits beside its name: a camera's
// `pan` angle stays while a card's PAN goes (`sensitiveValueKind`), and a language model's token
// count stays under a name with a word glued before `token` (`LLMtokenCount`).

import { describe, expect, it } from 'vitest';
import { redactBody } from './redact-body.ts';
import { redactHeader, redactText, redactUrl } from './redact.ts';

const inHeader = (name: string, value: string): string => redactHeader([name, value])[1];
const inQuery = (name: string, value: string): string => redactUrl(`https://cam.example/ptz?${name}=${value}&tilt=10`);
const inText = (name: string, value: string): string => redactText(`${name}=${value} and ${name}: "${value}"`, [], 'x-debug');
// As a JSON number where it is one, and as a string.
const inJson = (name: string, value: string): string =>
  redactBody(`{"a": {"${name}": ${/^[\d.-]+$/.test(value) ? value : '0'}}, "b": {"${name}": "${value}"}}`, [], 'application/json');
const inForm = (name: string, value: string): string => redactBody(`${name}=${value}&tilt=10`, [], 'application/x-www-form-urlencoded');

const PLACES = { header: inHeader, query: inQuery, text: inText, json: inJson, form: inForm };

describe('a value under a name the value settles', () => {
  const cases = Object.entries(PLACES).flatMap(([place, write]) => [
    { place, write, name: 'pan', value: '30' },
    { place, write, name: 'pan', value: '-45.5' },
    { place, write, name: 'LLMtokenCount', value: '1234' },
  ]);
  it.each(cases)('$name=$value stays in a $place', ({ write, name, value }) => {
    const written = write(name, value);
    expect(written).toContain(value);
    expect(written).not.toContain('REDACTED');
  });

  // A card's PAN that the shape rule alone would miss (no Luhn), and India's PAN, go by the name.
  const secrets = Object.entries(PLACES).flatMap(([place, write]) => [
    { place, write, value: '4111111111111112' },
    { place, write, value: '5000000000000001' },
  ]);
  it.each(secrets)('pan=$value goes in a $place', ({ write, value }) => {
    expect(write('pan', value)).not.toContain(value);
  });

  it.each(Object.entries(PLACES))('a tax id under pan goes in a %s', (_, write) => {
    expect(write('pan', 'ABCDE1234F')).not.toContain('ABCDE1234F');
  });
});
