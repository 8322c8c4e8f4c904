// A diagnosis.html is the viewer with a bundle embedded (`export/diagnosis-page.ts`). On load the
// bundle is opened as a dropped file would be (validated, re-diagnosed, listed read-only with its
// notes), and a header above the list says who shared it, when, from which page, what they noted
// and what failed, by cause: failures as this engine judges the bundle's requests, the stored
// verdicts only where they differ, as the file's claim. Everything shown comes from the validated
// bundle, as text, through `Shown` (controls as escapes, each datum isolated): a bundle is someone
// else's file, its notes the sender's words. What can be long (a note, an origin, a failing value:
// the schema bounds them at what a capture can hold) goes through `LongText`, as Chromium lays out
// long text at seconds per megabyte.

import { render } from 'preact';
import { diagnosisSummary, EMBEDDED_BUNDLE_ID, type parseBundle, type DiagnosisSummary } from '../../export/index.ts';

type BundleValidation = ReturnType<typeof parseBundle>;
import { LongText } from '../components/LongText.tsx';
import { Shown } from '../components/Shown.tsx';
import { ENGINE_VERSION } from '../share/engine-version.ts';
import { claimWhy } from '../share/file-claim.ts';
import { plural } from '../format.ts';
import type { PanelHandle } from '../index.tsx';
import { shownAttribute } from '../shown-text.ts';
import './diagnosis.css';

/** The name imports show for the embedded bundle ("Opened diagnosis.html by Ana: 3 requests."). */
const FILE_NAME = 'diagnosis.html';

/** The embedded bundle's JSON text, or null on a plain viewer page. */
export function embeddedBundle(doc: Document): string | null {
  const element = doc.getElementById(EMBEDDED_BUNDLE_ID);
  return element instanceof HTMLScriptElement && element.type === 'application/json' ? element.text : null;
}

const BROWSER_NAME: Record<DiagnosisSummary['browser'], string> = { chromium: 'Chromium', firefox: 'Firefox' };

/** `2026-03-01 09:08 UTC`: the same for every reader, wherever they are. */
function shownTime(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function DiagnosisHeader({ summary, theme }: { summary: DiagnosisSummary; theme: 'light' | 'dark' }) {
  const origins = summary.pageOrigins.length > 0 ? summary.pageOrigins.join(', ') : 'an unknown page';
  return (
    <header class="cp-root cp-diagnosis" data-theme={theme} aria-label="Diagnosis">
      <h1 class="cp-diagnosis-title">CORS diagnosis</h1>
      <p class="cp-diagnosis-meta">
        {summary.author !== null ? (
          <>
            Shared by{' '}
            <strong>
              <Shown text={summary.author} />
            </strong>{' '}
            on{' '}
          </>
        ) : (
          'Shared on '
        )}
        <time dateTime={summary.createdAt}>
          <Shown text={shownTime(summary.createdAt)} />
        </time>
        , requests from{' '}
        <span class="cp-mono">
          <LongText text={origins} kind="prose" />
        </span>
        :{' '}
        {plural(summary.requests, 'request')}, {summary.blocked.toLocaleString('en-US')} blocked, judged by {BROWSER_NAME[summary.browser]}’s rules.{' '}
        {summary.secretsIncluded ? (
          <strong class="cp-diagnosis-secrets">This file includes secrets (cookies, tokens, keys) as captured.</strong>
        ) : summary.secretsReplaced ? (
          'Secrets were replaced by REDACTED placeholders.'
        ) : (
          'No secret was found to replace.'
        )}
      </p>
      {summary.claimsDiffer > 0 ? (
        <p class="cp-diagnosis-claims" role="alert">
          {/* The file's own verdicts, where they are not this engine's: the sender's claim, never the count above. */}
          The file states {summary.claimsDiffer === 1 ? 'a verdict' : `${summary.claimsDiffer.toLocaleString('en-US')} verdicts`} that this engine does not reach (
          <Shown text={claimWhy(summary.engineVersions)} kind="prose" />
          ): the counts, causes and rows here are this engine&rsquo;s; each such row says what the file says.
        </p>
      ) : null}
      {summary.unjudged > 0 ? <p class="cp-diagnosis-claims">This engine could not judge {plural(summary.unjudged, 'request')}: not counted above.</p> : null}
      {summary.causes.length > 0 ? (
        <section aria-label="Blocked, by cause">
          <h2 class="cp-diagnosis-heading">Blocked, by cause</h2>
          <ul class="cp-diagnosis-causes">
            {summary.causes.map((cause) => (
              <li key={cause.key}>
                <LongText text={cause.title} kind="prose" /> — {plural(cause.requests, 'request')}{' '}
                <span class="cp-mono cp-diagnosis-code">
                  {/* Firefox's reason where the rules were Firefox's: the code its console gives, not Chromium's. */}
                  (<Shown text={cause.firefoxReason ?? cause.corsError} />
                  {cause.failedParameter ? (
                    <>
                      {' '}
                      <LongText text={cause.failedParameter} />
                    </>
                  ) : null}
                  )
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {summary.noteCount > 0 ? (
        <section aria-label="Notes by the sender (not checked)">
          {/* The sender's words, not the tool's: a note can say anything ("use --disable-web-security"). */}
          <h2 class="cp-diagnosis-heading">Notes by the sender (not checked): {summary.noteCount.toLocaleString('en-US')}</h2>
          {summary.notes.length < summary.noteCount ? (
            <p class="cp-diagnosis-notes-more">
              The first {summary.notes.length.toLocaleString('en-US')} here; every request&rsquo;s notes are in its detail below.
            </p>
          ) : null}
          <ul class="cp-diagnosis-notes">
            {summary.notes.map((note, i) => (
              <li key={i}>
                <span class="cp-diagnosis-note-text">
                  <LongText text={note.text} kind="lines" />
                </span>
                <span class="cp-diagnosis-note-on">
                  {note.author !== null ? (
                    <>
                      {' — '}
                      <Shown text={note.author} />
                      {', on '}
                    </>
                  ) : (
                    ' — on '
                  )}
                  <span class="cp-mono">
                    <LongText text={note.request} kind="prose" />
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </header>
  );
}

/** Whose rules the panel judges an embedded bundle by: the exporter's, so the rows show its verdicts. */
export function embeddedBrowser(parsed: BundleValidation): 'chromium' | 'firefox' {
  return parsed.ok ? (parsed.bundle.browser ?? 'chromium') : 'chromium';
}

/**
 * Opens the embedded bundle (`text`, checked as `parsed`) in the panel and shows its header above
 * `panelRoot`. A bundle that does not validate shows only the panel's import error, as a dropped file would.
 */
export function showDiagnosis(text: string, parsed: BundleValidation, panel: PanelHandle, panelRoot: HTMLElement, theme: 'light' | 'dark'): void {
  panel.importText(text, FILE_NAME);
  if (!parsed.ok) return;
  const summary = diagnosisSummary(parsed.bundle, ENGINE_VERSION);
  document.title = summary.author !== null ? `CORS diagnosis by ${shownAttribute(summary.author, 200)}` : 'CORS diagnosis';
  const host = document.createElement('div');
  host.className = 'cp-diagnosis-host';
  panelRoot.before(host);
  document.body.classList.add('cp-diagnosis-page');
  render(<DiagnosisHeader summary={summary} theme={theme} />, host);
}
