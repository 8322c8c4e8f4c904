// The layers the failing response passed through, outer to inner, and which of them sent
// Access-Control-Allow-Origin (the evidence on hover). When the headers could not tell layers
// apart, it says so: their fixes are the tabs marked "one of these".

import type { LayerName, StackReading } from '../../cors/index.ts';
import { FIX_TARGET_LABEL, PASS_THROUGH_LABEL } from '../labels.ts';
import { shownAttribute } from '../shown-text.ts';

const LAYER_LABEL: Record<string, string> = { ...FIX_TARGET_LABEL, ...PASS_THROUGH_LABEL };
const label = (name: string): string => LAYER_LABEL[name] ?? name;
const names = (xs: readonly string[]): string => xs.map(label).join(' or ');

/**
 * The layers with a fix of their own that the headers could not tell apart. A layer the headers do
 * not name (`unknown`) has no fix and no tab: beside one named layer, that layer's fix is the one
 * to apply (it replaces a copy from behind it), not "one of these".
 */
export function undecidedStacks(reading: StackReading | undefined): LayerName[] {
  const named = (reading?.undecided ?? []).filter((n) => n !== 'unknown');
  return named.length > 1 ? named : [];
}

export function Layers({ reading }: { reading: StackReading | undefined }) {
  if (reading === undefined || reading.layers.length === 0) return null;
  const allowOrigin = reading.headers.filter((h) => h.header.toLowerCase() === 'access-control-allow-origin');
  const undecided = undecidedStacks(reading);
  return (
    <p class="cp-layers" aria-label="Server layers">
      <span class="cp-what-failed-where">Layers:</span> {reading.layers.map((l) => names(l.names)).join(' → ')}
      {allowOrigin.map((h, i) => (
        <span key={i} class="cp-layers-set" title={shownAttribute(h.evidence)}>
          {' · '}
          {h.on === 'preflight' ? 'preflight ' : ''}Allow-Origin from {names(h.setBy)}
        </span>
      ))}
      {undecided.length > 0 ? <span class="cp-layers-undecided">{` · could not tell ${names(undecided)} apart: both fixes below`}</span> : null}
    </p>
  );
}
