// S3 bucket CORS configuration. https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html

import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, privateNetworkWords, replacedNote } from './context.ts';
import { allowedOrigins } from '../policy.ts';

// S3 accepts only these in AllowedMethods.
const S3_METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']);

export function awsS3Fix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const rule = {
    AllowedOrigins: allowedOrigins(p),
    AllowedMethods: [...new Set((p.keptMethods ?? ['GET', 'HEAD', ...p.methods]).filter((m) => S3_METHODS.has(m)))],
    AllowedHeaders: p.headers,
    ExposeHeaders: p.expose,
    MaxAgeSeconds: p.maxAge ?? 600,
  };
  // JSON.stringify escapes every value: a hostile origin cannot leave its string.
  const snippet = JSON.stringify({ CORSRules: [rule] }, null, 2);
  const traps = [
    'aws s3api put-bucket-cors --bucket BUCKET --cors-configuration file://cors.json; the S3 console takes only the array inside CORSRules. S3 adds CORS headers only when the request has an Origin header and a rule matches it; behind CloudFront, forward the Origin header (and cache on it), or a cached response without CORS headers is served.',
    note,
    privateNetworkWords(ctx, "S3's bucket CORS configuration", false),
    errorTrap(ctx),
  ].filter((t): t is string => t !== null);
  return { target: 'aws-s3', title: 'S3: bucket CORS configuration', language: 'json', snippet, trap: traps.join(' ') };
}
