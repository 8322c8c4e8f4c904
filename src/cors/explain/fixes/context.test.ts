import { describe, expect, it } from 'vitest';
import { CORS_ERRORS } from '../../cors-error.ts';
import { corsMaybeSentByOf, corsSentByOf, errorTrap, type FixContext, isPolicyError, replacedNote } from './context.ts';
import { expressFix } from './express.ts';
import { fastifyFix } from './fastify.ts';
import { flaskFix } from './flask.ts';
import { contextFor } from './test-context.ts';

describe('errorTrap', () => {
  it.each([
    [{ error: 'MultipleAllowOriginValues' as const }, "send back only the request's Origin when it is on your list"],
    [{ error: 'MultipleAllowOriginValues' as const }, 'configure CORS in one of them only'],
    [{ error: 'PreflightInvalidStatus' as const, preflightStatus: 401 }, 'authentication must let OPTIONS through'],
    [{ error: 'MissingAllowOriginHeader' as const, errorStatus: 502 }, 'The failing response was a 502'],
  ])('%j', (opts, phrase) => expect(errorTrap(contextFor(opts))).toContain(phrase));
  it('never advises CORS headers on an error answer to the preflight, which fails on its status alone', () => {
    const trap = errorTrap(contextFor({ error: 'PreflightInvalidStatus', preflightStatus: 404 }));
    expect(trap).toContain('The preflight was answered 404');
    expect(trap).not.toContain('error responses too');
  });
  // Chromium and Firefox check Access-Control-Allow-Origin before the status (recorded in both, on
  // 127.0.0.1, for 401, 404, 405 and 500): without it a 2xx alone is refused next; with it only the
  // status must change. Authentication is named for an auth status, whichever code it came with.
  it.each([
    ['PreflightMissingAllowOriginHeader', 404, ['answered 404 without Access-Control-Allow-Origin', 'needs both a 2xx (200 or 204) and the CORS headers', 'a 2xx alone is refused next'], ['passed', 'authentication']],
    ['PreflightMissingAllowOriginHeader', 401, ['needs both a 2xx', 'authentication must let OPTIONS through'], ['passed']],
    ['PreflightInvalidStatus', 404, ['its Access-Control-Allow-Origin passed', 'must also get a 2xx (200 or 204)'], ['needs both', 'authentication']],
    ['PreflightInvalidStatus', 403, ['its Access-Control-Allow-Origin passed', 'authentication must let OPTIONS through'], ['needs both']],
  ] as const)('%s on a %i', (error, status, must, mustNot) => {
    const trap = errorTrap(contextFor({ error, preflightStatus: status }));
    for (const p of must) expect(trap).toContain(p);
    for (const p of mustNot) expect(trap).not.toContain(p);
  });
  it('says nothing when there is nothing to say', () => {
    expect(errorTrap(contextFor({ error: 'MissingAllowOriginHeader' }))).toBeNull();
  });
});

describe('isPolicyError', () => {
  it.each([
    ['MissingAllowOriginHeader', true],
    ['HeaderDisallowedByPreflightResponse', true],
    ['DisallowedByMode', false],
    ['LocalNetworkAccessPermissionDenied', false],
  ] as const)('%s → %s', (e, ok) => expect(isPolicyError(e)).toBe(ok));
  it('covers 18 of the 35 errors', () => expect(CORS_ERRORS.filter(isPolicyError)).toHaveLength(18));
});

describe('replacedNote', () => {
  it('is null for clean values', () => expect(replacedNote(contextFor().policy)).toBeNull());
});

// Session 39's second read (M2 #4): `Server: nginx` with `X-Powered-By: Express`, and no line telling
// which added the CORS header: the Express fix flatly said to remove an app.use(cors(...)) call that
// may not exist. A layer counts as the sender only where it is a line's single named sender.
describe('corsSentByOf and corsMaybeSentByOf', () => {
  const ambiguous = [{ setBy: ['nginx', 'express'] }];
  it('a line with several candidates names no sender, only candidates', () => {
    expect(corsSentByOf(ambiguous)).toEqual([]);
    expect(corsMaybeSentByOf(ambiguous)).toEqual(['nginx', 'express']);
  });
  it('a layer that is the single sender of another line is a sender, not a candidate', () => {
    const lines = [...ambiguous, { setBy: ['express'] }, { setBy: ['unknown'] }, { setBy: ['nginx', 'unknown'] }];
    expect(corsSentByOf(lines)).toEqual(['express']);
    expect(corsMaybeSentByOf(lines)).toEqual(['nginx']);
  });
  it('the fix for a candidate hedges the replace words', () => {
    const snippet = expressFix({ ...contextFor({ error: 'MissingAllowOriginHeader' }), corsMaybeSentBy: ['nginx', 'express'] }).snippet;
    expect(snippet).toContain('// If the app already calls app.use(cors(...)), replace that call with this one (no header tells whether');
    expect(snippet).toContain('// cors or another layer added the CORS headers its answers carry).');
    expect(snippet).not.toContain('remove that app.use(cors(...)) call');
    expect(snippet).not.toContain('already carry CORS headers from it');
  });
  it("another library's fix hedges with the general words", () => {
    const snippet = flaskFix({ ...contextFor({ error: 'MissingAllowOriginHeader' }), corsMaybeSentBy: ['nginx', 'flask'] }).snippet;
    expect(snippet).toContain('# If the app already sets up CORS itself, put this in place of that setup, not beside it: its');
    expect(snippet).toContain('# answers carry CORS headers, but no header tells whether the app or another layer added them.');
    expect(snippet).not.toContain('already carry CORS headers');
  });
});

// Recorded in Chromium (test/fix-proof/refused-preflight.test.ts): the app's own CORS lines on a 401
// or 404 to OPTIONS were set by hand, not by cors or @fastify/cors, which answer OPTIONS themselves;
// the fix said to remove an app.use(cors(...)) or register(cors, ...) call the app did not have.
describe('replace words, when the app sent its CORS lines on a refused preflight', () => {
  const refused = (stack: 'express' | 'fastify'): FixContext => ({ ...contextFor({ error: 'PreflightInvalidStatus', preflightStatus: 401 }), corsSentBy: [stack] });
  it.each([
    ['express', expressFix, 'cors does not send: it answers OPTIONS itself unless', 'or that app.use(cors(...)) call)', 'remove that app.use(cors(...)) call'],
    ['fastify', fastifyFix, '@fastify/cors does not send: it answers OPTIONS itself unless', 'or that register(cors, ...) call)', 'remove that register(cors, ...) call'],
  ] as const)('%s: remove the code that set them', (stack, fix, said, call, notSaid) => {
    const snippet = fix(refused(stack)).snippet;
    expect(snippet).toContain("// This replaces the code that sets the app's CORS headers now: its OPTIONS answer carried them on");
    expect(snippet).toContain(said);
    expect(snippet).toContain(call);
    expect(snippet).not.toContain(notSaid);
  });
  it('an OPTIONS answer that failed another check keeps the library words', () => {
    const snippet = expressFix({ ...contextFor({ error: 'PreflightMissingAllowOriginHeader' }), corsSentBy: ['express'] }).snippet;
    expect(snippet).toContain('remove that app.use(cors(...)) call');
  });
});

// Session 39's second read (M2 #2): the `cors` package answering a page not on its list sends a
// preflight with Vary: Origin and no Allow-Origin; the replace words threw its list away unsaid.
describe('replace words, when the old setup picks by Origin', () => {
  const COPY = "// Add the origins your old setup allows beside the page's origin below: this capture only shows";
  const ctx = (change: Partial<FixContext>): FixContext => ({ ...contextFor({ error: 'PreflightMissingAllowOriginHeader' }), corsSentBy: ['express'], ...change });
  it('no Allow-Origin on its answer: say to copy its origins', () => {
    expect(expressFix(ctx({})).snippet).toContain(COPY);
  });
  // An Allow-Origin naming another origin, nothing of it kept (the test context's is dropped).
  const mismatch = (change: Partial<FixContext>): FixContext => {
    const base = contextFor({ error: 'AllowOriginMismatch' });
    const { keptOrigins: _kept, ...policy } = base.policy;
    return { ...base, policy, corsSentBy: ['express'], ...change };
  };
  it('answers varying by Origin: the same', () => {
    expect(expressFix(mismatch({ originVaries: true })).snippet).toContain(COPY);
  });
  it('a fixed origin of its kept, no replace words, or nothing says it picks: not said', () => {
    const base = contextFor({ error: 'PreflightMissingAllowOriginHeader' });
    expect(expressFix(ctx({ policy: { ...base.policy, keptOrigins: ['https://prod.example'] } })).snippet).not.toContain(COPY);
    expect(expressFix({ ...base, originVaries: true }).snippet).not.toContain(COPY);
    expect(expressFix(mismatch({})).snippet).not.toContain(COPY);
  });
});
