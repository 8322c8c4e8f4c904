// The pieces the bundle schema is built from (`bundle-schema.ts`): valibot schemas whose messages
// read like the rest of CORS Inspector's (`expected an array, found a string`), each issue filed
// under a `BundleErrorCode`, and a cap on how many issues a hostile file can make us collect.

import * as v from 'valibot';

export type BundleErrorCode = 'too-large' | 'not-json' | 'not-a-bundle' | 'unsupported-version' | 'invalid' | 'too-many' | 'duplicate-id' | 'dangling';

export interface BundleError {
  code: BundleErrorCode;
  /** Where, as a JavaScript-like path from the top: `exchanges[3].exchange.hops`; `` for the file. */
  path: string;
  message: string;
}

type Issue = v.BaseIssue<unknown>;
type Message = (issue: Issue) => string;
type Schema = v.GenericSchema;
type Entries = Record<string, Schema>;

/**
 * Collects what valibot found, worded and filed as it is found. Past `maxErrors` issues, the lists
 * (`whileRoom`) stop validating their remaining items: a file with millions of mistakes costs no
 * more than one with fifty.
 */
export class IssueLog {
  private readonly codes = new WeakMap<Issue, BundleErrorCode>();
  private count = 0;

  constructor(readonly maxErrors: number) {}

  get full(): boolean {
    return this.count >= this.maxErrors;
  }

  /** A valibot message that files its issue under `code`. */
  says(code: BundleErrorCode, words: (input: unknown, issue: Issue) => string): Message {
    return (issue) => {
      this.codes.set(issue, code);
      this.count++;
      return words(issue.input, issue);
    };
  }

  /** `expected <what>, found <the input described>`. */
  expected(what: string): Message {
    return this.says('invalid', (input) => `expected ${what}, found ${describe(input)}`);
  }

  errors(issues: readonly Issue[]): BundleError[] {
    return issues.slice(0, this.maxErrors).map((issue) => ({ code: this.codes.get(issue) ?? 'invalid', path: pathOf(issue), message: issue.message }));
  }
}

/** The words for a schema when its key is missing: what `expected` said of it. */
const EXPECTED = new WeakMap<object, string>();

function expecting<S extends Schema>(what: string, schema: S): S {
  EXPECTED.set(schema, what);
  return schema;
}

function expectationOf(schema: Schema | undefined): string {
  if (schema === undefined) return 'a value';
  const what = EXPECTED.get(schema);
  if (what !== undefined) return what;
  return 'pipe' in schema && Array.isArray(schema.pipe) ? expectationOf(schema.pipe[0] as Schema) : 'a value';
}

/** The schema helpers, their messages filed in `log`. */
export function schemaKit(log: IssueLog) {
  const tooLong = (max: number) =>
    log.says('too-large', (input) => `${String(input).length.toLocaleString('en-US')} characters, more than the ${max.toLocaleString('en-US')} a bundle holds here`);

  /** The fields of an object, as valibot's `object` (unknown keys dropped), a missing one named. */
  function fields<E extends Entries>(entries: E) {
    return v.object(
      entries,
      log.says('invalid', (input, issue) => {
        const key = issue.path?.at(-1)?.key;
        return typeof key === 'string' && input === undefined ? `expected ${expectationOf(entries[key])}, found nothing` : `expected an object, found ${describe(input)}`;
      }),
    );
  }

  /** An object of these fields; not an array, which valibot's `object` would take. */
  function record<E extends Entries>(entries: E) {
    return expecting('an object', v.pipe(plainObject(), fields(entries)));
  }

  function plainObject() {
    return expecting('an object', v.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), log.expected('an object')));
  }

  function string(maxLength = Number.POSITIVE_INFINITY) {
    return expecting('a string', v.pipe(v.string(log.expected('a string')), v.maxLength(maxLength, tooLong(maxLength))));
  }

  function nonEmptyString(maxLength = Number.POSITIVE_INFINITY) {
    return expecting(
      'a string',
      v.pipe(v.string(log.expected('a string')), v.maxLength(maxLength, tooLong(maxLength)), v.minLength(1, log.says('invalid', () => 'expected a non-empty string'))),
    );
  }

  function stringOrNull(maxLength = Number.POSITIVE_INFINITY) {
    return expecting('a string or null', v.nullable(v.pipe(v.string(log.expected('a string or null')), v.maxLength(maxLength, tooLong(maxLength)))));
  }

  function integer(min: number, max: number) {
    const range = log.says('invalid', (input) => `expected an integer from ${min} to ${max}, found ${String(input)}`);
    return expecting('an integer', v.pipe(v.number(log.expected('an integer')), v.integer(log.expected('an integer')), v.minValue(min, range), v.maxValue(max, range)));
  }

  function oneOf<const T extends readonly string[]>(options: T) {
    const what = `one of ${options.map((option) => JSON.stringify(option)).join(', ')}`;
    return expecting(what, v.picklist(options, log.expected(what)));
  }

  function flag() {
    return expecting('true or false', v.boolean(log.expected('true or false')));
  }

  function timestamp(maxLength = Number.POSITIVE_INFINITY) {
    return v.pipe(
      string(maxLength),
      // A date past its bound is refused as such, not parsed too.
      v.check((text) => text.length > maxLength || Number.isFinite(Date.parse(text)), log.says('invalid', () => 'expected an ISO 8601 date and time')),
    );
  }

  /**
   * An array of at most `max` items (`too-many` naming the count, before any item is read), and of
   * at least one when `oneAtLeast` names the item.
   */
  function list<S extends Schema>(item: S, max: number, noun: string, oneAtLeast?: string) {
    return expecting(
      'an array',
      v.pipe(
        v.array(v.unknown(), log.expected('an array')),
        v.maxLength(max, log.says('too-many', (input) => `${(input as unknown[]).length} ${noun}, more than the ${max} a bundle may hold`)),
        v.minLength(oneAtLeast === undefined ? 0 : 1, log.says('invalid', () => `expected at least one ${oneAtLeast}`)),
        v.array(whileRoom(item)),
      ),
    );
  }

  /** Once the log is full, the rest of a list's items are not read. */
  function whileRoom<S extends Schema>(schema: S) {
    const skip = v.any() as unknown as S;
    return v.lazy(() => (log.full ? skip : schema));
  }

  /** `[name, value]`, both strings, at most `maxLength` characters together. */
  function headerLine(maxLength: number) {
    const pair = log.expected('a [name, value] pair of strings');
    return v.pipe(
      v.array(v.unknown(), pair),
      v.length(2, pair),
      v.strictTuple([string(), string()]),
      v.check(
        ([name, value]) => name.length + value.length <= maxLength,
        log.says('too-large', (input) => {
          const [name, value] = input as [string, string];
          return `${(name.length + value.length).toLocaleString('en-US')} characters, more than the ${maxLength.toLocaleString('en-US')} a bundle holds here`;
        }),
      ),
      v.readonly(),
    );
  }

  /** A field's meaning, for docs/bundle-schema.md. */
  function about<S extends Schema>(description: string, schema: S) {
    return v.pipe(schema, v.description(description));
  }

  /** A named part of the bundle: a section of its own in docs/bundle-schema.md. */
  function part<S extends Schema>(title: string, schema: S, description?: string) {
    return description === undefined ? v.pipe(schema, v.title(title)) : v.pipe(schema, v.title(title), v.description(description));
  }

  return { fields, record, plainObject, string, nonEmptyString, stringOrNull, integer, oneOf, flag, timestamp, list, headerLine, about, part };
}

/** A valibot path item at `keys` below `root`, for an issue found by a check on `root`. */
export function pathBelow(root: unknown, keys: readonly (string | number)[]): [v.IssuePathItem, ...v.IssuePathItem[]] {
  let input = root as Record<string | number, unknown>;
  const items = keys.map((key): v.UnknownPathItem => {
    const value = input[key];
    const item: v.UnknownPathItem = { type: 'unknown', origin: 'value', input, key, value };
    input = value as Record<string | number, unknown>;
    return item;
  });
  return items as [v.IssuePathItem, ...v.IssuePathItem[]];
}

/** `exchanges[3].exchange.hops`. */
function pathOf(issue: Issue): string {
  return (issue.path ?? []).map((item, i) => (typeof item.key === 'number' ? `[${item.key}]` : `${i === 0 ? '' : '.'}${String(item.key)}`)).join('');
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : 'a number';
  if (typeof value === 'boolean') return `${value}`;
  return `an ${typeof value}`;
}
