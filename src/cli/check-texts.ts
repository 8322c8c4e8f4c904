// The checks of `explain --json`'s lines, as JSON text. A log's checks repeat: the generated
// 10,000-entry HAR's 6,847 exchanges hold 46,313 checks but 394 distinct texts (the same names,
// phases, headers and values from one exchange to the next). Each distinct check is serialized
// once and its text reused, rather than each check copied into an object for JSON.stringify.

import type { Check } from '../cors/index.ts';

/**
 * A check's text, and every field it was made from but the name (the map's key). Every field of
 * Check, required here: a field added to Check fails to compile until it is kept, and compared, too.
 */
type KnownCheck = { [K in Exclude<keyof Check, 'name'>]-?: Check[K] | undefined } & { text: string };

/** The texts kept per check name: a name whose values vary per exchange replaces its oldest. */
const KEPT_PER_NAME = 16;

/**
 * One document's checks: `specs` is the document's `checkSpecs` (a name's first spec, which its
 * checks then leave out), so one instance serves one document.
 */
export class CheckTexts {
  /** Each check name's spec link, as the first check of that name gave it. */
  readonly specs: Record<string, string> = {};
  readonly #known = new Map<string, KnownCheck[]>();
  /** Per name, the slot the next text replaces once KEPT_PER_NAME are kept. */
  readonly #next = new Map<string, number>();

  /** `JSON.stringify(checks.map(compactCheck))`. */
  json(checks: readonly Check[]): string {
    let out = '[';
    for (let i = 0; i < checks.length; i++) out += i === 0 ? this.text(checks[i]!) : `,${this.text(checks[i]!)}`;
    return `${out}]`;
  }

  /** `JSON.stringify(compactCheck(check, ...))`: the same fields, the same text. */
  text(check: Check): string {
    let known = this.#known.get(check.name);
    if (known === undefined) {
      known = [];
      this.#known.set(check.name, known);
    }
    for (let i = 0; i < known.length; i++) {
      const k = known[i]!;
      if (
        k.hop === check.hop &&
        k.outcome === check.outcome &&
        k.phase === check.phase &&
        k.header === check.header &&
        k.expected === check.expected &&
        k.found === check.found &&
        k.spec === check.spec &&
        k.reason === check.reason
      ) {
        return k.text;
      }
    }
    const text = JSON.stringify(compactCheck(check, this.specs));
    const entry: KnownCheck = {
      phase: check.phase,
      hop: check.hop,
      outcome: check.outcome,
      header: check.header,
      expected: check.expected,
      found: check.found,
      spec: check.spec,
      reason: check.reason,
      text,
    };
    if (known.length < KEPT_PER_NAME) known.push(entry);
    else {
      const slot = this.#next.get(check.name) ?? 0;
      known[slot] = entry;
      this.#next.set(check.name, (slot + 1) % KEPT_PER_NAME);
    }
    return text;
  }
}

/**
 * A check as `--json` shows it: its own fields in the order `record()` sets them, `spec` only
 * when it differs from the first spec of its name (`specs`, which the first check of a name fills).
 * A copy by hand: rest-spreading thousands of checks costs more than serializing them.
 */
export function compactCheck(check: Check, specs: Record<string, string>): Record<string, unknown> {
  const spec = (specs[check.name] ??= check.spec);
  const compact: Record<string, unknown> = { name: check.name, phase: check.phase, hop: check.hop, outcome: check.outcome };
  if (check.header !== undefined) compact['header'] = check.header;
  if (check.expected !== undefined) compact['expected'] = check.expected;
  if (check.found !== undefined) compact['found'] = check.found;
  if (spec !== check.spec) compact['spec'] = check.spec;
  if (check.reason !== undefined) compact['reason'] = check.reason;
  return compact;
}
