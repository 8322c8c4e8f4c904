// `cors-inspector probe …` for one exchange, to copy and run: what one exchange cannot tell (does the
// server let any origin in?), or whether a fix tried in the what-if is deployed. The panel only
// shows the command; it never runs it. Each line says which shells it is for: one line for bash,
// zsh, PowerShell and cmd when the captured values allow it, else a line per shell (or, for a shell
// that cannot carry them exactly, the reason), as Copy as cURL offers a choice of shells.

import type { ProbeTarget } from '../../cors/index.ts';
import { probeCommandLines, probeShellsLabel } from '../../export/index.ts';
import { CopyButton } from './CopyButton.tsx';
import { LongText } from './LongText.tsx';

export function ProbeCommand({ target, title }: { target: ProbeTarget; title: string }) {
  const lines = probeCommandLines(target);
  return (
    <div class="cp-probe" role="group" aria-label={title}>
      <div class="cp-fixfirst-head">
        <span class="cp-fixfirst-title">{title}</span>
      </div>
      {lines.map((line, i) => {
        const shells = probeShellsLabel(line.shells);
        return (
          <div key={shells} class="cp-probe-line">
            <div class="cp-fixfirst-head">
              <span class="cp-probe-shells">For {shells}</span>
              {line.command === null ? null : (
                <CopyButton text={line.command} what={i === 0 ? 'probe command' : `probe command (${shells})`} label={i === 0 ? 'Copy probe command' : `Copy (${shells})`} />
              )}
            </div>
            {line.command === null ? (
              <p class="cp-probe-cannot">No line for {shells}: the captured values hold {line.cannot}.</p>
            ) : (
              <pre class={i === 0 ? 'cp-code cp-probe-command' : 'cp-code'} tabIndex={0} aria-label={`Probe command (${shells})`}>
                <code>
                  <LongText text={line.command} kind="lines" />
                </code>
              </pre>
            )}
          </div>
        );
      })}
    </div>
  );
}
