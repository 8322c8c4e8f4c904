// The probe's pure part: which origins to send, what to send, and what the answers prove. The
// sending is the CLI's (src/cli/probe-*.ts).

export { ARBITRARY_ORIGIN, craftedOrigins, MAX_CRAFTED_ORIGINS, parseNamedOrigin } from './crafted-origins.ts';
export type { CraftedOrigin, ProbeFindingKind } from './crafted-origins.ts';
export { MAX_PROBE_REQUESTS, plannedRequestCount, probePlan } from './plan.ts';
export type { PlannedProbe, PlannedRequest, ProbeRequestSpec } from './plan.ts';
export { probeOutcome } from './outcome.ts';
export type { Grant, ProbeAnswers, ProbeOutcome } from './outcome.ts';
export { probeFindings } from './findings.ts';
export type { ProbeFinding, ProbeSeverity } from './findings.ts';
export { findingText } from './finding-text.ts';
export { probeFixes } from './fix.ts';
