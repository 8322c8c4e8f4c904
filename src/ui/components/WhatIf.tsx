// "What if the server sent…": edit the preflight's or the response's status and headers and see the
// engine's verdict on a copy of the captured exchange, check by check. A simulation only: nothing is
// sent, the captured exchange (the store's object) is never written to, and the screen says so.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { type Diagnosis, type Explanation, type ObservedExchange, probeTargetOf } from '../../cors/index.ts';
import {
  addHeader,
  applyMustSend,
  assumesFollow,
  changeHeader,
  type EditedMessage,
  messageOf,
  sendsFromEdits,
  removeHeader,
  simulate,
  type Simulation,
  type TargetChoice,
  targetKey,
  whatIfTargets,
  type WhatIfEdits,
  withEdit,
} from '../detail/what-if.ts';
import { onWords } from '../detail/words.ts';
import { engineFor, type PanelBrowser } from '../engine.ts';
import { shownAttribute } from '../shown-text.ts';
import { ChecksTable } from './Checks.tsx';
import { MustSend, ShouldSend, WhatFailedLine } from './FixFirst.tsx';
import { ProbeCommand } from './ProbeCommand.tsx';
import { Shown } from './Shown.tsx';
import { VerdictIcon } from './VerdictIcon.tsx';

type Outcome = { ok: true; simulation: Simulation; headline: string } | { ok: false; error: string };

/** The edited copy judged by `rules`, the rules the exchange itself is judged by (the panel's, or an opened file's). */
export function runWhatIf(exchange: ObservedExchange, edits: WhatIfEdits, rules: PanelBrowser): Outcome {
  try {
    const engine = engineFor(rules);
    const simulation = simulate(exchange, edits, (copy) => engine.diagnose(copy));
    return { ok: true, simulation, headline: engine.explain(simulation.diagnosis, simulation.exchange).headline };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The message the browser stopped at, else the first one. */
function firstTarget(targets: readonly TargetChoice[], diagnosis: Diagnosis): string {
  const at = diagnosis.failedAt;
  const on = at?.phase === 'preflight' ? 'preflight' : 'response';
  const failing = at ? targets.find((t) => t.hop === at.hop && t.on === on) : undefined;
  return targetKey(failing ?? targets[0]!);
}

function targetWords(target: TargetChoice): string {
  return `${onWords(target.on, target.hop)}${target.captured === null ? ' (never received: assumed)' : ''}`;
}

function Editor({ message, onChange, idPrefix }: { message: EditedMessage; onChange(next: EditedMessage): void; idPrefix: string }) {
  const headers = message.headers;
  // What is typed, kept while it is not yet a status ("4" on the way to "404"); the edit takes only a real one.
  const [statusText, setStatusText] = useState(String(message.status));
  useEffect(() => setStatusText(String(message.status)), [message.status]);
  return (
    <div class="cp-whatif-editor">
      <label class="cp-whatif-status">
        Status{' '}
        <input
          type="number"
          min={100}
          max={599}
          value={statusText}
          onInput={(e) => {
            const text = (e.currentTarget as HTMLInputElement).value;
            setStatusText(text);
            const status = Number(text);
            if (Number.isInteger(status) && status >= 100 && status <= 599) onChange({ ...message, status });
          }}
        />
      </label>
      <table class="cp-whatif-headers">
        <thead>
          <tr>
            <th scope="col" id={`${idPrefix}-name`}>
              Header
            </th>
            <th scope="col" id={`${idPrefix}-value`}>
              Value
            </th>
            <th scope="col">
              <span class="cp-sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {headers.map(([name, value], i) => (
            <tr key={i}>
              <td>
                <input
                  class="cp-mono"
                  aria-label={`Header name ${i + 1}`}
                  value={name}
                  spellcheck={false}
                  onInput={(e) => onChange({ ...message, headers: changeHeader(headers, i, (e.currentTarget as HTMLInputElement).value, value) })}
                />
              </td>
              <td>
                <input
                  class="cp-mono"
                  aria-label={`Value of ${shownAttribute(name, 200) || `header ${i + 1}`}`}
                  value={value}
                  spellcheck={false}
                  onInput={(e) => onChange({ ...message, headers: changeHeader(headers, i, name, (e.currentTarget as HTMLInputElement).value) })}
                />
              </td>
              <td>
                <button type="button" class="cp-btn" aria-label={`Remove ${shownAttribute(name, 200) || `header ${i + 1}`}`} onClick={() => onChange({ ...message, headers: removeHeader(headers, i) })}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" class="cp-btn" onClick={() => onChange({ ...message, headers: addHeader(headers) })}>
        Add header
      </button>
    </div>
  );
}

function Result({ outcome, exchange, edits }: { outcome: Outcome; exchange: ObservedExchange; edits: WhatIfEdits }) {
  if (!outcome.ok) {
    return (
      <p class="cp-notice cp-notice-warn" role="alert">
        The engine failed on this simulation: <Shown text={outcome.error} kind="prose" />
      </p>
    );
  }
  const { diagnosis, assumedResponse } = outcome.simulation;
  const sends = sendsFromEdits(exchange, edits);
  return (
    <div class="cp-whatif-result">
      <p class="cp-whatif-verdict" role="status" aria-live="polite">
        <span>Simulated verdict:</span> <VerdictIcon verdict={diagnosis.verdict} />
        {/* The verdict's word says it all when allowed; otherwise the headline says why. */}
        {diagnosis.verdict === 'allowed' ? null : (
          <span class="cp-whatif-headline">
            <Shown text={outcome.headline} kind="prose" />
          </span>
        )}
      </p>
      {assumesFollow(exchange) ? (
        <p class="cp-note">
          The capture stops at the redirect and does not say the page's redirect mode: the simulation follows it, as fetch() does by default. What the next URL
          answers was not captured.
        </p>
      ) : null}
      {assumedResponse ? (
        <p class="cp-note">
          The request itself was never sent (its preflight failed), so its response is assumed: status 200 with the preflight's Access-Control-Allow-Origin,
          Access-Control-Allow-Credentials and Vary. Edit the response to try others.
        </p>
      ) : null}
      <WhatFailedLine diagnosis={diagnosis} exchange={outcome.simulation.exchange} lead="Next failure:" />
      <div class="cp-whatif-checks" aria-label="Simulated checks" role="group">
        <ChecksTable checks={diagnosis.checks} />
      </div>
      {sends.must.length > 0 ? <MustSend mustSend={sends.must} label="What the server must send (as edited)" /> : null}
      <ShouldSend shouldSend={sends.should} label="Also advised (as edited)" />
      <ProbeCommand target={probeTargetOf(diagnosis, outcome.simulation.exchange)} title="Once deployed, check it against the real server" />
    </div>
  );
}

/**
 * The what-if for one exchange, folded; nothing when no response can be edited (a network failure
 * before any). Its body (and the engine's runs) exist only while it is open.
 */
export function WhatIf({
  exchange,
  diagnosis,
  explanation,
  idPrefix,
  rules,
}: {
  exchange: ObservedExchange;
  diagnosis: Diagnosis;
  explanation: Explanation;
  idPrefix: string;
  rules: PanelBrowser;
}) {
  const targets = useMemo(() => whatIfTargets(exchange), [exchange]);
  const [open, setOpen] = useState(false);
  if (targets.length === 0) return null;
  return (
    <details class="cp-whatif" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary class="cp-why-summary">What if the server sent other headers? Try a fix here first</summary>
      {open ? <WhatIfBody exchange={exchange} diagnosis={diagnosis} explanation={explanation} targets={targets} idPrefix={idPrefix} rules={rules} /> : null}
    </details>
  );
}

function WhatIfBody({
  exchange,
  diagnosis,
  explanation,
  targets,
  idPrefix,
  rules,
}: {
  exchange: ObservedExchange;
  diagnosis: Diagnosis;
  explanation: Explanation;
  targets: readonly TargetChoice[];
  idPrefix: string;
  rules: PanelBrowser;
}) {
  const [edits, setEdits] = useState<WhatIfEdits>({});
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const outcome = useMemo(() => runWhatIf(exchange, edits, rules), [exchange, edits, rules]);
  const chosen = targets.find((t) => targetKey(t) === (chosenKey ?? firstTarget(targets, diagnosis))) ?? targets[0]!;
  const message = messageOf(exchange, edits, chosen);
  const fixable = explanation.serverMustSend.length > 0;

  return (
    <>
      <p class="cp-notice cp-notice-info cp-whatif-simulation">
        This is a simulation: nothing is sent and nothing changes on the wire. The engine checks a copy of the captured exchange with the headers you edit
        here; the captured exchange stays as it was.
      </p>
      <fieldset class="cp-whatif-targets">
        <legend>Edit</legend>
        {targets.map((t) => (
          <label key={targetKey(t)} class="cp-whatif-target">
            <input type="radio" name={`${idPrefix}-target`} checked={t === chosen} onChange={() => setChosenKey(targetKey(t))} /> {targetWords(t)}
          </label>
        ))}
      </fieldset>
      <div class="cp-whatif-actions">
        <button
          type="button"
          class="cp-btn"
          disabled={!fixable}
          title={fixable ? 'Start from the headers the engine says the server must send' : 'The engine has no fix to suggest'}
          onClick={() => setEdits(applyMustSend(exchange, edits, [...explanation.serverMustSend, ...(explanation.serverShouldSend ?? [])]))}
        >
          Apply the suggested fix
        </button>
        <button type="button" class="cp-btn" disabled={Object.keys(edits).length === 0} onClick={() => setEdits({})}>
          Back to the captured headers
        </button>
      </div>
      {message ? <Editor message={message} idPrefix={`${idPrefix}-${targetKey(chosen).replace(':', '-')}`} onChange={(next) => setEdits(withEdit(edits, chosen, next))} /> : null}
      <Result outcome={outcome} exchange={exchange} edits={edits} />
    </>
  );
}
