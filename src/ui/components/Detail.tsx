// The detail of one exchange: the fix first (what failed, what the server must send, the snippet),
// then the explanation, then the evidence (timeline, checks), then notes. Every header value, URL
// and note is rendered as text (Preact escapes children); nothing here builds HTML from data. Data,
// and the engine's words that quote it, go through `Shown`/`LongText`, so that no bidi control or
// other character in a capture can reorder or hide the text around it (`shown-text.ts`).

import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browserDifference, type Diagnosis, type PreflightReason, preflightPassed, type Explanation } from '../../cors/index.ts';
import type { BundleDiagnosis } from '../../export/index.ts';
import { consoleLines } from '../detail/console-line.ts';
import { preflightCacheNote } from '../detail/preflight-cache-note.ts';
import { defaultStep, timelineSteps } from '../detail/steps.ts';
import type { PanelBrowser } from '../engine.ts';
import { claimWhy, fileSays } from '../share/file-claim.ts';
import { rulesNotice } from '../share/import-rules.ts';
import { clipLine, domId } from '../format.ts';
import { shownAttribute } from '../shown-text.ts';
import type { ExchangeEntry } from '../store/entry.ts';
import { usePanel } from './context.ts';
import { ChecksTable } from './Checks.tsx';
import { FixFirst } from './FixFirst.tsx';
import { LongText } from './LongText.tsx';
import { NotesSection } from './Notes.tsx';
import { exportedHeadline } from './row-view.ts';
import { ProbeCommand } from './ProbeCommand.tsx';
import { Shown } from './Shown.tsx';
import { isShortDetail, useFixAbove } from './short-detail.ts';
import { MessagePair, Timeline } from './Timeline.tsx';
import { VerdictIcon } from './VerdictIcon.tsx';
import { useSize } from './use-size.ts';
import { WhatIf } from './WhatIf.tsx';

function Section({ title, children, id }: { title: string; children: ComponentChildren; id: string }) {
  return (
    <section class="cp-section" aria-labelledby={id}>
      <h3 class="cp-section-title" id={id}>
        {title}
      </h3>
      {children}
    </section>
  );
}

function preflightReasonText(reason: PreflightReason): string {
  if (reason.kind === 'method') return `method ${reason.method}`;
  const why = { name: 'not a safelisted header', value: 'value not safelisted', 'value-too-long': 'value too long', 'total-too-long': 'safelisted headers too long' }[reason.why];
  return `${reason.name} (${why})`;
}

function BrowserVerdict({ diagnosis, browser, rules }: { diagnosis: Diagnosis; browser: { corsError: string; failedParameter: string } | null; rules: PanelBrowser }) {
  const engineSays = diagnosis.corsError ?? null;
  const agree =
    (browser?.corsError ?? null) === engineSays && (browser === null || browser.failedParameter === (diagnosis.failedParameter ?? ''));
  // Judged by Firefox's rules (a Chromium bundle in the Firefox panel), Chromium's own verdict is
  // another browser's: a difference is the browsers', not an engine error to report.
  const otherBrowser = rules !== 'chromium';
  const show = (corsError: string | null, parameter: string | null): ComponentChildren =>
    corsError === null ? (
      <span>no CORS error</span>
    ) : (
      <>
        <span class="cp-mono">
          <Shown text={corsError} />
        </span>
        {parameter ? (
          <>
            {' '}
            <span class="cp-mono cp-param">
              <LongText text={parameter} />
            </span>
          </>
        ) : null}
      </>
    );
  return (
    <div class={`cp-compare${agree || otherBrowser ? ' cp-compare-agree' : ' cp-compare-disagree'}`} role={agree || otherBrowser ? undefined : 'alert'}>
      <dl class="cp-compare-grid">
        <dt>Chromium</dt>
        <dd>{show(browser?.corsError ?? null, browser?.failedParameter ?? null)}</dd>
        <dt>Engine</dt>
        <dd>{show(engineSays, diagnosis.failedParameter)}</dd>
      </dl>
      <p class="cp-compare-verdict">
        {otherBrowser
          ? "The engine judges this exchange by Firefox's rules here; Chromium's verdict is Chromium's own, and may differ from it."
          : agree
          ? 'The engine agrees with Chromium.'
          : "The engine disagrees with Chromium. Chromium's verdict is what the page got; the explanation below may be wrong — please report this exchange."}
      </p>
    </div>
  );
}

/** `fixAbove`: the fix before the lines to send (`useFixAbove`). */
function Explained({ entry, diagnosis, explanation, uid, fixAbove }: { entry: ExchangeEntry; diagnosis: Diagnosis; explanation: Explanation; uid: string; fixAbove: boolean }) {
  // Judged by both browsers' rules, for the selected exchange only (the panel's own diagnosis is by
  // the rules of the browser it runs in, which may be either).
  const difference = useMemo(() => browserDifference(entry.captured.exchange), [entry]);
  const { exchange } = entry.captured;
  const steps = useMemo(() => timelineSteps(exchange, diagnosis, entry.captured.pending === true), [exchange, diagnosis, entry.captured.pending]);
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const chosen = steps.find((s) => s.key === chosenKey) ?? defaultStep(steps);
  // The rules this exchange is judged by: the panel's, or an opened file's (a Firefox bundle's are Firefox's).
  const browser = usePanel().rulesOf(entry);
  const lines = consoleLines(browser, explanation);

  return (
    <>
      <FixFirst diagnosis={diagnosis} explanation={explanation} exchange={exchange} idPrefix={`${uid}-fix`} fixAbove={fixAbove} />

      {explanation.explanation ? (
        <details class="cp-why" open>
          <summary class="cp-why-summary">Why the browser {diagnosis.verdict === 'blocked' ? 'blocked it' : 'did this'}</summary>
          <div class="cp-explanation">
            {explanation.explanation.split(/\n{2,}/).map((paragraph, i) => (
              <p key={i}>
                <LongText text={paragraph} kind="prose" />
              </p>
            ))}
          </div>
        </details>
      ) : null}

      <WhatIf key={entry.id} rules={browser} exchange={exchange} diagnosis={diagnosis} explanation={explanation} idPrefix={`${uid}-whatif`} />

      {exchange.browserVerdict !== undefined ? (
        <Section title="Chromium's verdict" id={`${uid}-browser`}>
          <BrowserVerdict diagnosis={diagnosis} browser={exchange.browserVerdict} rules={browser} />
        </Section>
      ) : null}

      <Section title="Timeline" id={`${uid}-timeline`}>
        <Timeline steps={steps} chosen={chosen?.key ?? ''} onChoose={setChosenKey} />
        {diagnosis.preflight.required ? (
          <p class="cp-note cp-preflight-facts">
            Preflight needed for <LongText text={diagnosis.preflight.reasons.map(preflightReasonText).join(', ') || 'this request'} kind="prose" />
            {diagnosis.preflight.observed === 'cached' ? '; served from the preflight cache' : ''}
            {/* Only a preflight that passed is cached: a failed one's Max-Age keeps nothing. */}
            {diagnosis.preflight.maxAge && preflightPassed(diagnosis) ? `; ${preflightCacheNote(browser, diagnosis.preflight.maxAge, exchange.hops[diagnosis.preflight.hop]?.url ?? '')}` : ''}
            .
          </p>
        ) : null}
        {chosen ? <MessagePair step={chosen} diagnosis={diagnosis} exchangeId={entry.id} /> : null}
      </Section>

      <Section title="Checks" id={`${uid}-checks`}>
        <ChecksTable checks={diagnosis.checks} />
      </Section>

      <Section title="Notes" id={`${uid}-notes`}>
        <NotesSection key={entry.id} exchangeId={entry.id} />
      </Section>

      {explanation.advisories.length > 0 ? (
        <Section title="Advisories" id={`${uid}-advisories`}>
          <ul class="cp-advisories">
            {explanation.advisories.map((a, i) => (
              <li key={i} class={`cp-advisory cp-severity-${a.severity}`}>
                <span class="cp-severity">{a.severity}</span> <Shown text={a.text} kind="prose" />
                {a.probe ? <ProbeCommand target={a.probe} title="Find out with a probe (run it yourself; the panel sends nothing)" /> : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {lines.console ? (
        <Section title={lines.console.title} id={`${uid}-console`}>
          <pre class={lines.console.className} tabIndex={0} aria-label={lines.console.title}>
            <LongText text={lines.console.text} kind="lines" />
          </pre>
        </Section>
      ) : null}

      {explanation.firefox || difference !== null ? (
        <Section title="In Firefox" id={`${uid}-firefox`}>
          {difference !== null ? (
            <p class="cp-browser-difference">
              <Shown text={difference} kind="prose" />
            </p>
          ) : null}
          {explanation.firefox ? <p>
            <Shown text={explanation.firefox.reason} kind="prose" />{' '}
            {/^https:\/\/developer\.mozilla\.org\//.test(explanation.firefox.mdn) ? (
              <a href={explanation.firefox.mdn} target="_blank" rel="noopener noreferrer">
                MDN reference
              </a>
            ) : (
              <span class="cp-mono">
                <Shown text={explanation.firefox.mdn} />
              </span>
            )}
          </p> : null}
          {/* Firefox's own console line, as Firefox words it (never Chromium's); in Firefox's build it is the console section's. */}
          {lines.inFirefox ? (
            <pre class="cp-firefox-console" tabIndex={0} aria-label="Firefox console message">
              <LongText text={lines.inFirefox} kind="lines" />
            </pre>
          ) : null}
        </Section>
      ) : null}

      {explanation.assumptions.length > 0 ? (
        <Section title="Assumptions" id={`${uid}-assumptions`}>
          <ul class="cp-assumptions">
            {explanation.assumptions.map((a, i) => (
              <li key={i}>
                <Shown text={a} kind="prose" />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </>
  );
}

export function Detail({ entry, onClose }: { entry: ExchangeEntry; onClose(): void }) {
  const { analyzer } = usePanel();
  const diagnosis = analyzer.diagnosis(entry);
  const explanation = analyzer.explanation(entry);
  const { exchange } = entry.captured;
  const url = exchange.hops[0]?.url ?? '';
  const uid = domId('cp-d-', entry.id);
  const verdict = entry.captured.pending ? 'pending' : diagnosis.ok ? diagnosis.value.verdict : 'engine-error';
  const headline = explanation.ok ? explanation.value.headline : 'The engine failed on this exchange';

  // A new exchange opens at the top.
  const detailRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (bodyRef.current) bodyRef.current.scrollTop = 0;
  }, [entry.id]);
  // In a short panel the head takes one line, and the fix may go above the lines to send.
  const short = isShortDetail(useSize(detailRef));
  const fixAbove = useFixAbove(bodyRef, useSize(bodyRef));

  return (
    <div ref={detailRef} class={`cp-detail${short ? ' cp-detail-short' : ''}`} role="region" aria-labelledby={`${uid}-headline`}>
      <header class="cp-detail-head">
        <VerdictIcon verdict={verdict} />
        <div class="cp-detail-titles">
          <h2 class="cp-detail-headline" id={`${uid}-headline`}>
            <Shown text={headline} kind="prose" />
          </h2>
          <p class="cp-detail-url cp-mono" title={shownAttribute(url)}>
            <span class="cp-method">
              <Shown text={clipLine(exchange.request.method, 100)} />
            </span>{' '}
            <Shown text={clipLine(url)} />
          </p>
        </div>
        <button type="button" class="cp-btn cp-btn-icon" aria-label="Close detail" title="Close (Escape)" onClick={onClose}>
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false" class="cp-btn-glyph">
            <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
          </svg>
        </button>
      </header>
      <div class="cp-detail-body" ref={bodyRef} tabIndex={-1}>
        <ImportedFrom entry={entry} />
        {entry.captured.pending ? <p class="cp-notice cp-notice-info">Still in flight: more hops or the final response may come, and the verdict may change.</p> : null}
        {diagnosis.ok && explanation.ok ? (
          <Explained entry={entry} diagnosis={diagnosis.value} explanation={explanation.value} uid={uid} fixAbove={fixAbove} />
        ) : (
          <>
            <p class="cp-notice cp-notice-warn" role="alert">
              The engine failed on this exchange: <Shown text={diagnosis.ok ? (explanation.ok ? '' : explanation.error) : diagnosis.error} kind="prose" />
            </p>
            <Section title="Timeline" id={`${uid}-timeline`}>
              <RawTimeline entry={entry} />
            </Section>
            <Section title="Notes" id={`${uid}-notes`}>
              <NotesSection key={entry.id} exchangeId={entry.id} />
            </Section>
          </>
        )}
      </div>
    </div>
  );
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function verdictWords(d: BundleDiagnosis): string {
  return d.corsError === null ? d.verdict : `${d.verdict}: ${d.corsError}${d.failedParameter ? ` ${d.failedParameter}` : ''}`;
}

/** For an exchange opened from a file: where from, and whether this engine agrees with the exporter's. */
function ImportedFrom({ entry }: { entry: ExchangeEntry }) {
  const { store, engineVersion, browser } = usePanel();
  const origin = store.importOrigin(entry.id);
  if (!origin) return null;
  const change = origin.verdictChange;
  const rules = rulesNotice(browser, origin.rules, origin.exporterRules);
  // Judged by other rules than the exporter's: its verdict is not this one's, and is shown as such.
  const otherRules = origin.exported !== null && origin.exporterRules !== origin.rules;
  return (
    <div class={`cp-imported${change ? ' cp-imported-differs' : ''}`} role={change ? 'alert' : undefined}>
      <p>
        Imported from{' '}
        <span class="cp-mono">
          <Shown text={origin.fileName} />
        </span> ({origin.kind === 'bundle' ? 'CORS Inspector bundle' : 'HAR'}).
      </p>
      {rules !== null ? <p class="cp-imported-rules">{rules}</p> : null}
      {otherRules && origin.exported ? (
        <p class="cp-note">
          The exporter&rsquo;s verdict:{' '}
          <span class="cp-mono">
            <LongText text={verdictWords(origin.exported)} kind="prose" />
          </span>
          .
        </p>
      ) : change ? (
        <>
          <p class="cp-imported-flag">
            <Shown text={sentence(fileSays(change.exported, change.now))} kind="prose" /> (<Shown text={claimWhy(change.engineVersions)} kind="prose" />). The list and everything below
            show this engine&rsquo;s verdict.
          </p>
          <dl class="cp-compare-grid">
            <dt>
              The file (engine <Shown text={change.engineVersions.exported} />)
            </dt>
            <dd class="cp-mono">
              <LongText text={verdictWords(change.exported)} kind="prose" />
              {change.exported.headline !== undefined ? (
                <>
                  {' — '}
                  <LongText text={exportedHeadline(change.exported.headline)} kind="prose" />
                </>
              ) : null}
            </dd>
            <dt>This engine ({change.engineVersions.now})</dt>
            <dd class="cp-mono">
              <LongText text={verdictWords(change.now)} kind="prose" />
            </dd>
          </dl>
          <p class="cp-note">The file&rsquo;s verdict and words are the sender&rsquo;s, not checked.</p>
        </>
      ) : origin.exported ? (
        <p class="cp-note">This engine ({engineVersion}) agrees with the exported verdict.</p>
      ) : null}
      {origin.engineError ? (
        <p class="cp-note">
          This engine could not diagnose it: <Shown text={origin.engineError} kind="prose" />
        </p>
      ) : null}
    </div>
  );
}

function RawTimeline({ entry }: { entry: ExchangeEntry }) {
  const steps = timelineSteps(entry.captured.exchange, null, entry.captured.pending === true);
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const chosen = steps.find((s) => s.key === chosenKey) ?? defaultStep(steps);
  return (
    <>
      <Timeline steps={steps} chosen={chosen?.key ?? ''} onChoose={setChosenKey} />
      {chosen ? <MessagePair step={chosen} diagnosis={null} exchangeId={entry.id} /> : null}
    </>
  );
}
