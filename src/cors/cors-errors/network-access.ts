// The address-space checks: Local Network Access (https://wicg.github.io/local-network-access/),
// which Chromium 156 applies, and the Private Network Access codes it no longer produces: an older
// HAR still carries them. Their console templates stay Chromium's; their traps say what no longer
// holds in Chromium 156, where a header the older code asked for does not get the request through.

import type { CorsError } from '../cors-error.ts';
import { type CorsErrorFacts, inFirefox } from './facts.ts';

const lna = { group: 'local-network', consolePreflightPrefix: false, decidedByEngine: true, reasons: [], mustSend: 'nothing', ...inFirefox(null) } as const;
const pna = { group: 'private-network', consolePreflightPrefix: false, decidedByEngine: false, reasons: [], ...inFirefox(null) } as const;
const PNA_PREFLIGHT = 'Private network preflight not allowed';
/** For the PNA preflight codes: the header they asked for helps only the older Chromium that reported them. */
const pnaHeaderTrap = (header: string): string =>
  `${header} satisfies only the older Chromium that reported this code (Private Network Access). Chromium 156 (Local Network Access) sends no private network preflight and reads no such header: it needs an https page and the user's permission for local network access, which no response header replaces.`;
const RFC1918 = "(This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/')";
const insecure = (space: string): string => `The request client is not a secure context and the resource is in more-private address space \`${space}\`.`;
const mismatch = (space: string): string => `Request had a target IP address space of \`${space}\` yet the resource is in address space \`${space}\`.`;
const denied = (space: string): string => `Permission was denied for this request to access the \`${space}\` address space.`;

export const NETWORK_ACCESS_ERRORS = {
  InsecureLocalNetwork: { ...lna, console: (w) => insecure(w.targetSpace), headline: () => 'Local network access from an http page' },
  LocalNetworkAccessPermissionDenied: { ...lna, console: (w) => denied(w.targetSpace), headline: () => 'Local network access denied' },
  // A fetch() whose targetAddressSpace names another space than its server's. Chromium names the
  // space the fetch() declared first; no capture records it, so both are the server's.
  InvalidLocalNetworkAccess: { ...lna, console: (w) => mismatch(w.targetSpace), headline: () => 'Wrong target address space' },

  InsecurePrivateNetwork: { ...pna, mustSend: 'nothing', console: (w) => insecure(w.targetSpace), headline: () => 'Insecure page to private network' },
  PreflightMissingAllowExternal: {
    ...pna,
    consolePreflightPrefix: true,
    mustSend: 'allow-external',
    trap: pnaHeaderTrap('Access-Control-Allow-External: true (the early experiment\'s name for Access-Control-Allow-Private-Network)'),
    console: () => `No 'Access-Control-Allow-External' header was present in the preflight response for this external request ${RFC1918}.`,
    headline: () => PNA_PREFLIGHT,
  },
  PreflightInvalidAllowExternal: {
    ...pna,
    consolePreflightPrefix: true,
    mustSend: 'allow-external',
    trap: pnaHeaderTrap('Access-Control-Allow-External: true (the early experiment\'s name for Access-Control-Allow-Private-Network)'),
    console: (w) => `The 'Access-Control-Allow-External' header in the preflight response for this external request had a value of '${w.hint}',  not 'true' ${RFC1918}.`,
    headline: () => PNA_PREFLIGHT,
  },
  PreflightMissingAllowPrivateNetwork: {
    ...pna,
    consolePreflightPrefix: true,
    mustSend: 'allow-private-network',
    trap: pnaHeaderTrap('Access-Control-Allow-Private-Network: true'),
    console: (w) => `No 'Access-Control-Allow-Private-Network' header was present in the preflight response for this private network request targeting the \`${w.targetSpace}\` address space.`,
    headline: () => PNA_PREFLIGHT,
  },
  PreflightInvalidAllowPrivateNetwork: {
    ...pna,
    consolePreflightPrefix: true,
    mustSend: 'allow-private-network',
    trap: pnaHeaderTrap('Access-Control-Allow-Private-Network: true'),
    console: (w) =>
      `The 'Access-Control-Allow-Private-Network' header in the preflight response for this private network request targeting the \`${w.targetSpace}\` address space had a value of '${w.hint}',  not 'true'.`,
    headline: () => PNA_PREFLIGHT,
  },
  InvalidPrivateNetworkAccess: {
    ...pna,
    mustSend: 'nothing',
    console: (w) => mismatch(w.targetSpace),
    headline: () => 'Wrong target address space',
  },
  UnexpectedPrivateNetworkAccess: {
    ...pna,
    mustSend: 'nothing',
    console: (w) => `Request had no target IP address space, yet the resource is in address space \`${w.targetSpace}\`.`,
    headline: () => 'Wrong target address space',
  },
  PreflightMissingPrivateNetworkAccessId: {
    ...pna,
    mustSend: 'private-network-access-id',
    trap: pnaHeaderTrap('Private-Network-Access-Id (with Private-Network-Access-Name)'),
    console: (w) => `No 'Private-Network-Access-Id' header was present in the preflight response for this private network request targeting the \`${w.targetSpace}\` address space.`,
    headline: () => 'Missing Private-Network-Access-Id',
  },
  PreflightMissingPrivateNetworkAccessName: {
    ...pna,
    mustSend: 'private-network-access-name',
    trap: pnaHeaderTrap('Private-Network-Access-Name (with Private-Network-Access-Id)'),
    console: (w) => `No 'Private-Network-Access-Name' header was present in the preflight response for this private network request targeting the \`${w.targetSpace}\` address space.`,
    headline: () => 'Missing Private-Network-Access-Name',
  },
  PrivateNetworkAccessPermissionUnavailable: {
    ...pna,
    mustSend: 'nothing',
    console: (w) => `Unable to ask for permission to access the \`${w.targetSpace}\` IP address space.`,
    headline: () => 'Local network permission unavailable',
  },
  PrivateNetworkAccessPermissionDenied: { ...pna, mustSend: 'nothing', console: (w) => denied(w.targetSpace), headline: () => 'Local network access denied' },
} satisfies Partial<Record<CorsError, CorsErrorFacts>>;
