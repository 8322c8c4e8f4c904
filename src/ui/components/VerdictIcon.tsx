// A verdict as shape + colour + word: colour alone must not carry the meaning.

import { VERDICT_LABEL, VERDICT_TONE } from '../labels.ts';
import type { RowClass } from '../store/order.ts';

type VerdictKind = RowClass['verdict'];

function Glyph({ verdict }: { verdict: VerdictKind }) {
  switch (VERDICT_TONE[verdict]) {
    case 'bad': // a circle with a bar: refused
      return (
        <svg class="cp-glyph" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
          <circle cx="6" cy="6" r="5.5" fill="currentColor" />
          <rect x="3" y="5.1" width="6" height="1.8" rx="0.4" fill="var(--cp-bg)" />
        </svg>
      );
    case 'good': // a check
      return (
        <svg class="cp-glyph" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
          <circle cx="6" cy="6" r="5.5" fill="currentColor" />
          <path d="M3.3 6.2l1.8 1.8 3.6-3.8" fill="none" stroke="var(--cp-bg)" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      );
    case 'warn': // a triangle with "!"
      return (
        <svg class="cp-glyph" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
          <path d="M6 0.8l5.4 10H0.6z" fill="currentColor" />
          <rect x="5.3" y="4" width="1.4" height="3.6" fill="var(--cp-bg)" />
          <rect x="5.3" y="8.4" width="1.4" height="1.4" fill="var(--cp-bg)" />
        </svg>
      );
    case 'neutral':
      return verdict === 'pending' ? (
        <svg class="cp-glyph" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
          <circle cx="6" cy="6" r="4.6" fill="none" stroke="currentColor" stroke-width="1.4" stroke-dasharray="3 2" />
        </svg>
      ) : (
        <svg class="cp-glyph" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
          <circle cx="6" cy="6" r="5.5" fill="none" stroke="currentColor" stroke-width="1.2" />
          <rect x="3.2" y="5.3" width="5.6" height="1.4" fill="currentColor" />
        </svg>
      );
  }
}

export function VerdictIcon({ verdict, showLabel = true }: { verdict: VerdictKind; showLabel?: boolean }) {
  return (
    <span class={`cp-verdict cp-tone-${VERDICT_TONE[verdict]}`} data-verdict={verdict}>
      <Glyph verdict={verdict} />
      {showLabel ? <span class="cp-verdict-label">{VERDICT_LABEL[verdict]}</span> : <span class="cp-sr-only">{VERDICT_LABEL[verdict]}</span>}
    </span>
  );
}
