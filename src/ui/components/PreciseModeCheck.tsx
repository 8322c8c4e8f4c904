// The toolbar's "Precise mode" box. Where this build cannot do precise mode (the capture side's
// snapshot says so), the box is shown disabled with a few words beside it and a "how?" (Firefox:
// "why?") that opens a line with the explanation: a box that turned itself off again when ticked
// only taught people that it does not work. Until the capture side has said (no snapshot yet), the
// box is disabled too, without words: offered and then taken back would be the same lesson.
// Hook-free, so its tests read the VNode tree.

import type { PreciseAvailability } from '../protocol.ts';
import { PRECISE_MODE_HELP } from '../precise-mode-help.ts';

export interface PreciseModeCheckProps {
  on: boolean;
  availability: PreciseAvailability;
  /** The capture side has said (its first snapshot came): until then `availability` is only a default. */
  known: boolean;
  onChange(on: boolean): void;
  /** The explanation line (`PreciseModeHelpLine`) is shown. */
  helpShown: boolean;
  onToggleHelp(): void;
  /** Ids unique in the page: the hint beside the box, and the explanation line. */
  hintId: string;
  helpId: string;
}

export function PreciseModeCheck({ on, availability, known, onChange, helpShown, onToggleHelp, hintId, helpId }: PreciseModeCheckProps) {
  if (!known) {
    return (
      <label class="cp-check cp-check-disabled" title="Waiting for the capture to say whether this build can do precise mode">
        <input type="checkbox" checked={false} disabled />
        Precise mode
      </label>
    );
  }
  if (availability === 'available') {
    return (
      <label class="cp-check" title="Attach the debugger to read Chromium's own verdicts">
        <input type="checkbox" checked={on} onChange={(e) => onChange(e.currentTarget.checked)} />
        Precise mode
      </label>
    );
  }
  const help = PRECISE_MODE_HELP[availability];
  return (
    <span class="cp-precise-unavailable">
      <label class="cp-check cp-check-disabled" title={help.explanation}>
        {/* Never on here: the capture side could not turn it on. */}
        <input type="checkbox" checked={false} disabled aria-describedby={hintId} />
        Precise mode
      </label>
      <span class="cp-check-hint" id={hintId} title={help.explanation}>
        {help.hint}
      </span>
      <button
        type="button"
        class="cp-link-btn"
        aria-label={availability === 'chromium-only' ? 'Why precise mode is not offered here' : 'How to get precise mode'}
        aria-expanded={helpShown}
        aria-controls={helpId}
        title={help.explanation}
        onClick={onToggleHelp}
      >
        {availability === 'chromium-only' ? 'why?' : 'how?'}
      </button>
    </span>
  );
}

/** The explanation, under the toolbar, while its "how?" is pressed. */
export function PreciseModeHelpLine({ availability, shown, id }: { availability: PreciseAvailability; shown: boolean; id: string }) {
  if (availability === 'available' || !shown) return null;
  return (
    <p id={id} class="cp-notice cp-notice-info cp-precise-help" role="note">
      {PRECISE_MODE_HELP[availability].explanation}
    </p>
  );
}
