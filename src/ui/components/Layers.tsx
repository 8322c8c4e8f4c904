// The layers the failing response passed through, outer to inner, and which of them sent
// Access-Control-Allow-Origin (the evidence on hover). When the headers could not tell layers
// apart, it says so: their fixes are the tabs marked "one of these".

import type { StackReading } from '../../cors/index.ts';
import { FIX_TARGET_LABEL } from '../labels.ts';
import { shownAttribute } from '../shown-text.ts';

const label = (name: string): string => (FIX_TARGET_LABEL as Record<string, string>)[name] ?? name;
const names = (xs: readonly string[]): string => xs.map(label).join(' or ');

export function Layers({ reading }: { reading: StackReading | undefined }) {
  if (reading === undefined || reading.layers.length === 0) return null;
  const allowOrigin = reading.headers.filter((h) => h.header.toLowerCase() === 'access-control-allow-origin');
  const undecided = reading.undecided.filter((n) => n !== 'unknown');
  return (
    <p class="cp-layers" aria-label="Server layers">
      <span class="cp-what-failed-where">Layers:</span> {reading.layers.map((l) => names(l.names)).join(' → ')}
      {allowOrigin.map((h, i) => (
        <span key={i} class="cp-layers-set" title={shownAttribute(h.evidence)}>
          {' · '}
          {h.on === 'preflight' ? 'preflight ' : ''}Allow-Origin from {names(h.setBy)}
        </span>
      ))}
      {undecided.length > 1 ? <span class="cp-layers-undecided">{` · could not tell ${names(undecided)} apart: both fixes below`}</span> : null}
    </p>
  );
}
