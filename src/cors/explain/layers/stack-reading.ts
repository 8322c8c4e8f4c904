// The stack reading of one hop: its layers (from the preflight's and the response's headers
// together), who set each CORS line, and which stack's fix comes first.

import type { HeaderList } from '../../exchange.ts';
import type { HeaderAttribution, LayerName, ServerStack, StackReading } from '../explanation.ts';
import { lowerHeaderName } from '../../header-list.ts';
import { headerView, valueIsRead } from './header-view.ts';
import { attributeLines, isServerStack, readLayers } from './read-layers.ts';
import { memo, remembering } from '../memo.ts';
import { memoized } from '../../memo.ts';

export interface ResponseSeen {
  on: HeaderAttribution['on'];
  headers: HeaderList;
  status: number | null;
}

// A capture's responses come from a few servers with the same header lines: each distinct set of
// responses (and focus) is read once. The reading is the costliest part of explain().
const READINGS = memo<StackReading>(1024);

/**
 * `focus`: the lower-case CORS header the failure is about (`access-control-allow-origin`), whose
 * setter's fix should come first; null when the failure names none. The reading is shared by the
 * calls whose responses differ only in values the layers do not read (`valueIsRead`), and frozen.
 */
export function readStack(responses: readonly ResponseSeen[], focus: string | null = null, focusOn: HeaderAttribution['on'] | null = null): StackReading {
  if (!remembering()) return readResponses(responses, focus, focusOn);
  // The key spells what `linesRead` would give (headerLinesKey's format), written straight from
  // the lines: no copy of them is made unless the reading is not known yet.
  let key = `${focus === null ? '-' : `+${focus.length}:${focus}`};${focusOn ?? '-'};`;
  for (const r of responses) key += `${r.on};${r.status};${readLinesKey(r.headers)}`;
  // Read from the lines as the key spells them: the reading is the key's, whichever response came first.
  return READINGS(key, () => readResponses(responses.map((r) => ({ on: r.on, status: r.status, headers: linesRead(r.headers) })), focus, focusOn));
}

/** A header name as the key spells it (`12:Content-Type`), and whether the layers read its value. */
interface NameInKey {
  spelled: string;
  valueRead: boolean;
}

// A log's responses carry a few dozen distinct header names: each spelled and looked up once.
const NAMES_IN_KEY = memoized(2048, (name): NameInKey => ({ spelled: `${name.length}:${name}`, valueRead: valueIsRead(lowerHeaderName(name)) }));

/** `headerLinesKey(linesRead(lines))`, without making the copy. */
export function readLinesKey(lines: HeaderList): string {
  let key = `${lines.length};`;
  for (let i = 0; i < lines.length; i++) {
    const [name, value] = lines[i]!;
    const known = NAMES_IN_KEY(name);
    const kept = value === '' || known.valueRead ? value : '';
    key += `${known.spelled}${kept.length}:${kept}`;
  }
  return key;
}

/** The lines with the values the layers do not read left empty (names, case and order kept). */
export function linesRead(lines: HeaderList): HeaderList {
  let out: [string, string][] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const [name, value] = lines[i]!;
    if (value === '' || valueIsRead(lowerHeaderName(name))) continue;
    out ??= lines.map(([n, v]) => [n, v]);
    out[i]![1] = '';
  }
  return out ?? lines;
}

function readResponses(responses: readonly ResponseSeen[], focus: string | null, focusOn: HeaderAttribution['on'] | null): StackReading {
  const views = responses.map((r) => ({ on: r.on, view: headerView(r.headers, r.status) }));
  const layers = readLayers(views.map((v) => v.view));
  const headers = views.flatMap((v) => attributeLines(v.view, layers, v.on));
  const focused = focus === null ? [] : headers.filter((h) => h.header.toLowerCase() === focus && (focusOn === null || h.on === focusOn));
  const setters = [...new Set(focused.flatMap((h) => h.setBy))].filter(isServerStack);
  const undecidedLines = focused.filter((h) => h.setBy.length > 1);
  const undecided: LayerName[] = [...new Set(undecidedLines.flatMap((h) => h.setBy))];
  // Innermost first: the app, then what is in front of it.
  const inner = [...layers].reverse();
  const innermost = inner.find((l) => l.names.length === 1 && isServerStack(l.names[0]!))?.names[0] as ServerStack | undefined;
  let primary: ServerStack | null;
  const apart = focused.length === 0 && focusOn === 'response' ? preflightOnlySetter(views, layers, headers, focus) : null;
  const preflightSetter = apart?.preflight ?? null;
  if (preflightSetter !== null) primary = preflightSetter;
  else if (focused.length === 0 || setters.length === 0) primary = undecidedOfLayers(inner) ? null : innermost ?? null;
  else if (undecided.length > 0) primary = null;
  else primary = inner.flatMap((l) => l.names).find((n): n is ServerStack => isServerStack(n) && setters.includes(n)) ?? null;
  return { layers, headers, primary, undecided: focused.length === 0 ? undecidedAppNames(inner) : undecided, ...(apart?.response === undefined ? {} : { answeredApart: { preflight: apart.preflight, response: apart.response } }) };
}

/**
 * The response lacks the header but the preflight had it: the layer that set it there, when the
 * preflight shows it answered without the app (the app's own naming lines, on the response, are
 * missing from the preflight: nginx answering OPTIONS inside `if`). Its configuration is where the
 * response's headers belong too; null when that is not decided.
 */
function preflightOnlySetter(views: readonly { on: HeaderAttribution['on']; view: ReturnType<typeof headerView> }[], layers: StackReading['layers'], headers: readonly HeaderAttribution[], focus: string | null): { preflight: ServerStack; response?: ServerStack } | null {
  const preflight = views.find((v) => v.on === 'preflight')?.view;
  const response = views.find((v) => v.on === 'response')?.view;
  if (preflight === undefined || response === undefined || focus === null) return null;
  const lines = headers.filter((h) => h.on === 'preflight' && h.header.toLowerCase() === focus);
  if (lines.length === 0) return null;
  // An app whose naming lines the response carries and the preflight does not did not answer it.
  const absent = (l: StackReading['layers'][number]): boolean =>
    l.role === 'app' && l.evidence.length > 0 && l.evidence.every((e) => response.has.has(e.header.toLowerCase()) && !preflight.has.has(e.header.toLowerCase()));
  const setters = [...new Set(lines.flatMap((h) => h.setBy))].filter((n) => !layers.some((l) => l.names.includes(n) && absent(l)));
  // The app that answered the request and not the preflight: its naming lines are the response's alone.
  const responder = layers.find((l) => l.names.length === 1 && isServerStack(l.names[0]!) && absent(l))?.names[0];
  if (setters.length !== 1 || !isServerStack(setters[0]!)) return null;
  return { preflight: setters[0], ...(responder !== undefined && isServerStack(responder) && responder !== setters[0] ? { response: responder } : {}) };
}

/** Whether the innermost layer is itself undecided (a shape that fits two apps). */
function undecidedOfLayers(inner: StackReading['layers']): boolean {
  return (inner[0]?.names.length ?? 0) > 1;
}

function undecidedAppNames(inner: StackReading['layers']): LayerName[] {
  return undecidedOfLayers(inner) ? inner[0]!.names : [];
}

/** The stacks to write fixes for, the first one's first: the setter, the undecided, then inner to outer. */
export function fixOrder(reading: StackReading): ServerStack[] {
  const out: ServerStack[] = [];
  const add = (n: LayerName): void => {
    if (isServerStack(n) && !out.includes(n)) out.push(n);
  };
  if (reading.primary !== null) add(reading.primary);
  reading.undecided.forEach(add);
  for (const layer of [...reading.layers].reverse()) layer.names.forEach(add);
  return out;
}

/** The layer names outer to inner, as `--json` shows them: an undecided layer as `fastify|hono`. */
export function stackNames(reading: StackReading): string[] {
  return reading.layers.map((l) => l.names.join('|'));
}
