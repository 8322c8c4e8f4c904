// What the panel says where precise mode cannot be turned on, before anyone ticks the box; the
// service worker refuses with the same words (an older panel, or a message that ticks it anyway).
// Plain words only: the panel shows them as text, so no Markdown and no link anchors.

import type { PreciseAvailability } from './protocol.ts';

export interface PreciseModeHelp {
  /** A few words beside the disabled box. */
  hint: string;
  /** Why, and how to get precise mode where there is a way: the box's tooltip and its "how?" line. */
  explanation: string;
}

export const PRECISE_MODE_HELP: Readonly<Record<Exclude<PreciseAvailability, 'available'>, PreciseModeHelp>> = {
  'needs-precise-build': {
    hint: 'Precise build only',
    explanation:
      'Precise mode needs the precise build (Chromium grants the "debugger" permission only at install): run npm run build, then load dist-precise/ (see "Precise mode" in docs/extension.md).',
  },
  'chromium-only': {
    hint: 'Chromium only',
    explanation:
      'Precise mode is for Chromium only: it reads Chromium’s DevTools protocol, which Firefox does not offer to extensions. The verdicts shown are the engine’s, from the headers.',
  },
};
