// `explain` is no export: it words the capture as it is, for the person who has it. But its output
// goes into CI logs, and a URL written with `user:password@` (a `Location` the browser refused to
// follow, a hand-made HAR's request URL) was printed as captured there: in `checks[].found`, the
// hops' URLs, the console line and the explanation. The password is masked in every URL the engine
// reads, before it reads them (`masked-url-secrets.ts`, which masks the rest of the URL's secrets
// too), so the diagnosis and every word built from it stay the same: the URL still has credentials
// (the CORS fact), at the same origin, and only the password is hidden.
// A user name alone stays, unless it is itself a credential by its shape (`ghp_...@github.com`, a card
// number).
// https://url.spec.whatwg.org/#authority-state

import { replaceOpaqueRuns } from './opaque-token.ts';
import { placeholder } from './redaction.ts';
import { redactCardNumbers, redactNameShapes } from './redact-shapes.ts';

// The scheme (or none: `//host`, a scheme-relative Location), then `//`. For special schemes a
// backslash is a slash too, and ends the authority.
const START = /^([\t\n\r ]*(?:([A-Za-z][A-Za-z0-9+.\t\n\r-]*):)?[\t\n\r]*)([\\/][\t\n\r]*[\\/])/;
const SPECIAL = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file']);
const INVISIBLE = /[\t\n\r]/g;

/** `https://ana:pw@host/` → `https://ana:REDACTED-PASSWORD@host/`; anything else as it is. */
export function maskedPassword(url: string): string {
  if (!url.includes('@')) return url;
  const start = START.exec(url);
  if (start === null) return url;
  const scheme = start[2]?.replace(INVISIBLE, '').toLowerCase();
  const special = scheme === undefined || SPECIAL.has(scheme);
  // Non-special schemes need `//` exactly; a backslash is then an ordinary character.
  if (!special && start[3]!.replace(INVISIBLE, '') !== '//') return url;
  const from = start[0].length;
  let end = from;
  while (end < url.length && !'/?#'.includes(url[end]!) && !(special && url[end] === '\\')) end++;
  const at = url.lastIndexOf('@', end - 1);
  if (at < from) return url;
  const userinfo = url.slice(from, at);
  const colon = userinfo.indexOf(':');
  const user = colon === -1 ? userinfo : userinfo.slice(0, colon);
  // A user name with the shape of a credential is masked too: judged as the exports judge names
  // (a JWT, a known token: `redactNameShapes`), and a random-looking run besides.
  const shownUser = replaceOpaqueRuns(redactCardNumbers(redactNameShapes(user, [], 'url-userinfo'), [], 'url-userinfo'), () => placeholder('opaque-token'));
  // `:` then only tabs or line breaks: the parser reads no password, and none is added.
  const password = colon === -1 || userinfo.slice(colon + 1).replace(INVISIBLE, '') === '' ? userinfo.slice(user.length) : `:${placeholder('password')}`;
  const shown = `${shownUser}${password}`;
  return shown === userinfo ? url : `${url.slice(0, from)}${shown}${url.slice(at)}`;
}
