// Formats inside other formats: XML in a JSON string (a SOAP envelope logged by a client), JSON in
// a header value (logged headers forwarded by a proxy). Each is read as what it is, so its own rules
// (sibling-named values, CDATA, pairs of [name, value]) apply there too.

import { describe, expect, it } from 'vitest';
import type { Redaction } from './redaction.ts';
import { redactBody } from './redact-body.ts';
import { redactHeader } from './redact-header.ts';

describe('formats inside formats', () => {
  it('XML in a JSON string', () => {
    const found: Redaction[] = [];
    const xml = '<a><password><![CDATA[hunter2]]></password><member><name>secret</name><value>s3</value></member></a>';
    const out = JSON.parse(redactBody(JSON.stringify({ xml, n: 1 }), found, 'application/json')) as { xml: string };
    expect(out.xml).toBe('<a><password><![CDATA[REDACTED-PASSWORD]]></password><member><name>secret</name><value>REDACTED-SECRET</value></member></a>');
    expect(found.map((r) => r.where)).toEqual(['body:xml:password', 'body:xml:secret']);
  });

  it('a JSON list of [name, value] pairs in a header value', () => {
    const found: Redaction[] = [];
    expect(redactHeader(['X-Forwarded-Headers', '[["X-Api-Key","k1"],["Accept","*/*"]]'], found)).toEqual(['X-Forwarded-Headers', '[["X-Api-Key","REDACTED-API-KEY"],["Accept","*/*"]]']);
    expect(found.map((r) => r.where)).toEqual(['x-forwarded-headers:[].X-Api-Key']);
  });

  it('a JSON object in a header value', () => {
    expect(redactHeader(['X-Ctx', '{"user":"ana","creds":{"pin":1234}}'])[1]).toBe('{"user":"ana","creds":"REDACTED-SECRET"}');
  });

  it('text that only starts like them stays text', () => {
    expect(redactBody(JSON.stringify({ s: '<not xml password=hunter2' }), [], 'application/json')).not.toContain('hunter2');
    expect(redactHeader(['X-Note', '[draft] token=t1'])[1]).toBe('[draft] token=REDACTED-TOKEN');
  });
});
