// Fixes in the order people need them: the detected stacks', then the raw headers, then the
// dev-proxy alternatives. Errors only the page can fix get the page change only.

import type { CredentialsMode } from '../../exchange.ts';
import type { Fix, ServerStack } from '../explanation.ts';
import { apacheFix } from './apache.ts';
import { aspnetFix } from './aspnet.ts';
import { awsApiGatewayFixes } from './aws-api-gateway.ts';
import { awsS3Fix } from './aws-s3.ts';
import { caddyFix } from './caddy.ts';
import { cloudflareFix } from './cloudflare.ts';
import { cloudfrontFix } from './cloudfront.ts';
import { type FixContext, isPolicyError } from './context.ts';
import { devProxyFixes } from './dev-proxy.ts';
import { djangoFix } from './django.ts';
import { expressFix } from './express.ts';
import { fastifyFix } from './fastify.ts';
import { flaskFix } from './flask.ts';
import { avoidRedirectFix, genericFix, opaquePageFix, pageFix } from './generic.ts';
import { goJub0bsCorsFix, goRsCorsFix } from './go.ts';
import { honoFix } from './hono.ts';
import { iisFix } from './iis.ts';
import { koaFix } from './koa.ts';
import { laravelFix } from './laravel.ts';
import { isLocalNetworkError, localNetworkFixes } from './local-network.ts';
import { nestjsFix } from './nestjs.ts';
import { nextjsFix } from './nextjs.ts';
import { nginxFix } from './nginx.ts';
import { railsFix } from './rails.ts';
import { springFix } from './spring.ts';
import { vercelFix } from './vercel.ts';
import { memo } from '../memo.ts';

export type { FixContext } from './context.ts';

const STACK_FIXES: Record<ServerStack, (ctx: FixContext) => Fix[]> = {
  express: (c) => [expressFix(c)],
  fastify: (c) => [fastifyFix(c)],
  django: (c) => [djangoFix(c)],
  flask: (c) => [flaskFix(c)],
  spring: (c) => [springFix(c)],
  aspnet: (c) => [aspnetFix(c)],
  iis: (c) => [iisFix(c)],
  nginx: (c) => [nginxFix(c)],
  apache: (c) => [apacheFix(c)],
  caddy: (c) => [caddyFix(c)],
  'aws-s3': (c) => [awsS3Fix(c)],
  'aws-api-gateway': (c) => awsApiGatewayFixes(c),
  koa: (c) => [koaFix(c)],
  hono: (c) => [honoFix(c)],
  nestjs: (c) => [nestjsFix(c)],
  nextjs: (c) => [nextjsFix(c)],
  rails: (c) => [railsFix(c)],
  laravel: (c) => [laravelFix(c)],
  'go-rs-cors': (c) => [goRsCorsFix(c)],
  'go-jub0bs-cors': (c) => [goJub0bsCorsFix(c)],
  cloudflare: (c) => [cloudflareFix(c)],
  cloudfront: (c) => [cloudfrontFix(c)],
  vercel: (c) => [vercelFix(c)],
};

/**
 * The front layers whose fix replaces an Access-Control-Allow-Origin the server behind them sends
 * (nginx proxy_hide_header, Apache Header unset, Caddy defer, a Worker's headers.set, CloudFront's
 * OriginOverride: true): put in front of an app that sends one too, each alone leaves a single copy.
 * Proven on the real servers in test/fix-proof/ (nginx, Apache); CloudFront's from AWS's own words
 * for OriginOverride (fixes/cloudfront.ts).
 */
export const REPLACES_BACKEND_COPY: ReadonlySet<ServerStack> = new Set(['nginx', 'apache', 'caddy', 'cloudflare', 'cloudfront']);

/** Every stack fix, in a fixed order (for callers that let people pick their stack). */
export const ALL_STACKS: ServerStack[] = Object.keys(STACK_FIXES) as ServerStack[];

export function stackFixes(stack: ServerStack, ctx: FixContext): Fix[] {
  return STACK_FIXES[stack](ctx);
}

/** The page's credentials mode, which a page-side fix's fetch() call keeps (`FixContext.pageCredentials`). */
function pageCredentials(ctx: FixContext): CredentialsMode {
  return ctx.pageCredentials ?? 'same-origin';
}

export function buildFixes(stacks: readonly ServerStack[], ctx: FixContext, url: string): Fix[] {
  // Local Network Access: no header helps; every way through is the page's or the user's.
  if (isLocalNetworkError(ctx.error)) return localNetworkFixes(ctx.error, url, pageCredentials(ctx));
  const page = pageFix(ctx.error, url, pageCredentials(ctx));
  if (!isPolicyError(ctx.error)) {
    // Private-network headers and redirect Location fixes are plain headers: the generic fix.
    const generic = genericFix(ctx);
    return [page, generic].filter((f): f is Fix => f !== null);
  }
  // Origin: null after a cross-origin redirect, with credentials: no value the server may send
  // passes but null, which no fix advises. Without credentials `*` does, and so does avoiding it.
  if (ctx.policy.originTainted && ctx.policy.credentials) return [avoidRedirectFix(url, pageCredentials(ctx))];
  // The same from a page whose own origin is opaque: it needs a real origin.
  if (ctx.policy.originOpaque && ctx.policy.credentials) return [opaquePageFix()];
  const generic = genericFix(ctx);
  return [
    ...stacks.flatMap((s) => stackFixes(s, ctx)),
    ...(generic ? [generic] : []),
    ...(ctx.policy.originTainted ? [avoidRedirectFix(url, pageCredentials(ctx))] : []),
    ...devProxyFixes(ctx),
  ];
}

/**
 * `buildFixes(stacks, ctx, url)[0] ?? null`, building only that fix: the JSON output carries just
 * the first, and each fix is a snippet of some size. Same order as `buildFixes`.
 */
export function firstFix(stacks: readonly ServerStack[], ctx: FixContext, url: string): Fix | null {
  if (!isPolicyError(ctx.error)) return pageFix(ctx.error, url, pageCredentials(ctx)) ?? genericFix(ctx);
  if (ctx.policy.originTainted && ctx.policy.credentials) return avoidRedirectFix(url, pageCredentials(ctx));
  if (ctx.policy.originOpaque && ctx.policy.credentials) return opaquePageFix();
  const key = `${stacks.length};${stacks.join(',')};${ctx.error};${String(ctx.errorStatus)};${JSON.stringify(ctx.policy, withoutTarget)};${JSON.stringify(ctx.mustSend)};${ctx.originVaries === true ? 'vary' : '-'};${ctx.iisInFrontOf ?? '-'};${ctx.notModified === true ? '304' : '-'};${ctx.corsOnRefusedPreflight === true ? 'refused-with-cors' : '-'};${ctx.awsEntry ?? '-'};${ctx.pageCredentials ?? '-'};${ctx.preflightRedirected === true ? 'redirected' : '-'};${ctx.corsSentBy?.join(',') ?? '-'};${ctx.corsMaybeSentBy?.join(',') ?? '-'}`;
  return FIRST_POLICY_FIXES(key, () => firstPolicyFix(stacks, ctx)) ?? devProxyFixes(ctx)[0] ?? null;
}

// A log's blocked requests fail in a few ways on a few servers: each distinct first fix is built
// once. The stacks' and the generic fix read the context and nothing else, and of the policy all
// but the target URL, which only the dev-proxy fixes read (left out of the key, and of the memo).
const FIRST_POLICY_FIXES = memo<Fix | null>(1024);

function withoutTarget(key: string, value: unknown): unknown {
  return key === 'targetOrigin' || key === 'targetPath' ? undefined : value;
}

/** The first stack fix, else the generic one: `firstFix` for a policy error, short of the redirect and dev-proxy fixes. */
function firstPolicyFix(stacks: readonly ServerStack[], ctx: FixContext): Fix | null {
  for (const stack of stacks) {
    const fixes = stackFixes(stack, ctx);
    if (fixes.length > 0) return fixes[0]!;
  }
  return genericFix(ctx);
}
