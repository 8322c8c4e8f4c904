// Every layer a response reveals, outer to inner, and which of them set each CORS header line.
// When the lines fit more than one layer equally, the reading says so (several names) rather than
// picking one: a confident wrong name sends people to change the wrong server.

import type { HeaderAttribution, Layer, LayerEvidence, LayerName, PassThroughLayer, ServerStack } from '../explanation.ts';
import { FINGERPRINTS, type Fingerprint, mayMatch } from './fingerprints.ts';
import { type HeaderView, isCorsName } from './header-view.ts';

const ROLE_ORDER = { platform: 0, front: 1, app: 2 } as const;

// Cloudflare too: it replaces the origin's Server header with its own on every response it
// proxies, so `Server: cloudflare` says it passed the answer on, not that it wrote it. A Worker that
// answers names nothing of its own; its fix stays on offer when people pick it (ALL_STACKS).
const PASS_THROUGH: ReadonlySet<LayerName> = new Set<PassThroughLayer | 'cloudflare'>(['cloudfront', 'fastly', 'varnish', 'netlify', 'heroku', 'proxy', 'unknown', 'cloudflare']);

export function isServerStack(name: LayerName): name is ServerStack {
  return !PASS_THROUGH.has(name);
}

function sameNames(a: readonly LayerName[], b: readonly LayerName[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

function addEvidence(to: LayerEvidence[], more: readonly LayerEvidence[]): void {
  for (const e of more) if (!to.some((x) => x.header.toLowerCase() === e.header.toLowerCase() && x.value === e.value)) to.push(e);
}

/** Each fingerprint the responses show, in FINGERPRINTS' order, with its layer and evidence. */
function matchFingerprints(views: readonly HeaderView[]): { fp: Fingerprint; layer: Layer }[] {
  const matched: { fp: Fingerprint; layer: Layer }[] = [];
  for (const fp of FINGERPRINTS) {
    const evidence: LayerEvidence[] = [];
    for (const v of views) if (mayMatch(fp, v.has)) addEvidence(evidence, fp.recognise(v));
    if (evidence.length > 0) matched.push({ fp, layer: { names: [...fp.names], role: fp.role, evidence } });
  }
  return matched;
}

/** The layers the responses reveal (the preflight's and the actual response's headers), outer to inner. */
export function readLayers(views: readonly HeaderView[]): Layer[] {
  // The fingerprints' loop is a function of its own: it alone runs enough to be optimized (a log
  // reads each distinct set of headers once, ~150 times for the bench's 10,000 entries), and
  // TurboFan compiled it with the folding below at ~12 ms, against ~5 for the loop alone.
  const matched = matchFingerprints(views);
  const decided = new Set(matched.filter((m) => m.layer.names.length === 1).map((m) => m.layer.names[0]!));
  const layers: Layer[] = [];
  for (const { fp, layer } of matched) {
    if (layer.names.length > 1) {
      // A shape that fits several: dropped when one of them is decided by other lines, unless it
      // is a finer reading of that very layer (NestJS on Express).
      if (fp.refines !== undefined && decided.has(fp.refines)) {
        const refined = layers.find((l) => sameNames(l.names, [fp.refines!]));
        if (refined) {
          refined.names = layer.names;
          addEvidence(refined.evidence, layer.evidence);
          continue;
        }
      }
      if (layer.names.some((n) => decided.has(n))) continue;
    }
    const same = layers.find((l) => sameNames(l.names, layer.names) || (fp.refines !== undefined && l.names.includes(layer.names[0]!)));
    if (same) addEvidence(same.evidence, layer.evidence);
    else layers.push(layer);
  }
  // A refining layer seen before its base: fold the base in.
  return layers
    .filter((l, i) => !(l.names.length === 1 && layers.some((o, j) => j !== i && o.names.length > 1 && o.names.includes(l.names[0]!) && FINGERPRINTS.some((f) => f.refines === l.names[0]))))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
}

// The fingerprints of each layer's names, looked up once.
const BY_NAMES = new Map<string, Fingerprint[]>();
for (const f of FINGERPRINTS) {
  const key = f.names.join('|');
  BY_NAMES.set(key, [...(BY_NAMES.get(key) ?? []), f]);
}
const fingerprintsOf = (name: LayerName): readonly Fingerprint[] => BY_NAMES.get(name) ?? [];
/** A layer's own fingerprints: each of its names', and its multi-name shape's. */
const layerFingerprints = (layer: Layer): readonly Fingerprint[] =>
  layer.names.length === 1 ? fingerprintsOf(layer.names[0]!) : [...layer.names.flatMap(fingerprintsOf), ...(BY_NAMES.get(layer.names.join('|')) ?? [])];

type Claim = { names: LayerName[]; says: string };

/**
 * Where a front server's own lines go among the ones it passes on from the app: nginx's add_header
 * appends them after the proxied lines; Apache's Header always set (the err_headers_out table,
 * overlaid first) puts them before. A front not listed may write either way.
 */
const FRONT_WRITES: Partial<Record<LayerName, 'before' | 'after'>> = { nginx: 'after', apache: 'before' };
const FRONT_HOW = { after: "nginx's add_header appends", before: "Apache's Header always set" } as const;

/** "where a front server's lines go (nginx's add_header appends)", naming only the habit of a front among `names`. */
function frontWords(names: readonly LayerName[], where: 'before' | 'after'): string {
  const known = names.some((n) => FRONT_WRITES[n] === where);
  return `a front server's ${where === 'after' ? 'added ' : ''}lines go${known ? ` (${FRONT_HOW[where]})` : ''}`;
}

/** The lines an app's CORS middleware wrote together, from where it starts: CORS lines and Vary, each CORS name once. */
function runFrom(v: HeaderView, start: number): Set<number> {
  const run = new Set<number>();
  const seen = new Set<string>();
  for (let i = start; i < v.names.length; i++) {
    const name = v.names[i]!;
    if (!isCorsName(name) && name !== 'vary') break;
    if (isCorsName(name)) {
      if (seen.has(name)) break;
      seen.add(name);
    }
    run.add(i);
  }
  return run;
}

/** Claims on line `i` from the app layers' own shapes: their default values and where they write. */
function appClaims(v: HeaderView, i: number, apps: readonly Layer[], positional: boolean): { claims: Claim[]; runs: { layer: Layer; start: number; end: number }[] } {
  const claims: Claim[] = [];
  const runs: { layer: Layer; start: number; end: number }[] = [];
  const [name, value] = [v.names[i]!, v.lines[i]![1].trim()];
  for (const layer of apps) {
    {
      for (const fp of layerFingerprints(layer)) {
        const n = fp.names.join(' or ');
        const d = fp.defaults?.[name];
        if (d?.test(value)) claims.push({ names: layer.names, says: `${v.lines[i]![0]}: ${value} is ${n}'s default` });
        const start = positional ? fp.runStart?.(v) ?? null : null;
        if (start === null) continue;
        const run = runFrom(v, start);
        // An empty run still marks where the app's lines begin (a front server's come before).
        runs.push({ layer, start, end: run.size === 0 ? start - 1 : Math.max(...run) });
        if (run.has(i)) claims.push({ names: layer.names, says: `among the lines ${layer.names.join(' or ')} writes together, where its CORS middleware puts them` });
      }
    }
  }
  return { claims, runs };
}

/** Which layer most likely set each CORS line of one response. */
export function attributeLines(v: HeaderView, layers: readonly Layer[], on: HeaderAttribution['on']): HeaderAttribution[] {
  if (!v.names.some(isCorsName)) return [];
  const apps = layers.filter((l) => l.role === 'app');
  const fronts = layers.filter((l) => l.role !== 'app' && l.names.some(isServerStack));
  // Caddy and Go write lines sorted by name: there, where a line sits says nothing.
  const positional = !layers.some((l) => l.names.includes('caddy') || l.names.includes('go-rs-cors') || l.names.includes('go-jub0bs-cors'));
  const allowOrigins = v.names.filter((n) => n === 'access-control-allow-origin').length;
  const out: HeaderAttribution[] = [];
  for (let i = 0; i < v.names.length; i++) {
    if (!isCorsName(v.names[i]!)) continue;
    const base = { on, header: v.lines[i]![0], value: v.lines[i]![1].trim(), duplicate: v.names[i] === 'access-control-allow-origin' && allowOrigins > 1 };
    out.push({ ...base, ...(base.duplicate && layers.length === 1 ? oneLayerTwoCopies(layers[0]!.names) : decide(v, i, layers, apps, fronts, positional, base.duplicate)) });
  }
  return settleDuplicates(out);
}

function decide(v: HeaderView, i: number, layers: readonly Layer[], apps: readonly Layer[], fronts: readonly Layer[], positional: boolean, duplicate: boolean): { setBy: LayerName[]; evidence: string } {
  if (layers.length === 0) return { setBy: [], evidence: 'no layer recognised' };
  if (layers.length === 1) {
    const only = layers[0]!;
    // A front server alone: an app behind it that names nothing may have added the line as well.
    if (only.role !== 'app') return { setBy: [...only.names, 'unknown'], evidence: `only ${only.names.join(' or ')} names itself: an app behind it that names nothing could have added it as well` };
    return { setBy: only.names, evidence: 'the only layer recognised' };
  }
  const { claims, runs } = appClaims(v, i, apps, positional);
  const frontNames = fronts.flatMap((l) => l.names);
  if (positional && frontNames.length > 0) {
    // Each claim names only the front servers that write there: nginx's add_header appends after
    // the proxied lines, Apache's Header always set goes before them; a front of unknown habits both.
    const after = frontNames.filter((n) => FRONT_WRITES[n] !== 'before');
    const before = frontNames.filter((n) => FRONT_WRITES[n] !== 'after');
    for (const run of runs) {
      if (after.length > 0 && i > run.end && !runs.some((r) => i >= r.start && i <= r.end)) claims.push({ names: after, says: `after ${run.layer.names.join(' or ')}'s own CORS lines, where ${frontWords(after, 'after')}` });
      if (before.length > 0 && i < run.start - 1) claims.push({ names: before, says: `before ${run.layer.names.join(' or ')}'s own lines, where ${frontWords(before, 'before')}` });
    }
    for (const app of apps) {
      const last = app.names.flatMap((n) => fingerprintsOf(n).flatMap((f) => f.lastNames ?? []));
      const j = v.names.findIndex((n, k) => k < i && last.includes(n));
      if (j >= 0 && app.names.every((n) => !claims.some((c) => c.names.includes(n)))) {
        claims.push({ names: frontNames, says: `after ${v.lines[j]![0]}, the last line ${app.names.join(' or ')} writes: added by a layer in front` });
      }
    }
  }
  const names = [...new Set(claims.flatMap((c) => c.names))];
  if (names.length > 0) return { setBy: names, evidence: claims.map((c) => c.says).join('; ') };
  // A second copy of Access-Control-Allow-Origin no line places: Cloudflare in front may have added
  // it (a response header Transform Rule, a Worker), though it otherwise only passes answers on.
  const copyAdders: LayerName[] = duplicate && layers.some((l) => l.names.includes('cloudflare')) ? ['cloudflare'] : [];
  const settable = [...layers.flatMap((l) => l.names).filter(isServerStack), ...copyAdders];
  return { setBy: settable, evidence: positional ? 'no line tells which of these layers added it' : 'the lines are sorted by name (Caddy, Go), so their order does not tell which layer added it' };
}

/** Two copies and one layer recognised: the other copy is from a layer that names nothing. */
function oneLayerTwoCopies(names: readonly LayerName[]): { setBy: LayerName[]; evidence: string } {
  return { setBy: [...names, 'unknown'], evidence: `two copies, but only ${names.join(' or ')} names itself: one copy is from a layer that names nothing (most often the app behind it)` };
}

/**
 * Two Access-Control-Allow-Origin lines: when one copy is decided, the other is the other layer's;
 * when neither is, each is "one of these two".
 */
function settleDuplicates(lines: HeaderAttribution[]): HeaderAttribution[] {
  const copies = lines.filter((l) => l.duplicate);
  if (copies.length !== 2) return lines;
  const [a, b] = copies as [HeaderAttribution, HeaderAttribution];
  for (const [known, other] of [[a, b], [b, a]] as const) {
    if (known.setBy.length === 1 && other.setBy.length > 1 && other.setBy.includes(known.setBy[0]!)) {
      other.setBy = other.setBy.filter((n) => n !== known.setBy[0]);
      other.evidence = `the other copy: ${known.setBy[0]} sent the first (${known.evidence})`;
    }
  }
  if (a.setBy.length > 1 && sameNames(a.setBy, b.setBy)) {
    for (const copy of [a, b]) copy.evidence = `two copies, one from each of ${a.setBy.join(' and ')}; ${copy.evidence}`;
  }
  return lines;
}
