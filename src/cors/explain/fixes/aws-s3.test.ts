import { describe, expect, it } from 'vitest';
import { awsS3Fix } from './aws-s3.ts';
import { contextFor } from './test-context.ts';

describe('awsS3Fix', () => {
  it.each([
    [{}, { AllowedOrigins: ['http://127.0.0.1:5173'], AllowedMethods: ['GET', 'HEAD', 'PUT'], AllowedHeaders: ['content-type', 'x-trace'], ExposeHeaders: [], MaxAgeSeconds: 600 }],
    [{ method: 'PATCH' }, { AllowedMethods: ['GET', 'HEAD'] }], // S3 has no PATCH
  ] as const)('%j', (opts, rule) => {
    const fix = awsS3Fix(contextFor(opts));
    expect(JSON.parse(fix.snippet)).toMatchObject({ CORSRules: [rule] });
    expect(fix.trap).toContain('put-bucket-cors');
  });
});
