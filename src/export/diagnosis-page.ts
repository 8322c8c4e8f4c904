// `diagnosis.html`: the viewer page (`dist/viewer.html`, one self-contained file) with a bundle
// embedded as data, to send as one file that opens from disk or a mail attachment. The viewer reads
// the bundle back on load through the bundle import (`bundle-import.ts`), which validates it.
//
// The bundle is someone's capture: every header name, value and note in it is hostile text. It goes
// in a `<script type="application/json">` data block, which the browser never runs, with every `<`,
// `>` and `&` escaped as `\u003c`…: no `</script>`, `<!--` or `<script` can then appear in the
// element's text, so the HTML parser cannot leave it early (or fail to leave it). U+2028 and U+2029
// are escaped too, for any reader that takes the text as JavaScript. Pure: text in, text out.

/** The id of the data block that holds the bundle, which the viewer looks for. */
export const EMBEDDED_BUNDLE_ID = 'bundle';

// The viewer page's title, and a diagnosis page's in its place: what `pageKind` reads a page by.
const VIEWER_TITLE = '<title>CORS Inspector — viewer</title>';
const DIAGNOSIS_TITLE = '<title>CORS diagnosis — CORS Inspector</title>';

const CSP_META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>/;
const BODY_TAG = /^\s*<body[^>]*>/;
const HASH_SOURCE = /^'sha(256|384|512)-[A-Za-z0-9+/]+=*'$/;

/** The viewer page given is not one `npm run build` made: a bug of the caller, not of the input. */
export class ViewerPageError extends Error {
  constructor(problem: string) {
    super(`the viewer page cannot take a bundle: ${problem} (it must be dist/viewer.html as the build writes it)`);
    this.name = 'ViewerPageError';
  }
}

/**
 * JSON text as the content of a `<script type="application/json">`. Each replaced character can
 * only be inside a JSON string (outside, JSON has none of them), where `\uXXXX` means the same
 * character: `JSON.parse` of the result gives the same value.
 */
export function jsonForScriptElement(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function directives(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/**
 * The page's policy: nothing may load or connect (`default-src 'none'`, `connect-src 'none'`); the
 * one script that runs is the viewer's, by the hash the build computed; its stylesheet by its hash
 * too where the build gave one. Images only as `data:` (the UI's icons), which cannot reach a network.
 */
function diagnosisPolicy(viewerPolicy: string): string {
  const viewer = directives(viewerPolicy);
  const scripts = viewer.get('script-src') ?? [];
  if (scripts.length === 0 || !scripts.every((source) => HASH_SOURCE.test(source))) {
    throw new ViewerPageError(`its script-src is "${scripts.join(' ')}", not the hash of its one inline script`);
  }
  // A hash, or 'unsafe-inline' for a page whose style element has none: CSS alone can neither run
  // script nor, with every fetch forbidden, send anything anywhere.
  const styles = (viewer.get('style-src') ?? []).filter((source) => HASH_SOURCE.test(source) || source === "'unsafe-inline'");
  return [
    "default-src 'none'",
    `script-src ${scripts.join(' ')}`,
    `style-src ${styles.length > 0 ? styles.join(' ') : "'none'"}`,
    'img-src data:',
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The viewer page with `bundleJson` (a serialized bundle, `serializeBundle`) embedded, under the
 * policy above. Throws `ViewerPageError` when `viewerPage` is not the built viewer.
 *
 * The page's policy is the first in its head, its `<body>` right after the head: the viewer's own
 * script (after them) holds these very strings, since it can write a diagnosis.html too.
 */
export function diagnosisPage(viewerPage: string, bundleJson: string): string {
  const headEnd = viewerPage.indexOf('</head>');
  const policy = headEnd < 0 ? null : CSP_META.exec(viewerPage.slice(0, headEnd));
  if (!policy) throw new ViewerPageError('its head has no Content-Security-Policy meta element');
  const afterHead = headEnd + '</head>'.length;
  const body = BODY_TAG.exec(viewerPage.slice(afterHead));
  if (!body) throw new ViewerPageError('it has no <body> right after its head');
  const bodyEnd = afterHead + body[0].length;
  const data = `\n    <script type="application/json" id="${EMBEDDED_BUNDLE_ID}">${jsonForScriptElement(bundleJson)}</script>`;
  // Cut and joined, never `String.replace` with the bundle: a `$'` in it would be a replacement pattern.
  return (
    viewerPage.slice(0, policy.index) +
    `<meta http-equiv="Content-Security-Policy" content="${diagnosisPolicy(policy[1]!)}" />` +
    viewerPage.slice(policy.index + policy[0].length, bodyEnd).replace(VIEWER_TITLE, DIAGNOSIS_TITLE) +
    data +
    viewerPage.slice(bodyEnd)
  );
}

/**
 * What a page of ours (`pageKind`) given where a HAR or bundle is read is, and, for a diagnosis page,
 * where it is read: the CLI and the panel's Open... each add what they read instead.
 */
export const PAGE_KIND_WORDS = {
  diagnosis: "a diagnosis page (written by share --html or the panel's Download diagnosis.html), not a HAR file or bundle: open it in a browser to read it",
  viewer: 'the CORS Inspector viewer page, not a HAR file or bundle',
} as const;

/**
 * Which of this project's pages `text` is, by the title in its head (the viewer's script after it
 * holds both titles): a diagnosis page (`diagnosisPage`), the viewer page itself, or neither (null).
 */
export function pageKind(text: string): 'diagnosis' | 'viewer' | null {
  const headEnd = text.indexOf('</head>');
  if (headEnd < 0) return null;
  const head = text.slice(0, headEnd);
  if (head.includes(DIAGNOSIS_TITLE)) return 'diagnosis';
  return head.includes(VIEWER_TITLE) ? 'viewer' : null;
}
