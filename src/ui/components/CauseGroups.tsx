// The failures by root cause, above the list: one line per cause with its count, the most requests
// first ("x-trace not in Access-Control-Allow-Headers — 37 requests"), worded and keyed as the CLI
// and the report word them (`causeOf`, `causeTitle`). A line filters the list to its requests; again,
// or ×, shows them all. Short on purpose: at a 700 px dock the list must keep the screen, so past
// three causes only the first two show until "N more causes" is opened (in a shorter panel, one). A cause whose requests
// were refused at a redirect's target names that server, where the fix goes ("fix on …", the CLI's
// "Fix on" line), not only the first URL's.

import { useRef, useState } from 'preact/hooks';
import { causeTitle, distinctTitles, type FixOn, fixOnLine, groupLine } from '../../export/index.ts';
import { shownAttribute } from '../shown-text.ts';
import type { PanelCauseGroup, PanelState } from '../store/store.ts';
import { causeOrigin } from './cause-origin.ts';
import { usePanel } from './context.ts';
import { Shown } from './Shown.tsx';

/** A group's servers to fix, first seen first (`CauseGroup.fixOn`). */
function fixOnOf(group: PanelCauseGroup): FixOn[] {
  return [...group.fixOn].map(([origin, count]) => ({ origin, count }));
}

/**
 * Up to `unfolded` causes all show; past it, the first `folded` and a "more" line. In a short panel
 * (DevTools docked below a 720 px window: some 270 px) one line: the list and the detail need the rest.
 */
const SHOWN = { usual: { unfolded: 3, folded: 2 }, short: { unfolded: 1, folded: 1 } } as const;

/** `short`: the panel is short (`SHORT_PANEL` in App). */
export function CauseGroups({ state, short = false }: { state: PanelState; short?: boolean }) {
  const { store } = usePanel();
  const [expanded, setExpanded] = useState(false);
  const worded = useRef<{ groups: readonly PanelCauseGroup[]; titles: Map<string, string> } | null>(null);
  const groups = store.causeGroups();
  const active = state.filters.cause;
  if (groups.length === 0 && active === null) return null;

  const origins = new Set(groups.map((group) => group.cause.apiOrigin));
  // Worded from each cause's key (true of every request it holds), each said once; the API origin
  // is shown beside the titles when the page calls more than one, so it is not repeated in them.
  // Once per list of groups (the store keeps it until the classification changes), not per render.
  if (worded.current?.groups !== groups) {
    const causes = groups.map((group) => ({ ...group.cause, fixOn: fixOnOf(group) }));
    const titles = distinctTitles(causes, causes.map(causeTitle), origins.size > 1);
    worded.current = { groups, titles: new Map(causes.map((cause, i) => [cause.key, titles[i]!])) };
  }
  const titles = worded.current.titles;
  const lines = short ? SHOWN.short : SHOWN.usual;
  const folded = !expanded && groups.length > lines.unfolded;
  let shown = folded ? groups.slice(0, lines.folded) : groups;
  // The group the list is filtered to stays in sight, folded or not.
  const activeGroup = groups.find((group) => group.cause.key === active);
  if (activeGroup && !shown.includes(activeGroup)) shown = [...shown, activeGroup];
  const hidden = groups.length - shown.length;

  return (
    <section class={`cp-causes${expanded ? ' cp-causes-expanded' : ''}`} aria-label="Failures by cause">
      <ul class="cp-causes-list">
        {shown.map((group) => {
          const title = titles.get(group.cause.key)!;
          const pressed = group.cause.key === active;
          const fixOn = fixOnOf(group);
          const fixLine = fixOnLine({ apiOrigin: group.cause.apiOrigin, count: group.count, fixOn, fixOnOmitted: 0 });
          return (
            <li key={group.cause.key} class="cp-cause">
              <button
                type="button"
                class="cp-cause-button"
                aria-pressed={pressed}
                data-count={group.count}
                title={`${pressed ? 'Show all requests' : `Show only these requests (${shownAttribute(causeOrigin(group))})`}${fixLine === null ? '' : `. Fix on: ${shownAttribute(fixLine)}`}`}
                onClick={() => store.setFilters({ cause: pressed ? null : group.cause.key })}
              >
                <Shown text={groupLine({ title, count: group.count }, '—')} kind="prose" />
                {/* Where the fix goes when not (only) the API origin: the server that refused. */}
                {fixLine !== null ? (
                  <span class="cp-cause-origin cp-cause-fix-on">
                    {' fix on '}
                    <Shown text={fixOn.map(({ origin, count }) => (fixOn.length === 1 ? origin : `${origin} (${count})`)).join(', ')} />
                  </span>
                ) : /* The API origin is part of the cause: named when the page calls more than one. */ origins.size > 1 ? (
                  <span class="cp-cause-origin">
                    {' '}
                    <Shown text={causeOrigin(group)} />
                  </span>
                ) : null}
              </button>
              {pressed ? (
                <button type="button" class="cp-cause-clear" aria-label="Clear the cause filter" title="Show all requests" onClick={() => store.setFilters({ cause: null })}>
                  ×
                </button>
              ) : null}
            </li>
          );
        })}
        {active !== null && activeGroup === undefined ? (
          <li class="cp-cause">
            <span class="cp-cause-gone">No request of the chosen cause is left</span>
            <button type="button" class="cp-cause-clear" aria-label="Clear the cause filter" title="Show all requests" onClick={() => store.setFilters({ cause: null })}>
              ×
            </button>
          </li>
        ) : null}
      </ul>
      {hidden > 0 || expanded ? (
        <button type="button" class="cp-causes-more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Fewer causes' : `${hidden} more cause${hidden === 1 ? '' : 's'}`}
        </button>
      ) : null}
    </section>
  );
}
