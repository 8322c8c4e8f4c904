// The exchange step by step, and for the chosen step what the browser sent beside what the server
// answered, with the header that failed and the value that would have passed marked on both sides.

import { useState } from 'preact/hooks';
import { firstHeader } from '../../capture/index.ts';
import { cookiesWords, type Diagnosis, type HeaderList } from '../../cors/index.ts';
import { splitHeaderLines } from '../detail/evidence.ts';
import { neededOf } from '../detail/words.ts';
import { checksOfStep, requestHeaderAnswered, type TimelineStep } from '../detail/steps.ts';
import { clipLine, originOf, pathOf } from '../format.ts';
import { ORIGIN_DIFFERENCE_LABEL } from '../labels.ts';
import { headerLineTargets, headerSideOf, lineKey, notesByLine, type HeaderSide } from '../store/notes.ts';
import { shownAttribute } from '../shown-text.ts';
import { usePanel } from './context.ts';
import { LongText } from './LongText.tsx';
import { Shown } from './Shown.tsx';
import { FoldButton } from './FoldButton.tsx';
import { LineNotes } from './Notes.tsx';

const STATE_TEXT: Record<TimelineStep['state'], string> = {
  answered: '',
  'network-error': 'network error',
  'not-sent': 'not sent',
  'no-response': 'no response seen',
  cached: 'cached',
  'not-observed': 'not observed',
  pending: 'in flight',
};

function stepTitle(step: TimelineStep): string {
  if (step.kind === 'preflight') return 'Preflight';
  return step.hop === 0 ? 'Request' : `Redirect ${step.hop}`;
}

/** A response the server sent but the browser did not hand to the page: its status is not what the page saw. */
function withheld(step: TimelineStep): boolean {
  return step.failed && step.kind === 'request' && step.status !== null;
}

export function Timeline({ steps, chosen, onChoose }: { steps: TimelineStep[]; chosen: string; onChoose(key: string): void }) {
  return (
    <ol class="cp-timeline" aria-label="Timeline">
      {steps.map((step, i) => (
        <li key={step.key} class="cp-timeline-item">
          {i > 0 ? (
            <span class="cp-timeline-arrow" aria-hidden="true">
              →
            </span>
          ) : null}
          <button
            type="button"
            class={`cp-step${step.failed ? ' cp-step-failed' : ''}${step.key === chosen ? ' cp-step-chosen' : ''} cp-step-${step.state}`}
            aria-pressed={step.key === chosen}
            onClick={() => onChoose(step.key)}
          >
            <span class="cp-step-title">
              {stepTitle(step)}
              {step.failed ? <span class="cp-step-flag">failed here</span> : null}
            </span>
            <span class="cp-step-line">
              <span class="cp-method">
                <Shown text={clipLine(step.method, 100)} />
              </span>{' '}
              <span class="cp-mono">
                <Shown text={pathOf(step.url)} />
              </span>
            </span>
            <span class="cp-step-status">
              {step.status !== null ? <span class="cp-mono">{step.status}</span> : null}
              {STATE_TEXT[step.state] ? <span>{STATE_TEXT[step.state]}</span> : null}
              {withheld(step) ? <span class="cp-withheld-flag">withheld from the page</span> : null}
              {step.redirectTo ? (
                <span class="cp-mono" title={shownAttribute(step.redirectTo)}>
                  → <Shown text={originOf(step.redirectTo)} />
                </span>
              ) : null}
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}

interface Mark {
  /** Lower-case header name the failed check read. */
  header: string;
  /** What would have passed there (`neededOf`). */
  needed: string | undefined;
}

/** Where notes on a header list's lines go: which exchange, which list. */
interface NotesOn {
  exchangeId: string;
  on: HeaderSide;
  hop: number;
}

/** Characters of a header's name or value rendered at first: its column is narrow (about 120 px docked). */
const HEADER_TEXT_SHOWN = 500;

/** Header lines rendered at first, and added by each "more" click: 100,000 lines stay responsive. */
const HEADER_ROWS_SHOWN = 200;
const HEADER_ROWS_STEP = 1_000;

/**
 * The header lines of one message: those CORS reads and those this exchange is about first, the
 * others folded behind "12 other headers", so the failing line is in view without scrolling.
 */
function HeaderRows({ headers, marks, related, side, notesOn, alsoFirst }: { headers: HeaderList; marks: Mark[]; related: Set<string>; side: 'sent' | 'received'; notesOn?: NotesOn | undefined; alsoFirst: ReadonlySet<string> }) {
  const { store } = usePanel();
  const [shown, setShown] = useState(HEADER_ROWS_SHOWN);
  const [unfolded, setUnfolded] = useState(false);
  const byName = new Map(marks.map((m) => [m.header, m]));
  const absent = side === 'received' ? marks.filter((m) => firstHeader(headers, m.header) === undefined) : [];
  // Each line's note target and notes, found in one pass (not one scan per line).
  const targets = notesOn ? headerLineTargets(headers, headers.length, notesOn.on, notesOn.hop) : [];
  const pinned = notesOn ? notesByLine(store.notesOf(notesOn.exchangeId)) : null;
  const notesAt = (i: number) => {
    const target = targets[i];
    return target?.kind === 'header' ? (pinned?.get(lineKey(target)) ?? []) : [];
  };
  const split = splitHeaderLines(
    headers.map(([name]) => name),
    new Set([...alsoFirst, ...byName.keys()]),
    (i) => notesAt(i).length > 0,
  );
  const order = unfolded ? [...split.first, ...split.folded] : split.first;
  const visible = Math.min(shown, order.length);
  const rows = [];
  for (let k = 0; k < visible; k++) {
    const i = order[k]!;
    const [name, value] = headers[i]!;
    const lower = name.toLowerCase();
    const mark = side === 'received' ? byName.get(lower) : undefined;
    const isRelated = side === 'sent' && related.has(lower);
    const target = targets[i];
    rows.push(
      <div key={`${i}:${name}`} class={`cp-header${mark ? ' cp-header-failed' : ''}${isRelated ? ' cp-header-related' : ''}`} data-header={lower}>
        <dt>
          <LongText text={name} first={HEADER_TEXT_SHOWN} />
        </dt>
        <dd>
          <LongText text={value} first={HEADER_TEXT_SHOWN} />
          {mark ? <Expected mark={mark} /> : null}
          {notesOn && target?.kind === 'header' ? <LineNotes exchangeId={notesOn.exchangeId} target={target} notes={notesAt(i)} /> : null}
        </dd>
      </div>,
    );
  }
  const hidden = order.length - visible;
  const folded = split.folded.length;
  return (
    <>
    <dl class="cp-headers">
      {rows}
      {hidden > 0 ? (
        <div class="cp-header cp-header-more">
          <button type="button" class="cp-btn cp-btn-small cp-more-btn" onClick={() => setShown(visible + HEADER_ROWS_STEP)}>
            Show {Math.min(hidden, HEADER_ROWS_STEP).toLocaleString('en-US')} more
          </button>{' '}
          <span class="cp-muted">{hidden.toLocaleString('en-US')} more headers</span>
        </div>
      ) : null}
      {absent.map((mark) => (
        <div key={`absent:${mark.header}`} class="cp-header cp-header-failed cp-header-absent" data-header={mark.header}>
          <dt>
            <LongText text={mark.header} />
          </dt>
          <dd>
            <span class="cp-absent">(absent)</span>
            <Expected mark={mark} />
          </dd>
        </div>
      ))}
      {headers.length === 0 && absent.length === 0 ? <div class="cp-header cp-header-none">No headers observed</div> : null}
    </dl>
    {folded > 0 ? (
      <div class="cp-header-fold">
        <FoldButton open={unfolded} label={`${folded.toLocaleString('en-US')} other ${folded === 1 ? 'header' : 'headers'}`} onToggle={() => setUnfolded(!unfolded)} />
      </div>
    ) : null}
    </>
  );
}

/** What would have passed, as the what-failed line says it (`neededOf`: never "null" after a redirect). */
function Expected({ mark }: { mark: Mark }) {
  if (mark.needed === undefined) return null;
  return (
    <span class="cp-expected">
      <span class="cp-expected-label">expected</span>{' '}
      <span class="cp-mono">
        <LongText text={mark.needed} />
      </span>
    </span>
  );
}

export function MessagePair({ step, diagnosis, exchangeId }: { step: TimelineStep; diagnosis: Diagnosis | null; exchangeId?: string }) {
  const notesOn = (side: 'sent' | 'received'): NotesOn | undefined =>
    exchangeId === undefined ? undefined : { exchangeId, on: headerSideOf(step.kind, side), hop: step.hop };
  const marks: Mark[] = diagnosis
    ? checksOfStep(step, diagnosis.checks)
        .filter((c) => c.outcome === 'failed' && c.header)
        .map((c) => ({ header: c.header!.toLowerCase(), needed: neededOf(diagnosis, c) }))
    : [];
  const related = new Set(marks.map((m) => requestHeaderAnswered(m.header)).filter((h): h is string => h !== null));
  const origin = diagnosis?.requestOrigins[step.hop];
  // The capture records the request's headers once; after a cross-origin redirect the browser
  // sends another Origin (`null`), which the diagnosis knows per hop.
  const originSent = firstHeader(step.sent, 'origin');
  const originChanged = step.kind === 'request' && step.hop > 0 && origin !== undefined && originSent !== undefined && originSent !== origin;
  const sent = originChanged ? step.sent!.map(([name, value]): readonly [string, string] => (name.toLowerCase() === 'origin' ? [name, origin] : [name, value])) : step.sent;
  const sentHasOrigin = firstHeader(sent, 'origin') !== undefined;
  const credentialsAssumed = diagnosis?.assumptions.some((a) => a.about === 'credentials-mode' && a.because !== 'known') ?? false;
  // What this exchange is about, shown before the other lines: the request headers that made the
  // preflight needed, and a redirect's Location.
  const alsoFirst = new Set<string>(['location', ...related, ...(diagnosis?.preflight.reasons ?? []).flatMap((r) => (r.kind === 'header' ? [r.name] : []))]);

  return (
    <div class="cp-pair">
      <section class="cp-pair-side" aria-label="Browser sent">
        <h4 class="cp-pair-title">Browser sent</h4>
        <p class="cp-startline cp-mono">
          <Shown text={clipLine(step.method, 100)} /> <LongText text={step.url} />
        </p>
        {sent ? (
          <>
            <HeaderRows key={`${step.key}:sent`} headers={sent} marks={[]} related={related} side="sent" notesOn={notesOn('sent')} alsoFirst={alsoFirst} />
            {originChanged ? (
              <p class="cp-note cp-origin-diff">
                Origin is{' '}
                <span class="cp-mono">
                  <LongText text={origin} />
                </span>{' '}
                on this hop, not{' '}
                <span class="cp-mono">
                  <LongText text={originSent} />
                </span>
                : the redirect to another origin changed it.
              </p>
            ) : null}
            {(!sentHasOrigin && origin !== undefined) || (diagnosis && step.kind === 'request') ? (
              <dl class="cp-headers cp-meta">
                {!sentHasOrigin && origin !== undefined ? (
                  <div class={`cp-header${related.has('origin') ? ' cp-header-related' : ''}`}>
                    <dt>Origin</dt>
                    <dd>
                      <LongText text={origin} /> <span class="cp-note">(added by the browser)</span>
                    </dd>
                  </div>
                ) : null}
                {diagnosis && step.kind === 'request' ? (
                  <div class={`cp-header${related.has('cookie') ? ' cp-header-related' : ''}`}>
                    <dt>Cookies</dt>
                    <dd>{cookiesWords(diagnosis.credentialsMode, credentialsAssumed ? 'assumed' : undefined)}</dd>
                  </div>
                ) : null}
              </dl>
            ) : null}
          </>
        ) : (
          <p class="cp-muted">{step.state === 'cached' ? 'Not sent: a cached preflight result covered this request.' : step.state === 'not-sent' ? 'Not sent: the browser stopped before it.' : 'Not observed.'}</p>
        )}
      </section>
      <section class="cp-pair-side" aria-label="Server answered">
        <h4 class="cp-pair-title">Server answered</h4>
        {step.received ? (
          <>
            <p class="cp-startline cp-mono">HTTP {step.received.status}</p>
            <HeaderRows key={`${step.key}:received`} headers={step.received.headers} marks={marks} related={related} side="received" notesOn={notesOn('received')} alsoFirst={alsoFirst} />
            {withheld(step) ? (
              <p class="cp-note cp-withheld">
                The server answered {step.received.status}, but the browser withheld the response from the page: the page's script saw a network error
                (fetch() rejects with a TypeError), not this status or body.
              </p>
            ) : null}
          </>
        ) : (
          <p class="cp-muted">
            {step.networkError ? <Shown text={`No response: ${step.networkError}`} kind="prose" /> : step.state === 'cached' ? 'Answered earlier; the result was cached.' : 'No response.'}
          </p>
        )}
        {diagnosis?.originComparison && marks.some((m) => m.header === 'access-control-allow-origin') && diagnosis.originComparison.differences.some((d) => d !== 'null') ? (
          <p class="cp-note cp-origin-diff">
            Differs from the request's origin{' '}
            <span class="cp-mono">
              <LongText text={diagnosis.originComparison.requestOrigin} />
            </span>{' '}
            by{' '}
            {diagnosis.originComparison.differences.map((d) => ORIGIN_DIFFERENCE_LABEL[d] ?? d).join(', ')}.
          </p>
        ) : null}
      </section>
    </div>
  );
}
