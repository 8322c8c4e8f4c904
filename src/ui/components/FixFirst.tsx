// The top of the detail: what failed, what the server must send, and the fix, each copyable, in
// as little height as will hold them, so that a 700 px dock shows all three without scrolling (a
// shorter one shows the fix before the lines to send).

import { keptFromServerNote, leftOutFromServerNote, serializeOrigin, shouldSendWords, type Diagnosis, type Explanation, type ObservedExchange, type ServerMustSend, type ServerShouldSend } from '../../cors/index.ts';
import { curlScriptFor, fixOriginAt } from '../../export/index.ts';
import { mustSendGroups, whatFailed } from '../detail/words.ts';
import { usePanel } from './context.ts';
import { CopyButton } from './CopyButton.tsx';
import { Fixes } from './Fixes.tsx';
import { Layers, undecidedStacks } from './Layers.tsx';
import { LongText } from './LongText.tsx';
import { Shown } from './Shown.tsx';

/** `lead`: words before the line (the what-if's "Next failure"). `exchange`: the one diagnosed. */
export function WhatFailedLine({ diagnosis, exchange, lead }: { diagnosis: Diagnosis; exchange: ObservedExchange; lead?: string }) {
  const failed = whatFailed(diagnosis, exchange);
  if (!failed) return null;
  return (
    <p class="cp-what-failed">
      {lead ? <span class="cp-what-failed-lead">{lead} </span> : null}
      <span class="cp-what-failed-where">{failed.where}:</span>{' '}
      {failed.header ? (
        <mark class="cp-what-failed-header cp-mono">
          <LongText text={failed.header} />
        </mark>
      ) : null}
      {failed.found !== undefined ? (
        <>
          {failed.header ? ' sent ' : ' '}
          {failed.found === null ? (
            <span class="cp-absent">nothing</span>
          ) : (
            <code class="cp-what-failed-found">
              <LongText text={failed.found} />
            </code>
          )}
        </>
      ) : null}
      {failed.needed !== undefined ? (
        <>
          , needed{' '}
          <code class="cp-what-failed-needed">
            <LongText text={failed.needed} />
          </code>
        </>
      ) : null}
    </p>
  );
}

/**
 * Which server to change, when it is not the one the page called: the browser refused a redirect
 * target's answer, so the fix goes there (the CLI's "Fix on", `fixOriginAt`). Nothing otherwise:
 * the URL in the row already names the server.
 */
export function FixOnLine({ diagnosis, exchange }: { diagnosis: Diagnosis; exchange: ObservedExchange }) {
  const first = exchange.hops[0];
  if (first === undefined) return null;
  const called = serializeOrigin(first.url);
  const fixOn = fixOriginAt(exchange, called, diagnosis.verdict, diagnosis.failedAt?.hop ?? null);
  if (fixOn === called) return null;
  return (
    <p class="cp-fix-on">
      <span class="cp-what-failed-where">Fix on:</span>{' '}
      <code class="cp-mono">
        <LongText text={fixOn} />
      </code>
      , the redirect's target, whose answer was refused (not{' '}
      <code class="cp-mono">
        <LongText text={called} />
      </code>
      , which the page called)
    </p>
  );
}

/** Header lines grouped by the response they go on (`mustSendGroups`), one `lineClass` span each. */
function HeaderGroups({ groups, lineClass }: { groups: ReturnType<typeof mustSendGroups>; lineClass: string }) {
  return (
    <>
      {groups.map((group) => (
        <div key={group.title} class="cp-must-group">
          <span class="cp-must-on">{group.title}</span>
          <pre class="cp-must-lines">
            {group.lines.map((line, i) => (
              <span key={i} class={lineClass}>
                <LongText text={line} kind="prose" />
                {'\n'}
              </span>
            ))}
          </pre>
        </div>
      ))}
    </>
  );
}

/** `label`: the group's accessible name, when another list of the kind is on screen (the what-if's). */
export function MustSend({ mustSend, label = 'What the server must send' }: { mustSend: readonly ServerMustSend[]; label?: string }) {
  const groups = mustSendGroups(mustSend);
  if (groups.length === 0) return null;
  const all = groups.map((g) => `# ${g.title}\n${g.lines.join('\n')}`).join('\n');
  // Why a line this request does not need is listed (the server's own Allow-Credentials, kept).
  const kept = keptFromServerNote(mustSend);
  // What a placeholder among the names stands for (a shared bundle's names), as the fix's note says.
  const leftOut = leftOutFromServerNote(mustSend);
  return (
    <div class="cp-must" aria-label={label} role="group">
      <div class="cp-fixfirst-head">
        <span class="cp-fixfirst-title">The server must send</span>
        <CopyButton text={all} what="headers" label="Copy headers" />
      </div>
      <HeaderGroups groups={groups} lineClass="cp-must-line" />
      {kept === null ? null : <p class="cp-note cp-must-kept">{kept}</p>}
      {leftOut === null ? null : <p class="cp-note cp-must-left-out">{leftOut}</p>}
    </div>
  );
}

/**
 * What no browser checks but the server should send all the same (`Vary: Origin`), apart from the
 * must and worded as advice, with why. `label`: as for MustSend.
 */
export function ShouldSend({ shouldSend, label = 'Also advised' }: { shouldSend: readonly ServerShouldSend[]; label?: string }) {
  const groups = mustSendGroups(shouldSend);
  if (groups.length === 0) return null;
  return (
    <div class="cp-advised" aria-label={label} role="group">
      <div class="cp-fixfirst-head">
        <span class="cp-fixfirst-title">Also advised</span>
      </div>
      <HeaderGroups groups={groups} lineClass="cp-advised-line" />
      {[...new Set(shouldSend.map((s) => s.advice))].map((advice) => (
        <p key={advice} class="cp-note cp-advised-why">
          {shouldSendWords(advice)}
        </p>
      ))}
    </div>
  );
}

/**
 * The three answers, for an exchange the engine explained; nothing for one that passed.
 * `fixAbove`: the fix before the lines to send and the layers, where the detail is too short to show
 * its first lines under them (`useFixAbove`); keyed, so that moving it keeps the tab chosen.
 */
export function FixFirst({ diagnosis, explanation, exchange, idPrefix, fixAbove = false }: { diagnosis: Diagnosis; explanation: Explanation; exchange: ObservedExchange; idPrefix: string; fixAbove?: boolean }) {
  const { browser } = usePanel();
  if (diagnosis.verdict === 'allowed' || diagnosis.verdict === 'not-cors') return null;
  // The preflight and the request, as the browser sent them (redacted): run them to see the failure.
  const curl = (): string => curlScriptFor(exchange, 'bash', { browser });
  const preflighted = exchange.hops.some((hop) => hop.preflight !== undefined);
  const lines = [<MustSend key="must" mustSend={explanation.serverMustSend} />, <Layers key="layers" reading={explanation.stack} />];
  const fix =
    explanation.fixes.length > 0 ? (
      <div key="fix" class="cp-fixfirst-fix">
        <Fixes fixes={explanation.fixes} undecided={undecidedStacks(explanation.stack)} idPrefix={idPrefix} extra={<CopyButton text={curl} what={preflighted ? 'curl pair (preflight and request)' : 'curl command'} label="Copy curl" />} />
      </div>
    ) : null;
  return (
    <section class="cp-fixfirst" aria-label="Fix first">
      <WhatFailedLine diagnosis={diagnosis} exchange={exchange} />
      <FixOnLine diagnosis={diagnosis} exchange={exchange} />
      {fixAbove ? [fix, ...lines] : [...lines, fix]}
      {/* After the fix, which sets it too: the top stays what the browser requires. */}
      <ShouldSend shouldSend={explanation.serverShouldSend ?? []} />
    </section>
  );
}
