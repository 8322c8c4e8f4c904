import { describe, expect, it } from 'vitest';
import type { Redaction } from './redaction.ts';
import { replaceCommandCredentials } from './command-credentials.ts';
import { redactBody } from './redact-body.ts';
import { redactHeader } from './redact-header.ts';

const redact = (text: string): string => replaceCommandCredentials(text, () => 'X');

describe('replaceCommandCredentials', () => {
  it.each([
    // curl's user:password, every way curl reads it.
    ['curl -u alice:hunter2 https://api.example/', 'curl -u X https://api.example/'],
    ['curl --user alice:hunter2 https://api.example/', 'curl --user X https://api.example/'],
    ['curl --user=alice:hunter2 https://api.example/', 'curl --user=X https://api.example/'],
    ['curl -ualice:hunter2 https://api.example/', 'curl -uX https://api.example/'],
    ["curl -u 'alice:correct horse' https://a/", "curl -u 'X' https://a/"],
    ['curl -u "alice:correct horse" https://a/', 'curl -u "X" https://a/'],
    ['curl -x proxy:3128 -U bob:pw9 https://a/', 'curl -x proxy:3128 -U X https://a/'],
    ['curl --proxy-user bob:pw9 https://a/', 'curl --proxy-user X https://a/'],
    // An API key as the user name, an empty password (Stripe's examples).
    ['curl https://api.stripe.com/v1/charges -u sk_test_abc:', 'curl https://api.stripe.com/v1/charges -u X'],
    // A logged argv joined with commas or quotes.
    ['["curl","-u","alice:hunter2"]', '["curl","-u","X"]'],
    // A long option whose name says secret, its value after a blank.
    ['mytool --password hunter2 --verbose', 'mytool --password X --verbose'],
    ['deploy --api-key abc --region eu', 'deploy --api-key X --region eu'],
    ['login --client-secret=abc', 'login --client-secret=X'],
    // Not credentials: -u with no colon (curl asks for the password), other options, prose.
    ['curl -u alice https://a/', 'curl -u alice https://a/'],
    ['sort -u names.txt', 'sort -u names.txt'],
    ['use --user to pass credentials', 'use --user to pass credentials'],
    ['git --update-head x:y', 'git --update-head x:y'],
    ['mytool --password --verbose', 'mytool --password --verbose'],
    ['curl -u X https://a/', 'curl -u X https://a/'],
    ['curl -u REDACTED-AUTHORIZATION https://a/', 'curl -u REDACTED-AUTHORIZATION https://a/'],
  ])('%s', (text, expected) => expect(redact(text)).toBe(expected));
});

describe('curl credentials through the exports', () => {
  it('in a JSON body, a text body and a header value', () => {
    const found: Redaction[] = [];
    expect(redactBody('{"cmd":"curl -u alice:hunter2 https://x.example/"}', found, 'application/json')).toBe('{"cmd":"curl -u REDACTED-AUTHORIZATION https://x.example/"}');
    expect(redactBody('run curl --user alice:hunter2 https://x.example/', found, 'text/plain')).toBe('run curl --user REDACTED-AUTHORIZATION https://x.example/');
    expect(redactHeader(['X-Debug', 'curl -u alice:hunter2 https://x'], found)).toEqual(['X-Debug', 'curl -u REDACTED-AUTHORIZATION https://x']);
    expect(found.map((r) => `${r.kind}@${r.where}`)).toEqual(['authorization@body:cmd:-u', 'authorization@body:--user', 'authorization@x-debug:-u']);
  });

  it('an argv logged as a JSON list', () => {
    const out = redactBody(JSON.stringify({ argv: ['curl', '-u', 'alice:hunter2', '--password', 'pw9', 'https://a/'] }), [], 'application/json');
    expect(JSON.parse(out)).toEqual({ argv: ['curl', '-u', 'REDACTED-AUTHORIZATION', '--password', 'REDACTED-PASSWORD', 'https://a/'] });
  });
});
