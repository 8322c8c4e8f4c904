// The fix for the detected server stack first, the others a tab away, each with a Copy button.

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Fix } from '../../cors/index.ts';
import { FIX_TARGET_LABEL } from '../labels.ts';
import { CopyButton } from './CopyButton.tsx';
import { LongText } from './LongText.tsx';
import { Shown } from './Shown.tsx';

/** The fix's tab name: its own (`Fix.tab`, "In the page"), else its target's ("HTTP headers"). */
export function fixTabName(fix: Fix): string {
  return fix.tab ?? FIX_TARGET_LABEL[fix.target] ?? fix.target;
}

/**
 * The chosen fix's title and its Copy button, its name ending with the tab's ("Copy snippet (In the
 * page)"): two fixes of one target (both `generic`) must not share a name, nor differ from the tab the
 * user chose. The tab's name in brackets, as "Copy as curl (bash)": "Copy In the page snippet" did not read.
 */
export function FixHead({ fix, extra }: { fix: Fix; extra?: ComponentChildren }) {
  return (
    <div class="cp-fix-head">
      <span class="cp-fix-title">
        <Shown text={fix.title} kind="prose" />
      </span>
      <span class="cp-fix-actions">
        <CopyButton text={fix.snippet} what={`snippet (${fixTabName(fix)})`} label="Copy snippet" />
        {extra}
      </span>
    </div>
  );
}

/**
 * `extra`: more buttons beside the snippet's Copy (the curl pair). `undecided`: stacks the headers
 * could not tell apart (`undecidedStacks`: two or more, or none); their tabs say so instead of "detected".
 */
export function Fixes({ fixes, idPrefix, extra, undecided = [] }: { fixes: readonly Fix[]; idPrefix: string; extra?: ComponentChildren; undecided?: readonly string[] }) {
  const [chosen, setChosen] = useState(0);
  const index = Math.min(chosen, fixes.length - 1);
  const fix = fixes[index];
  if (!fix) return <p class="cp-muted">No fix to suggest.</p>;

  const onKeyDown = (event: KeyboardEvent): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + fixes.length) % fixes.length;
    setChosen(next);
    document.getElementById(`${idPrefix}-tab-${next}`)?.focus();
  };

  return (
    <div class="cp-fixes">
      <div class="cp-tabs" role="tablist" aria-label="Server stack" onKeyDown={onKeyDown}>
        {fixes.map((f, i) => (
          <button
            key={`${f.target}-${i}`}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${i}`}
            aria-selected={i === index}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={i === index ? 0 : -1}
            class="cp-tab"
            onClick={() => setChosen(i)}
          >
            {fixTabName(f)}
            {undecided.length > 1 && undecided.includes(f.target) ? (
              <span class="cp-tab-note"> (one of these)</span>
            ) : i === 0 && f.target !== 'generic' && f.target !== 'vite-proxy' && f.target !== 'webpack-proxy' ? (
              <span class="cp-tab-note"> (detected)</span>
            ) : null}
          </button>
        ))}
      </div>
      <div class="cp-tabpanel" role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={`${idPrefix}-tab-${index}`}>
        <FixHead fix={fix} extra={extra} />
        <pre class="cp-code" data-language={fix.language} tabIndex={0} aria-label={`${fix.title} (${fix.language})`}>
          <code>
            <LongText key={index} text={fix.snippet} kind="lines" />
          </code>
        </pre>
        {fix.trap ? (
          <p class="cp-trap">
            <strong>Watch out:</strong> <Shown text={fix.trap} kind="prose" />
          </p>
        ) : null}
      </div>
    </div>
  );
}
