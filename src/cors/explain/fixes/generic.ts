// The raw headers, for any server: `serverMustSend` and the advised Vary, laid out per response. And, for
// errors only the page can fix, the change to the fetch() call.

import type { CorsError } from '../../cors-error.ts';
import type { CredentialsMode } from '../../exchange.ts';
import { httpValue, jsString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { afterRedirect } from '../hop-words.ts';
import { type FixContext, errorTrap, leftOutNamesNote } from './context.ts';
import { fetchCall } from './fetch-call.ts';
import { localNetworkFixes, targetAddressSpaceFix } from './local-network.ts';

// A fix in the page's code, not the server's headers: its own tab name, as the panel names a
// `generic` fix's tab "HTTP headers" (beside the header fix, two tabs would read alike).
const PAGE_TAB = 'In the page';

const ON_TITLE = { preflight: 'the OPTIONS preflight response', response: 'the actual response', redirect: 'the redirect response' } as const;

/** "the actual response", "the OPTIONS preflight response after redirect 1": hops as the panel words them. */
function onTitle(m: FixContext['mustSend'][number]): string {
  const after = afterRedirect(m.hop);
  return after ? `${ON_TITLE[m.on]} ${after}` : ON_TITLE[m.on];
}

function isOlderChromiumOnly(m: FixContext['mustSend'][number]): boolean {
  return 'advice' in m && m.advice === 'private-network-access';
}

const LISTED_ORIGIN = "<the request's Origin, when it is one of those listed above>";

/** The words heading the headers for several page origins, each origin on a line of its own. */
function originListLines(origins: readonly string[]): string[] {
  return [
    '# Access-Control-Allow-Origin holds one origin. Answer a request whose Origin is one of these with',
    '# that origin, and any other Origin with no Access-Control-Allow-Origin (never its value unchecked):',
    ...origins.map((o) => `#   ${httpValue(o)}`),
  ];
}

export function genericFix(ctx: FixContext): Fix | null {
  if (ctx.mustSend.length === 0) return null;
  const lines: string[] = [];
  let current = '';
  // The header an older Chromium's Private Network Access code asked for goes last, under its own
  // heading: Chromium 156 ignores it, and what it checks must read as the fix.
  const older = ctx.mustSend.filter(isOlderChromiumOnly);
  // Several page origins (a merged configuration): Access-Control-Allow-Origin holds one, so the
  // server picks it per request from the list, said first.
  const listed = ctx.policy.origins ?? null;
  if (listed !== null) lines.push(...originListLines(listed));
  // The server's own Access-Control-Max-Age goes on the preflight answer these lines replace: the
  // lines of a preflight are its whole CORS answer, and leaving the line out would drop it.
  const maxAge = ctx.policy.maxAge;
  const aged = new Set<string>();
  const endOfGroup = (): void => {
    if (maxAge === undefined || !current.startsWith('preflight:') || aged.has(current)) return;
    aged.add(current);
    lines.push(`Access-Control-Max-Age: ${maxAge}`);
  };
  for (const m of ctx.mustSend) {
    if (isOlderChromiumOnly(m)) continue;
    const key = `${m.on}:${m.hop}`;
    if (key !== current) {
      endOfGroup();
      if (lines.length > 0) lines.push('');
      lines.push(`# On ${onTitle(m)}:`);
      current = key;
    }
    lines.push('kind' in m && m.kind === 'status' ? `HTTP/1.1 ${httpValue(m.value)}` : `${m.header}: ${listed !== null && m.header === 'Access-Control-Allow-Origin' ? LISTED_ORIGIN : httpValue(m.value)}`);
    // The must-send lines carry the server's Max-Age already (a merged configuration's do): once.
    if (!('kind' in m && m.kind === 'status') && m.header === 'Access-Control-Max-Age') aged.add(current);
  }
  endOfGroup();
  for (const m of older) {
    if (lines.length > 0) lines.push('');
    lines.push(`# Only for an older Chromium (Private Network Access; Chromium 156 ignores it), on ${onTitle(m)}:`);
    lines.push(`${m.header}: ${httpValue(m.value)}`);
  }
  // Header names the output leaves out, written as placeholders in the lines above (session 38).
  const note = leftOutNamesNote(ctx.policy);
  if (note !== null) lines.unshift(`# ${note}`);
  const trap = errorTrap(ctx);
  return {
    target: 'generic',
    title: 'Any server: send these headers',
    language: 'http',
    snippet: lines.join('\n'),
    ...(trap ? { trap } : {}),
  };
}

/**
 * After a cross-origin redirect tainted the request's origin (the browser then sends `Origin: null`):
 * call the URL the redirect ends at, so the request goes there with the page's own origin.
 * https://fetch.spec.whatwg.org/#http-redirect-fetch step 14
 */
export function avoidRedirectFix(finalUrl: string, credentials: CredentialsMode = 'same-origin'): Fix {
  return {
    target: 'generic',
    tab: PAGE_TAB,
    title: 'In the page: call the final URL, not the redirect',
    language: 'js',
    snippet: `// The cross-origin redirect makes the browser send Origin: null to the next server.\n// Call the URL it redirects to (or have the first server redirect within its own origin):\n${fetchCall(finalUrl, [], credentials)};`,
  };
}

/**
 * For a page whose own origin is opaque (a sandboxed iframe, a data: or file: document) sending
 * credentials: only `Access-Control-Allow-Origin: null` would pass, which every other opaque page
 * sends too, so no server setting is safe; the page must be served from a real origin.
 * https://html.spec.whatwg.org/#concept-origin-opaque
 */
export function opaquePageFix(): Fix {
  return {
    target: 'generic',
    tab: PAGE_TAB,
    title: 'In the page: load it from its own origin',
    language: 'js',
    snippet: [
      "// This page's origin is opaque (a sandboxed iframe, a data: or file: document): the browser sends",
      '// Origin: null, as every other such page does, so credentials from it cannot be allowed safely',
      '// (never allow null on the server). Serve the page over http(s) from a real origin, check it:',
      'console.log(self.origin); // "null" now; once served from its origin, e.g. "https://app.example"',
      '// and allow exactly that origin, with Access-Control-Allow-Credentials: true, on the server.',
      '// A sandboxed iframe keeps its own origin only with sandbox="allow-same-origin ...": for content you trust.',
    ].join('\n'),
  };
}

/**
 * For errors the page must fix: the fetch() change. `credentials`: the request's credentials mode,
 * which the changed call keeps.
 */
export function pageFix(error: CorsError | null, url: string, credentials: CredentialsMode = 'same-origin'): Fix | null {
  switch (error) {
    case 'DisallowedByMode':
      return { target: 'generic', tab: PAGE_TAB, title: "In the page: use mode 'cors'", language: 'js', snippet: `${fetchCall(url, ["mode: 'cors'"], credentials)};`, trap: "mode: 'same-origin' is only for requests to the page's own origin." };
    case 'NoCorsRedirectModeNotFollow':
      return { target: 'generic', tab: PAGE_TAB, title: "In the page: let no-cors follow redirects", language: 'js', snippet: `${fetchCall(url, ["mode: 'no-cors'", "redirect: 'follow'"], credentials)};` };
    case 'CorsDisabledScheme':
      return { target: 'generic', tab: 'Serve over http(s)', title: 'Serve the page and the data over http(s)', language: 'js', snippet: `// Instead of opening the page as file://, serve the folder, e.g.:\n// npx vite   (or: python3 -m http.server 8000)\nfetch('/data.json');` };
    // The Private Network Access codes come from an older Chromium; the fix that holds in Chromium 156
    // (Local Network Access) comes first. The preflight codes' header follows as the generic fix.
    case 'InsecurePrivateNetwork':
      return localNetworkFixes('InsecureLocalNetwork', url, credentials)[0]!;
    case 'InvalidPrivateNetworkAccess':
    case 'UnexpectedPrivateNetworkAccess':
      return targetAddressSpaceFix(url, credentials);
    case 'PrivateNetworkAccessPermissionUnavailable':
    case 'PrivateNetworkAccessPermissionDenied':
      return localNetworkFixes('LocalNetworkAccessPermissionDenied', url, credentials)[0]!;
    case 'PreflightMissingAllowExternal':
    case 'PreflightInvalidAllowExternal':
    case 'PreflightMissingAllowPrivateNetwork':
    case 'PreflightInvalidAllowPrivateNetwork':
    case 'PreflightMissingPrivateNetworkAccessId':
    case 'PreflightMissingPrivateNetworkAccessName': {
      // The preflight reached the server here: the Local Network Access fix's "never reached" does not hold.
      const permission = localNetworkFixes('LocalNetworkAccessPermissionDenied', url, credentials)[0]!;
      return { ...permission, trap: 'In Chromium 156 no preflight header replaces this: the older Chromium that reported the code asked the server, Chromium 156 asks the user.' };
    }
    case 'InsecureLocalNetwork':
    case 'LocalNetworkAccessPermissionDenied':
      return localNetworkFixes(error, url, credentials)[0]!;
    case 'InvalidLocalNetworkAccess':
      return targetAddressSpaceFix(url, credentials);
    case 'InvalidResponse':
      return { target: 'generic', tab: 'Raw response', title: 'Look at the raw response', language: 'js', snippet: `// curl -i -H 'Origin: <page origin>' <url>\n${fetchCall(url, [], credentials)};` };
    default:
      return null;
  }
}
