// CloudFront: a response headers policy whose CORS configuration CloudFront adds to the answers it
// sends (OriginOverride: its lines replace the origin's), and, when the origin's answer varies by
// Origin, a cache policy that keys the cache on Origin. CloudFormation's names, as documented:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-responseheaderspolicy-corsconfig.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-cachepolicy-headersconfig.html

import type { Fix } from '../explanation.ts';
import { allowedOrigins, fixMethods } from '../policy.ts';
import { type FixContext, errorTrap, privateNetworkWords, replacedNote } from './context.ts';
import { joinTraps } from './js-list.ts';

/** The methods a CorsConfig's AccessControlAllowMethods takes (ALL aside). */
const CLOUDFRONT_METHODS: ReadonlySet<string> = new Set(['GET', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);

/**
 * Which copy of the CORS lines the browser gets when the server behind CloudFront sends its own:
 * OriginOverride decides (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ResponseHeadersPolicyCorsConfig.html:
 * "whether CloudFront overrides HTTP response headers received from the origin with the ones
 * specified in this response headers policy").
 */
const ORIGIN_OVERRIDE =
  "OriginOverride: true makes these lines replace the CORS lines the server behind CloudFront sends: the browser gets one copy of each, CloudFront's, and the server's own CORS setup no longer reaches it through this behavior (remove it there, or keep it only for callers that reach the server directly). With false, wherever the server sends a line CloudFront keeps the server's, and the server's failing answer would still win.";

export function cloudfrontFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const wanted = [...new Set([...fixMethods(p), 'OPTIONS'])];
  const methods = wanted.filter((m) => CLOUDFRONT_METHODS.has(m));
  const leftOut = wanted.filter((m) => !CLOUDFRONT_METHODS.has(m));
  const cors = {
    AccessControlAllowOrigins: { Items: allowedOrigins(p) },
    // Items is required: with no request header to allow, the wildcard (no header is asked for).
    AccessControlAllowHeaders: { Items: p.headers.length > 0 ? p.headers : ['*'] },
    AccessControlAllowMethods: { Items: methods },
    AccessControlAllowCredentials: p.credentials,
    ...(p.expose.length > 0 ? { AccessControlExposeHeaders: { Items: p.expose } } : {}),
    AccessControlMaxAgeSec: p.maxAge ?? 600,
    // CloudFront's lines replace the origin's: one copy, whatever the origin sends.
    OriginOverride: true,
  };
  const resources: Record<string, unknown> = {
    CorsHeadersPolicy: {
      Type: 'AWS::CloudFront::ResponseHeadersPolicy',
      Properties: { ResponseHeadersPolicyConfig: { Name: 'api-cors', CorsConfig: cors } },
    },
  };
  if (ctx.originVaries === true) {
    resources['OriginKeyedCachePolicy'] = {
      Type: 'AWS::CloudFront::CachePolicy',
      Properties: {
        CachePolicyConfig: {
          Name: 'api-cache-by-origin',
          // Cached only as long as the origin's Cache-Control says.
          MinTTL: 0,
          DefaultTTL: 0,
          MaxTTL: 31536000,
          ParametersInCacheKeyAndForwardedToOrigin: {
            EnableAcceptEncodingGzip: true,
            EnableAcceptEncodingBrotli: true,
            HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Origin'] },
            CookiesConfig: { CookieBehavior: p.credentials ? 'all' : 'none' },
            QueryStringsConfig: { QueryStringBehavior: 'all' },
          },
        },
      },
    };
  }
  const note = replacedNote(p);
  const allowed = wanted.some((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m)) ? 'all seven methods (GET, HEAD, OPTIONS, PUT, POST, PATCH, DELETE)' : 'GET, HEAD, OPTIONS';
  const trap = [
    `Attach it to the distribution's cache behavior for this path (ResponseHeadersPolicyId: {"Ref": "CorsHeadersPolicy"}), and let that behavior allow ${allowed}: a method the behavior does not allow is refused by CloudFront itself (403) before any policy or origin sees it.`,
    ORIGIN_OVERRIDE,
    ...(ctx.originVaries === true ? ['The origin varies its answer by Origin (Vary: Origin): set the behavior\'s CachePolicyId to {"Ref": "OriginKeyedCachePolicy"}, so CloudFront does not serve one origin\'s cached answer to another.'] : []),
    'With the AWS CLI (aws cloudfront create-response-headers-policy), the same CorsConfig takes a Quantity beside each Items list.',
    ...(leftOut.length > 0 ? [`Left out (CloudFront allows only GET, HEAD, OPTIONS, PUT, POST, PATCH, DELETE or ALL): ${leftOut.join(', ')}; answer those from the origin.`] : []),
    ...(note === null ? [] : [note]),
    ...[privateNetworkWords(ctx, "The response headers policy's CORS configuration", false)].filter((w): w is string => w !== null),
  ].join(' ');
  return {
    target: 'cloudfront',
    title: ctx.originVaries === true ? 'CloudFront: a response headers policy with CORS, and a cache policy keyed on Origin' : 'CloudFront: a response headers policy with CORS',
    language: 'json',
    snippet: JSON.stringify({ Resources: resources }, null, 2),
    trap: joinTraps(trap, errorTrap(ctx)),
  };
}
