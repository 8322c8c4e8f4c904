// The export's door: writing exchanges out (curl, HAR, Markdown, bundles), redacted, and reading bundles back.

export { createBundle, serializeBundle } from './bundle.ts';
export type { BundleInput } from './bundle.ts';
export { importBundle, rediagnose } from './bundle-import.ts';
export type { VerdictChange } from './bundle-import.ts';
export { BundleLimitError, bundleItemProblem, bundleParts, describeLimits } from './bundle-parts.ts';
export type { BundleChunk, BundleStats } from './bundle-parts.ts';
export { BUNDLE_FORMAT, DEFAULT_BUNDLE_LIMITS, bundleSizeError, formatBundleError, parseBundle, validateBundle } from './bundle-schema.ts';
export type { BundleDiagnosis, BundleExchange, BundleLimits, BundleNote, HeaderSide, NoteTarget } from './bundle-schema.ts';
export { curlExport, curlScriptFor } from './curl-export.ts';
export { probeCommand } from './probe-command.ts';
export { redactUrl } from './redact-text.ts';
export { redactHeaders } from './redact-header.ts';
export { distinctRedactions, redactExchange } from './redact-exchange.ts';
export type { Redaction } from './redaction.ts';
export { curlCommandLines, curlComment, redactionNote } from './curl.ts';
export { diagnosisPage, EMBEDDED_BUNDLE_ID } from './diagnosis-page.ts';
export { diagnosisSummary } from './diagnosis-summary.ts';
export type { DiagnosisSummary } from './diagnosis-summary.ts';
export type { Shell } from './shell-quote.ts';
export { fetchSnippet } from './fetch-snippet.ts';
export { harFromExchanges, serializeHar } from './har-export.ts';
export { markdownReport, markdownReportChunks } from './markdown-report.ts';
export { isCrossOriginExchange, urlContains } from './select.ts';
export { inertJson, showControls } from './visible-controls.ts';
export { causeOf, CauseGroups, groupLine, serverStackHeaders } from './cause-groups.ts';
export { causeTitle } from './cause-title.ts';
export type { Cause, CauseGroup, ServerConfig } from './cause-groups.ts';
