// What the DevTools protocol says about Local Network Access for each request, beyond the verdict:
// the page's address space and secure context (`Network.ClientSecurityState`), the server's address
// space as Chromium judged it, and whether the page's fetch() named a `targetAddressSpace` the
// server was not in. https://wicg.github.io/local-network-access/
//
// Two sources, by request id:
// - `Network.requestWillBeSentExtraInfo.clientSecurityState`, sent only for a request that reached
//   the wire (a request Local Network Access refused may have none);
// - the `Audits.issueAdded` CORS issue (`corsIssueDetails`: `request.requestId`, `corsErrorStatus`,
//   `clientSecurityState`, `resourceIPAddressSpace`), sent for a refused request too.
// Chromium 156 also raises a `LocalNetworkAccessPermissionDenied` issue for requests it then lets
// through (the permission granted), so an issue's CorsError is never read as the verdict; only
// `InvalidLocalNetworkAccess`, raised only for a fetch() whose targetAddressSpace did not match,
// is read, as that fact.

import type { ObservedExchange } from '../cors/index.ts';
import type { CdpEvent } from './devtools-protocol.ts';

type AddressSpace = 'loopback' | 'local' | 'public';

/** Local Network Access facts about one request, as far as the protocol said them. */
export interface LocalNetworkFacts {
  initiatorAddressSpace?: AddressSpace;
  initiatorSecureContext?: boolean;
  /** The server's address space (`resourceIPAddressSpace`); the issue names no hop, so the URL it names. */
  targetAddressSpace?: { url: string; space: AddressSpace };
  targetAddressSpaceMismatch?: true;
}

/** `Network.IPAddressSpace` (`Private` was `Local`'s name before Chromium renamed it); `Unknown` says nothing. */
const ADDRESS_SPACES: Readonly<Record<string, AddressSpace>> = { Loopback: 'loopback', Local: 'local', Private: 'local', Public: 'public' };

interface ClientSecurityState {
  initiatorIsSecureContext?: unknown;
  initiatorIPAddressSpace?: unknown;
}

interface CorsIssueDetails {
  corsErrorStatus?: { corsError?: unknown };
  request?: { requestId?: unknown; url?: unknown };
  resourceIPAddressSpace?: unknown;
  clientSecurityState?: ClientSecurityState;
}

/** The address space a protocol value names, or undefined (`Unknown`, absent, anything else). */
function addressSpaceFromCdp(value: unknown): AddressSpace | undefined {
  return typeof value === 'string' ? ADDRESS_SPACES[value] : undefined;
}

function readSecurityState(facts: LocalNetworkFacts, state: ClientSecurityState | undefined): void {
  if (state === undefined || state === null || typeof state !== 'object') return;
  const space = addressSpaceFromCdp(state.initiatorIPAddressSpace);
  if (space !== undefined) facts.initiatorAddressSpace = space;
  if (typeof state.initiatorIsSecureContext === 'boolean') facts.initiatorSecureContext = state.initiatorIsSecureContext;
}

/** The CORS issue's details, when `event` is an `Audits.issueAdded` CORS issue naming a request. */
function corsIssue(event: CdpEvent): (CorsIssueDetails & { request: { requestId: string } }) | null {
  if (event.method !== 'Audits.issueAdded') return null;
  const issue = (event.params as { issue?: { code?: unknown; details?: { corsIssueDetails?: CorsIssueDetails } } } | null)?.issue;
  const details = issue?.code === 'CorsIssue' ? issue.details?.corsIssueDetails : undefined;
  if (details === undefined || typeof details.request?.requestId !== 'string') return null;
  return details as CorsIssueDetails & { request: { requestId: string } };
}

/** Adds what `event` says about a request's Local Network Access to `byId`; false when it says nothing. */
export function addLocalNetworkFacts(byId: Map<string, LocalNetworkFacts>, event: CdpEvent): boolean {
  const factsOf = (id: string): LocalNetworkFacts => {
    let facts = byId.get(id);
    if (facts === undefined) byId.set(id, (facts = {}));
    return facts;
  };
  if (event.method === 'Network.requestWillBeSentExtraInfo') {
    const p = event.params as { requestId?: unknown; clientSecurityState?: ClientSecurityState } | null;
    if (typeof p?.requestId !== 'string' || p.clientSecurityState === undefined) return false;
    readSecurityState(factsOf(p.requestId), p.clientSecurityState);
    return true;
  }
  const issue = corsIssue(event);
  if (issue === null) return false;
  const facts = factsOf(issue.request.requestId);
  readSecurityState(facts, issue.clientSecurityState);
  const target = addressSpaceFromCdp(issue.resourceIPAddressSpace);
  if (target !== undefined && typeof issue.request.url === 'string') facts.targetAddressSpace = { url: issue.request.url, space: target };
  if (issue.corsErrorStatus?.corsError === 'InvalidLocalNetworkAccess') facts.targetAddressSpaceMismatch = true;
  return true;
}

/** The Local Network Access facts of each request id the events say something about. */
export function localNetworkFactsByRequest(events: readonly CdpEvent[]): Map<string, LocalNetworkFacts> {
  const byId = new Map<string, LocalNetworkFacts>();
  for (const event of events) addLocalNetworkFacts(byId, event);
  return byId;
}

/**
 * `exchange` with what `facts` say: the page's space and secure context where the exchange does
 * not say them already, a mismatched targetAddressSpace, and the server's space on the last hop
 * with the URL the protocol named.
 */
export function withLocalNetworkFacts(exchange: ObservedExchange, facts: LocalNetworkFacts): ObservedExchange {
  const request = { ...exchange.request };
  if (facts.initiatorAddressSpace !== undefined) request.initiatorAddressSpace ??= facts.initiatorAddressSpace;
  if (facts.initiatorSecureContext !== undefined) request.initiatorSecureContext ??= facts.initiatorSecureContext;
  if (facts.targetAddressSpaceMismatch) request.targetAddressSpaceMismatch = true;
  const target = facts.targetAddressSpace;
  const at = target === undefined ? -1 : exchange.hops.map((h) => h.url).lastIndexOf(target.url);
  const hops = target === undefined || at < 0 ? exchange.hops : exchange.hops.map((h, i) => (i === at ? { ...h, targetAddressSpace: target.space } : h));
  return { ...exchange, request, hops };
}

/** The facts `withLocalNetworkFacts` put into `exchange`, read back; undefined when it holds none. */
export function localNetworkFactsOf(exchange: ObservedExchange): LocalNetworkFacts | undefined {
  const facts: LocalNetworkFacts = {};
  const { initiatorAddressSpace, initiatorSecureContext, targetAddressSpaceMismatch } = exchange.request;
  if (initiatorAddressSpace !== undefined) facts.initiatorAddressSpace = initiatorAddressSpace;
  if (initiatorSecureContext !== undefined) facts.initiatorSecureContext = initiatorSecureContext;
  if (targetAddressSpaceMismatch === true) facts.targetAddressSpaceMismatch = true;
  const hop = [...exchange.hops].reverse().find((h) => h.targetAddressSpace !== undefined);
  if (hop?.targetAddressSpace !== undefined) facts.targetAddressSpace = { url: hop.url, space: hop.targetAddressSpace };
  return Object.keys(facts).length === 0 ? undefined : facts;
}
