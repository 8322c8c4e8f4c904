// The page the panel benchmark loads (built by Vite in production mode, run in Chromium): the
// panel, mounted with the memory transport, sent `?count=N` generated exchanges in one snapshot.
//
// Unlike the plain page (`src/ui/plain/`), nothing on this side of the transport keeps the
// exchanges: in the extension they live in the service worker's heap, not the panel's, so a fake
// capture holding them here would count them twice.

//
// `?hold=data|entries|diagnoses` instead of the panel: only what the panel would be sent (cloned
// the same way), then also the store's entries (search keys), then also every diagnosis the
// failures-first order computes. The heap of each, for telling where the panel's memory goes.

import { diagnose } from '../src/cors/index.ts';
import { createMemoryTransport, mountPanel } from '../src/ui/index.tsx';
import { manyExchanges } from '../src/ui/plain/samples.ts';
import type { CapturedExchange } from '../src/ui/protocol.ts';
import { makeEntry } from '../src/ui/store/entry.ts';

const TAB_ID = 1;
const params = new URLSearchParams(location.search);
const count = Number(params.get('count') ?? '0');
const hold = params.get('hold');
const { panel, capture } = createMemoryTransport();

/** What the panel receives: each exchange its own objects and strings. */
function delivered(): CapturedExchange[] {
  return structuredClone(JSON.parse(JSON.stringify(manyExchanges(count))) as CapturedExchange[]);
}

capture.listen((message) => {
  if (message.type !== 'subscribe') return;
  // `manyExchanges` shares each sample's request (and its header lists) between all its copies,
  // and structured cloning keeps such sharing. A port delivers every exchange as objects of its
  // own: a JSON round trip first gives each exchange its own objects, the clone its own strings.
  const exchanges = JSON.parse(JSON.stringify(manyExchanges(count))) as CapturedExchange[];
  capture.send({
    source: 'cors-inspector-capture',
    type: 'snapshot',
    tabId: TAB_ID,
    exchanges,
    settings: { preserveLog: false, preciseMode: false },
    status: { fallback: 'none', dropped: 0 },
    preciseAvailability: 'available',
  });
});

const root = document.getElementById('panel');
if (!root) throw new Error('#panel missing');
if (hold === null) {
  mountPanel(root, panel, { tabId: TAB_ID, theme: 'light' });
} else {
  const data = delivered();
  const entries = hold === 'entries' || hold === 'diagnoses' ? data.map((captured, i) => makeEntry(captured, 1, i)) : [];
  const diagnoses = hold === 'diagnoses' ? data.map((captured) => diagnose(captured.exchange)) : [];
  (window as unknown as { corsBenchHeld: unknown }).corsBenchHeld = { data, entries, diagnoses };
  root.innerHTML = '<p class="cp-bench-held">held</p>';
}
