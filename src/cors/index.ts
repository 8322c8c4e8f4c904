// The engine's public API.

export type * from './exchange.ts';
export type * from './diagnosis.ts';
export type { CorsError } from './cors-error.ts';
export { CORS_ERRORS, isCorsError } from './cors-error.ts';
export type * from './explain/explanation.ts';
export { diagnose, diagnoseVerdict } from './diagnose.ts';
export type { VerdictOnly } from './diagnose.ts';
export type { BrowserRules } from './browser-rules.ts';
export { CHROMIUM_RULES } from './browser-rules.ts';
export { isRequestMode } from './request-mode.ts';
export { explain } from './explain/explain.ts';
export { preflightCacheCovers } from './preflight-cache.ts';
export type { PreflightCacheEntry, CachedRequest } from './preflight-cache.ts';
export { serializeOrigin, isSameOrigin, originDifferences } from './origin.ts';
