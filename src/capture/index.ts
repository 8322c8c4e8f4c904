// The capture's door: what the browser and HAR files show, mapped to the engine's exchanges.

export type { CaptureSettings, CaptureStatus, CapturedExchange, PreciseAvailability } from './captured-exchange.ts';
export { CaptureStore, captureDeltaJson, capturedJson, DEFAULT_SETTINGS, jsonWithExchangeTexts, startsNavigation } from './capture-store.ts';
export type { BrowserVerdictReport, CaptureDelta, TabChange } from './capture-store.ts';
export { exchangesFromEntries } from './exchanges-from-entries.ts';
export { HarEntryReader, HarError, MAX_HEADER_LINE_LENGTH, MAX_URL_LENGTH, entriesFromHar, exchangesFromHar, mapHar } from './har.ts';
export type { HarEntries } from './har.ts';
export { urlAsSent } from './url-as-sent.ts';
export { detailsFromFirefox } from './firefox-web-request.ts';
export { firstHeader } from './header-lookup.ts';
export { FIREFOX_REQUESTS_FIELD } from './har-firefox.ts';
export type { WebRequestEventName } from './web-request.ts';
export { forgetHopOrigins } from './web-request.ts';
export { forgetRequestedHeaderLists } from './requested-header-names.ts';
export { eventFromDetails } from './web-request-details.ts';
export type { WebRequestDetails } from './web-request-details.ts';
export { browserVerdictsFromCdp } from './web-request-verdicts.ts';
export type { CdpNetworkEvent } from './web-request-verdicts.ts';
export type { LocalNetworkFacts } from './local-network-issues.ts';
