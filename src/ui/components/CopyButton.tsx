// Copies text to the clipboard. DevTools panels often may not use the async Clipboard API
// (permissions policy), so a hidden textarea and `execCommand('copy')` is the fallback.

import { useEffect, useState } from 'preact/hooks';

export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the legacy path.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** `text` may be a function, for texts costly to build (a curl script): built on click only. */
export function CopyButton({ text, what, label = 'Copy' }: { text: string | (() => string); what: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1600);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span class="cp-copy">
      <button
        type="button"
        class="cp-btn cp-btn-small"
        aria-label={`Copy ${what}`}
        onClick={() => void copyText(typeof text === 'string' ? text : text()).then((ok) => setState(ok ? 'copied' : 'failed'))}
      >
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
      </button>
      <span role="status" class="cp-sr-only">
        {state === 'copied' ? `${what} copied` : state === 'failed' ? 'Copy failed' : ''}
      </span>
    </span>
  );
}
