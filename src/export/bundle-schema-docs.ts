// The tables of docs/bundle-schema.md, written from the bundle schema so that the docs cannot drift
// from what the validator accepts. Each named part of the schema (`part(title, ...)`) has a block in
// the Markdown, between `<!-- schema: Title -->` and `<!-- /schema -->`; the prose around the
// blocks is the docs' own. The block `Limits` is the table of `DEFAULT_BUNDLE_LIMITS`.
// `npm run docs:schema` rewrites the blocks; a test fails when the committed file differs from what
// the schema gives.

import * as v from 'valibot';
import { bundleSchema, DEFAULT_BUNDLE_LIMITS, type BundleLimits } from './bundle-schema.ts';

/** A valibot schema or action, read by its public fields only. */
interface Node {
  kind?: string;
  type: string;
  pipe?: readonly Node[];
  wrapped?: Node;
  getter?: (input: unknown) => Node;
  entries?: Record<string, Node>;
  item?: Node;
  items?: readonly Node[];
  options?: readonly (Node | string)[];
  literal?: unknown;
  requirement?: unknown;
  title?: string;
  description?: string;
}

const BLOCK = /(<!-- schema: ([^>]+?) -->\n)(?:(?!<!-- )[\s\S])*(<!-- \/schema -->)/g;

/** What each limit bounds (and why that default): a limit added without its line does not compile. */
const LIMITS: Record<keyof BundleLimits, string> = {
  maxBytes: 'file size, checked before parsing',
  maxExchanges: 'exchanges',
  maxHopsPerExchange: 'hops per exchange (Chromium follows at most 20 redirects)',
  maxHeadersPerList: 'lines per header list',
  maxNotesPerExchange: 'notes per exchange',
  maxHeaderLineLength: "characters in a header line (name and value), a method, an error text, Chromium's failed parameter, a note's header name (256 KiB: Chromium reads at most that much of a response's headers)",
  maxUrlLength: "characters in a URL or an origin (2 MiB: Chromium's longest URL)",
  maxNameLength: "characters in a name (the author's, a note author's, the engine's name and version), in Chromium's CORS error name or a failure reason, in a date",
  maxIdLength: 'characters in an exchange or note id (the capture\'s, prefixed once per import)',
  maxNoteLength: "characters in a note's text (ten times the panel's note field: redaction's placeholders can be longer than what they replace)",
  maxHeadlineLength: 'characters in a headline (it quotes a header-line-long value, each control as a six-character escape)',
  maxErrors: 'errors reported; the validator reads no further',
};
const LIMITS_BLOCK = 'Limits';

/** `markdown` with each schema block rewritten from `schema`. Throws when a part has no block, or a block no part. */
export function renderSchemaDocs(markdown: string, schema: v.GenericSchema = bundleSchema(), limits: BundleLimits = DEFAULT_BUNDLE_LIMITS): string {
  const parts = new Map([...namedParts(schema as unknown as Node)].map(([title, node]) => [title, () => section(node)]));
  parts.set(LIMITS_BLOCK, () => limitsTable(limits));
  const blocks = [...markdown.matchAll(BLOCK)].map((match) => match[2]!);
  const undocumented = [...parts.keys()].filter((title) => !blocks.includes(title));
  const unknown = blocks.filter((title) => !parts.has(title));
  if (undocumented.length > 0 || unknown.length > 0) {
    throw new Error(
      [
        ...undocumented.map((title) => `the schema's part "${title}" has no <!-- schema: ${title} --> block`),
        ...unknown.map((title) => `<!-- schema: ${title} --> names no part of the schema`),
      ].join('; '),
    );
  }
  return markdown.replace(BLOCK, (_all, open: string, title: string, close: string) => `${open}${parts.get(title)!()}\n${close}`);
}

function limitsTable(limits: BundleLimits): string {
  const rows = (Object.keys(LIMITS) as (keyof BundleLimits)[]).map((key) => {
    const value = limits[key];
    const shown = key === 'maxBytes' && value % (1024 * 1024) === 0 ? `${value / (1024 * 1024)} MB` : value.toLocaleString('en-US');
    return `| ${LIMITS[key]} | ${shown} |`;
  });
  return ['| limit | default |', '| --- | --- |', ...rows].join('\n');
}

/** Every titled part below `root`, by title, in the order first met. */
function namedParts(root: Node): Map<string, Node> {
  const parts = new Map<string, Node>();
  const visit = (node: Node): void => {
    const title = titleOf(node);
    if (title !== undefined) {
      if (parts.has(title)) return;
      parts.set(title, owner(node, title));
    }
    children(core(node)).forEach(visit);
  };
  visit(root);
  return parts;
}

/** The pipe that holds the title, not a field's pipe around it: its description is the part's. */
function owner(node: Node, title: string): Node {
  return node.pipe === undefined || node.pipe.some((item) => item.kind === 'metadata' && item.title === title) ? node : owner(node.pipe[0]!, title);
}

function children(node: Node): Node[] {
  if (node.type === 'optional' || node.type === 'nullable') return [node.wrapped!];
  if (node.type === 'lazy') return [node.getter!(undefined)];
  return [...Object.values(node.entries ?? {}), ...(node.item ? [node.item] : []), ...(node.items ?? []), ...(node.options ?? []).filter(isNode)];
}

function isNode(value: Node | string): value is Node {
  return typeof value === 'object';
}

/** A part's block: its description, then a table of its fields. */
function section(part: Node): string {
  const entries = core(part).entries ?? {};
  const rows = Object.entries(entries).map(([key, field]) => `| \`${key}\` | ${typeOf(field)} |${prefixed(descriptionOf(field))} |`);
  const intro = descriptionOf(part);
  return [...(intro === undefined ? [] : [intro, '']), '| field | type | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** What a field holds, as the docs say it: `string, non-empty`, `array of [Hop](#hop)`. */
function typeOf(node: Node, inline = false): string {
  const title = titleOf(node);
  if (title !== undefined) return `[${title}](#${anchor(title)})`;
  const main = core(node);
  const checks = actionsOf(node);
  switch (main.type) {
    case 'optional':
      return typeOf(main.wrapped!, inline);
    case 'nullable':
      return `${typeOf(main.wrapped!, inline)} or null`;
    case 'lazy':
      return typeOf(main.getter!(undefined), inline);
    case 'string':
      return requirement(checks, 'min_length') === 1 ? 'string, non-empty' : 'string';
    case 'boolean':
      return 'boolean';
    case 'number': {
      if (!checks.some((check) => check.type === 'integer')) return 'number';
      const min = requirement(checks, 'min_value');
      const max = requirement(checks, 'max_value');
      return max === undefined || max === Number.MAX_SAFE_INTEGER ? `integer ≥ ${min ?? 0}` : `integer ${min ?? 0}–${max}`;
    }
    case 'literal':
      return code(JSON.stringify(main.literal), inline);
    case 'picklist':
      return (main.options as string[]).map((option) => code(JSON.stringify(option), inline)).join(inline ? ' \\| ' : ', ');
    case 'array': {
      const atLeast = requirement(checks, 'min_length');
      return `array of ${typeOf(main.item!, inline)}${atLeast === 1 ? ', at least one' : ''}`;
    }
    case 'strict_tuple':
      return `[${main.items!.map((item) => typeOf(item, true)).join(', ')}]`;
    case 'object': {
      const fields = Object.entries(main.entries ?? {}).map(([key, field]) => `"${key}"${field.type === 'optional' ? '?' : ''}: ${typeOf(field, true)}`);
      return code(`{ ${fields.join(', ')} }`, inline);
    }
    case 'variant':
      return main.options!.filter(isNode).map((option) => typeOf(option, inline)).join(' or ');
    default:
      throw new Error(`docs/bundle-schema.md: no wording for a "${main.type}" schema`);
  }
}

/** ` text`, or nothing: an empty cell is `| |`. */
function prefixed(text: string | undefined): string {
  return text === undefined ? '' : ` ${text}`;
}

function code(text: string, inline: boolean): string {
  return inline ? text : `\`${text}\``;
}

/** The schema under its pipes: `string` for `pipe(string(), maxLength(...))`. */
function core(node: Node): Node {
  if (node.pipe === undefined) return node;
  // A pipe's first item is the schema it was made from; a later schema (a list's items) replaces it.
  return core(node.pipe.filter((item) => item.kind === 'schema').at(-1)!);
}

/** The validations of a node and of the schemas its pipes are made of. */
function actionsOf(node: Node): Node[] {
  if (node.pipe === undefined) return [];
  return node.pipe.flatMap((item) => (item.kind === 'validation' ? [item] : item.kind === 'schema' ? actionsOf(item) : []));
}

function requirement(checks: readonly Node[], type: string): number | undefined {
  const check = checks.find((item) => item.type === type);
  return typeof check?.requirement === 'number' ? check.requirement : undefined;
}

function titleOf(node: Node): string | undefined {
  return metadataOf(node, 'title');
}

function descriptionOf(node: Node): string | undefined {
  return metadataOf(node, 'description');
}

/** The last `title` or `description` in a node's pipes, the outermost first. */
function metadataOf(node: Node, type: 'title' | 'description'): string | undefined {
  if (node.pipe === undefined) return undefined;
  const own = node.pipe.filter((item) => item.kind === 'metadata' && item.type === type).at(-1);
  if (own !== undefined) return own[type];
  return metadataOf(node.pipe[0]!, type);
}

/** GitHub's heading anchor. */
function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}
