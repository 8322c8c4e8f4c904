// `cors-inspector probe …` for one exchange, to copy and run: what one exchange cannot tell (does the
// server let any origin in?), or whether a fix tried in the what-if is deployed. The panel only
// shows the command; it never runs it.

import type { ProbeTarget } from '../../cors/index.ts';
import { probeCommand } from '../../export/index.ts';
import { CopyButton } from './CopyButton.tsx';
import { LongText } from './LongText.tsx';

export function ProbeCommand({ target, title }: { target: ProbeTarget; title: string }) {
  const command = probeCommand(target);
  return (
    <div class="cp-probe" role="group" aria-label={title}>
      <div class="cp-fixfirst-head">
        <span class="cp-fixfirst-title">{title}</span>
        <CopyButton text={command} what="probe command" label="Copy probe command" />
      </div>
      <pre class="cp-code cp-probe-command" tabIndex={0} aria-label="Probe command (bash)">
        <code>
          <LongText text={command} kind="lines" />
        </code>
      </pre>
    </div>
  );
}
