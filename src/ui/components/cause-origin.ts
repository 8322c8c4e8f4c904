// The API origin a line of the failures-by-cause strip names (`CauseGroups.tsx`), as the CLI and
// the report say it (`apiOriginWords`): a request whose captured URL is no URL (an edited capture)
// is grouped under the key `null`, which shown as is would read as the opaque origin a sandboxed
// page sends; its line says instead that it has no API origin, and why.

import { apiOriginWords, noApiOrigin } from '../../export/index.ts';
import type { PanelCauseGroup } from '../store/store.ts';

/** `https://api.example`, or `API origin: none (the captured URL is not a valid URL)`. */
export function causeOrigin(group: Pick<PanelCauseGroup, 'cause' | 'first'>): string {
  const of = { apiOrigin: group.cause.apiOrigin, first: { exchange: group.first.captured.exchange } };
  return noApiOrigin(of) === null ? group.cause.apiOrigin : `API origin: ${apiOriginWords(of)}`;
}
