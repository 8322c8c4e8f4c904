// The checks the engine ran, in the order the browser runs them: the failing one shown, the
// passed ones folded behind their count ("9 checks passed"), since they are evidence, not the news.

import { useState } from 'preact/hooks';
import type { Check } from '../../cors/index.ts';
import { afterRedirect, foldedChecksCount } from '../detail/words.ts';
import { FoldButton } from './FoldButton.tsx';
import { CHECK_LABEL, OUTCOME_LABEL, PHASE_LABEL } from '../labels.ts';
import { LongText } from './LongText.tsx';
import { Shown } from './Shown.tsx';

function SpecLink({ spec }: { spec: string }) {
  // Only links to the Fetch Standard (or WHATWG / MDN) are made clickable; anything else is text.
  if (/^https:\/\/(fetch\.spec\.whatwg\.org|html\.spec\.whatwg\.org|developer\.mozilla\.org)\//.test(spec)) {
    const anchor = spec.split('#')[1];
    return (
      <a href={spec} target="_blank" rel="noopener noreferrer">
        {anchor ? `#${anchor}` : 'spec'}
      </a>
    );
  }
  return <span>{spec}</span>;
}

export function ChecksTable({ checks }: { checks: readonly Check[] }) {
  const hasFailed = checks.some((c) => c.outcome === 'failed');
  // With nothing failed there is nothing to put first: every check is shown.
  const [expanded, setExpanded] = useState(false);
  if (checks.length === 0) return <p class="cp-muted">No checks ran.</p>;
  const open = expanded || !hasFailed;
  const shown = open ? checks : checks.filter((c) => c.outcome === 'failed');
  const folded = foldedChecksCount(checks.filter((c) => c.outcome !== 'failed'));
  return (
    <div class="cp-table-scroll">
      <table class="cp-checks">
        <thead>
          <tr>
            <th scope="col">Outcome</th>
            <th scope="col">Check</th>
            <th scope="col">Where</th>
            <th scope="col">Header</th>
            <th scope="col">Expected</th>
            <th scope="col">Found</th>
            <th scope="col">Spec</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((check, i) => (
            <tr key={i} class={`cp-check-${check.outcome}`} data-check={check.name}>
              <td>
                <span class={`cp-outcome cp-outcome-${check.outcome}`}>
                  <span aria-hidden="true" class="cp-outcome-mark">
                    {check.outcome === 'passed' ? '✓' : check.outcome === 'failed' ? '✕' : '–'}
                  </span>
                  {OUTCOME_LABEL[check.outcome]}
                </span>
              </td>
              <td>{CHECK_LABEL[check.name] ?? check.name}</td>
              <td class="cp-nowrap">
                {PHASE_LABEL[check.phase]}
                {check.hop > 0 ? `, ${afterRedirect(check.hop)}` : ''}
              </td>
              <td class="cp-mono">
                <LongText text={check.header ?? ''} />
              </td>
              <td class="cp-mono">
                <LongText text={check.expected ?? ''} />
              </td>
              <td class="cp-mono">{check.found === null ? <span class="cp-absent">(absent)</span> : <LongText text={check.found ?? ''} />}</td>
              <td>
                <SpecLink spec={check.spec} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {hasFailed && folded ? <FoldButton open={open} label={folded} onToggle={() => setExpanded(!expanded)} /> : null}
    </div>
  );
}
