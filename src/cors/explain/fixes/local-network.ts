// Fixes for a request Local Network Access refused (https://wicg.github.io/local-network-access/):
// no response header can fix it, so every fix is on the page's side or the user's. The browser is
// never to be weakened for users: the flag and the policy are named for development only.

import type { CorsError } from '../../cors-error.ts';
import type { CredentialsMode } from '../../exchange.ts';
import { addressSpaceOfUrl } from '../../local-network-access.ts';
import type { Fix } from '../explanation.ts';
import { fetchCall } from './fetch-call.ts';

/** The words for the target's address space, and the `targetAddressSpace` value that names it. */
function targetOf(url: string): { space: 'loopback' | 'local'; words: string } {
  return addressSpaceOfUrl(url)?.space === 'loopback'
    ? { space: 'loopback', words: 'this device (loopback)' }
    : { space: 'local', words: 'the local network' };
}

/** Whether `error` is one of Local Network Access's refusals. */
export function isLocalNetworkError(error: CorsError | null): error is 'InsecureLocalNetwork' | 'LocalNetworkAccessPermissionDenied' {
  return error === 'InsecureLocalNetwork' || error === 'LocalNetworkAccessPermissionDenied';
}

/**
 * The fixes for a Local Network Access refusal of a request to `url`, most useful first;
 * `credentials`: the page's call's credentials mode, kept in the calls shown.
 */
export function localNetworkFixes(error: 'InsecureLocalNetwork' | 'LocalNetworkAccessPermissionDenied', url: string, credentials: CredentialsMode = 'same-origin'): Fix[] {
  const call = fetchCall(url, [], credentials);
  const target = targetOf(url);
  const secure: Fix =
    error === 'InsecureLocalNetwork'
      ? {
          target: 'generic',
          title: 'Serve the page over HTTPS, then let the user allow local network access',
          tab: 'HTTPS + permission',
          language: 'js',
          snippet: `// An http:// page may never reach ${target.words}. From an https:// page (a secure context) the\n// browser asks the user once; after they allow it, the same call goes through:\n${call};`,
          trap: 'No CORS header fixes this: the browser refuses before sending the request, so the server never sees it.',
        }
      : {
          target: 'generic',
          title: 'Have the user allow local network access for this site',
          tab: 'Permission',
          language: 'js',
          snippet: `// The user must answer "Allow" to the browser's prompt (or allow "Local network access" in the\n// site settings), then retry. Call it from a user action, so the prompt makes sense to them:\nbutton.addEventListener('click', () => ${call});`,
          trap: 'No CORS header fixes this: the request never reached the server.',
        };
  // targetAddressSpace neither makes a page secure nor grants the permission (local-network-*.json:
  // naming the server's real space changes nothing); what it adds is that an https:// page may call an
  // http:// device at a private address without the mixed-content block. A loopback URL is never mixed
  // content (http://localhost, http://127.0.0.1 are potentially trustworthy), so it has nothing to add there.
  const declared: Fix[] =
    target.space === 'local'
      ? [
          {
            target: 'generic',
            title: 'From the https page: name the address space for an http:// device (targetAddressSpace)',
            tab: 'targetAddressSpace',
            language: 'js',
            snippet: `// From an https:// page, an http:// URL on ${target.words} is mixed content unless fetch()\n// names its address space. This does not replace the user's permission, nor an https page.\n${fetchCall(url, [`targetAddressSpace: '${target.space}'`], credentials)};`,
          },
        ]
      : [];
  return [
    secure,
    ...declared,
    {
      target: 'generic',
      title: 'From an iframe: the embedding page must delegate the permission',
      tab: 'iframe allow',
      language: 'js',
      snippet: `// In the embedding page (a cross-origin iframe may not ask without it):\n// <iframe src="..." allow="local-network-access"></iframe>, or the narrower tokens Chromium 156\n// also knows: allow="${target.space === 'loopback' ? 'loopback-network' : 'local-network'}".\nconst frame = document.createElement('iframe');\nframe.allow = 'local-network-access';`,
    },
    {
      target: 'generic',
      title: 'For development only: turn the check off in your own browser',
      tab: 'Development only',
      language: 'js',
      snippet:
        "// Only on a developer's own machine, never asked of users: chrome://flags/#local-network-access-check\n" +
        '// (Disabled), or for managed test browsers the LocalNetworkAccessAllowedForUrls policy.\n' +
        '// Access-Control-Allow-Private-Network: true (what the older Private Network Access preflight asked for)\n' +
        '// changes nothing here: Chromium 156 ignores it.',
      trap: 'Never tell users to change a flag or a policy: it weakens the browser for every site.',
    },
  ];
}

/** `InvalidLocalNetworkAccess`: the fetch() option named another address space than its server's. */
export function targetAddressSpaceFix(url: string, credentials: CredentialsMode = 'same-origin'): Fix {
  const target = targetOf(url);
  return {
    target: 'generic',
    title: "In the page: give targetAddressSpace the server's real address space",
    tab: 'targetAddressSpace',
    language: 'js',
    snippet: `// The server is on ${target.words}: name that space, or leave the option out.\n${fetchCall(url, [`targetAddressSpace: '${target.space}'`], credentials)};`,
    trap: 'No CORS header fixes this: the browser refuses before sending the request.',
  };
}
