// The explanation for a Private Network Access code (https://wicg.github.io/private-network-access/),
// which only an older Chromium reports: Chromium 156 replaced Private Network Access with Local
// Network Access (https://wicg.github.io/local-network-access/). Each text says what the older
// browser asked for, then what Chromium 156 does with the same request, as the recorded
// local-network-*.json scenarios show: no preflight header gets it through, only an https page and
// the user's permission; and targetAddressSpace now has other names ('local' no longer means
// this device).

import type { CorsError } from '../cors-error.ts';
import { addressSpaceOfUrl } from '../local-network-access.ts';

export type PrivateNetworkError = Extract<
  CorsError,
  | 'PreflightMissingAllowExternal'
  | 'PreflightInvalidAllowExternal'
  | 'PreflightMissingAllowPrivateNetwork'
  | 'PreflightInvalidAllowPrivateNetwork'
  | 'PreflightMissingPrivateNetworkAccessId'
  | 'PreflightMissingPrivateNetworkAccessName'
  | 'InsecurePrivateNetwork'
  | 'InvalidPrivateNetworkAccess'
  | 'UnexpectedPrivateNetworkAccess'
  | 'PrivateNetworkAccessPermissionUnavailable'
  | 'PrivateNetworkAccessPermissionDenied'
>;

const NOW =
  ' Chromium 156 no longer gives this code: Local Network Access replaced Private Network Access, and under it no header on the server gets the request through: the page must be served over https and the user must allow local network access for the site (a cross-origin iframe also needs allow="local-network-access").';

/** `'loopback'` for a URL on this device, `'local'` otherwise: the targetAddressSpace that names the server in Chromium 156. */
function targetSpaceOf(url: string): 'loopback' | 'local' {
  return addressSpaceOfUrl(url)?.space === 'loopback' ? 'loopback' : 'local';
}

/** `value`: the header's value when Chromium reported an invalid one (failedParameter). */
export function privateNetworkText(error: PrivateNetworkError, url: string, value: string): string {
  const older = `Chromium reported ${error}, a Private Network Access code: this capture comes from an older Chromium.`;
  const got = (header: string): string => (error.includes('Invalid') ? `; it got ${header}: '${value}'` : `; the answer had no ${header}`);
  switch (error) {
    case 'PreflightMissingAllowExternal':
    case 'PreflightInvalidAllowExternal':
      return `${older} In an early experiment (CORS-RFC1918) it sent a preflight before a page's request to a more private network (${url}) and required Access-Control-Allow-External: true in the answer${got('Access-Control-Allow-External')}. Later versions renamed it Access-Control-Allow-Private-Network.${NOW}`;
    case 'PreflightMissingAllowPrivateNetwork':
    case 'PreflightInvalidAllowPrivateNetwork':
      return `${older} Before a page's request to a more private network (${url}) it sent a preflight with Access-Control-Request-Private-Network: true, and required Access-Control-Allow-Private-Network: true (with the usual CORS headers) in the answer${got('Access-Control-Allow-Private-Network')}. That header satisfies only such older versions.${NOW}`;
    case 'PreflightMissingPrivateNetworkAccessId':
    case 'PreflightMissingPrivateNetworkAccessName':
      return `${older} Its permission prompt for a device on the private network (${url}) required the device to name itself in the preflight answer with Private-Network-Access-Id and Private-Network-Access-Name.${NOW}`;
    case 'InsecurePrivateNetwork':
      return `${older} The page is not a secure context (not https) and asked a more private address (${url}), which it refused before sending the request. Chromium 156 refuses it too (InsecureLocalNetwork): serve the page over https, and the user must then allow local network access when asked; no header on the server changes that.`;
    case 'InvalidPrivateNetworkAccess':
    case 'UnexpectedPrivateNetworkAccess': {
      const space = targetSpaceOf(url);
      const declared =
        error === 'InvalidPrivateNetworkAccess'
          ? "The page's fetch() gave a targetAddressSpace option that did not match where the server is"
          : "The page's fetch() gave no targetAddressSpace, yet the server was in a more private address space than that browser let the request reach without one";
      return `${older} ${declared} (${url}). The option's values changed with Local Network Access: Private Network Access called this device 'local' and the local network 'private'; Chromium 156 calls them 'loopback' and 'local' (and refuses 'local' for a server on this device). Give the server's space in Chromium 156's words ('${space}' here), or leave the option out.`;
    }
    case 'PrivateNetworkAccessPermissionUnavailable':
    case 'PrivateNetworkAccessPermissionDenied': {
      const what = error === 'PrivateNetworkAccessPermissionDenied' ? 'the permission was denied' : 'the permission could not be asked for (an insecure page, or an iframe not allowed to ask)';
      return `${older} The page asked to reach a device on the local network (${url}) and ${what}. Chromium 156 asks for the same permission under Local Network Access (LocalNetworkAccessPermissionDenied when refused): the page must be served over https, a cross-origin iframe needs allow="local-network-access", and the user must allow local network access for the site; the server cannot change that.`;
    }
  }
}
