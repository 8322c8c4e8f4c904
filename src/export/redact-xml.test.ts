import { describe, expect, it } from 'vitest';
import type { Redaction } from './redaction.ts';
import { redactXml } from './redact-xml.ts';

function run(xml: string): { out: string; where: string[] } {
  const found: Redaction[] = [];
  const out = redactXml(xml, found, 'body');
  return { out, where: found.map((r) => `${r.kind}@${r.where}`) };
}

describe('redactXml: secrets the element tree hides', () => {
  it.each([
    // Markup inside CDATA (a SOAP envelope carried in another) and escaped as text.
    ['<a><![CDATA[<password>hunter2</password>]]></a>', '<a><![CDATA[<password>REDACTED-PASSWORD</password>]]></a>'],
    ['<a>&lt;password&gt;hunter2&lt;/password&gt;</a>', '<a>&lt;password&gt;REDACTED-PASSWORD&lt;/password&gt;</a>'],
    ['<a>{&quot;token&quot;: &quot;hunter2&quot;}</a>', '<a>{&quot;token&quot;: &quot;REDACTED-TOKEN&quot;}</a>'],
    ['<a href="https://x.example/?access_token=hunter2&amp;page=2"/>', '<a href="https://x.example/?access_token=REDACTED-QUERY-SECRET&amp;page=2"/>'],
    // Processing instructions and declarations hold URLs too.
    ['<?xml-stylesheet href="https://x.example/s.xsl?token=hunter2"?><a/>', '<?xml-stylesheet href="https://x.example/s.xsl?token=REDACTED-QUERY-SECRET"?><a/>'],
    ['<!DOCTYPE a SYSTEM "https://u:hunter2@x.example/a.dtd"><a/>', '<!DOCTYPE a SYSTEM "https://REDACTED-AUTHORIZATION@x.example/a.dtd"><a/>'],
    // A value named by a sibling element: XML-RPC structs, Java properties, key/value lists.
    ['<member><name>password</name><value><string>hunter2</string></value></member>', '<member><name>password</name><value><string>REDACTED-PASSWORD</string></value></member>'],
    ['<param><name>pin</name><value>1234</value></param>', '<param><name>pin</name><value>REDACTED-PASSWORD</value></param>'],
    ['<member>\n  <name>token</name>\n  <value>t1</value>\n</member>', '<member>\n  <name>token</name>\n  <value>REDACTED-TOKEN</value>\n</member>'],
    ['<entry><key>api_key</key><value>k1</value></entry>', '<entry><key>api_key</key><value>REDACTED-API-KEY</value></entry>'],
    // Already handled, kept so: CDATA inside a sensitive element, sensitive attributes.
    ['<password><![CDATA[hunter2]]></password>', '<password><![CDATA[REDACTED-PASSWORD]]></password>'],
    ['<auth token="hunter2"/>', '<auth token="REDACTED-TOKEN"/>'],
    // What stays.
    ['<member><name>color</name><value>red &amp; blue</value></member>', '<member><name>color</name><value>red &amp; blue</value></member>'],
    ['<a>x &lt; y &amp;&amp; z</a><![CDATA[if (a < b) c();]]>', '<a>x &lt; y &amp;&amp; z</a><![CDATA[if (a < b) c();]]>'],
    ['<?xml version="1.0" encoding="UTF-8"?><a/>', '<?xml version="1.0" encoding="UTF-8"?><a/>'],
  ])('%s', (xml, expected) => expect(run(xml).out).toBe(expected));

  it('lists a sibling-named value under its name', () => {
    expect(run('<member><name>password</name><value>hunter2</value></member>').where).toEqual(['password@body:password']);
  });

  it('is bounded on CDATA openings inside CDATA', () => {
    const { out } = run(`<a>${'<![CDATA['.repeat(20_000)}<pin>p1</pin>`);
    expect(out).not.toContain('p1');
  });
});

describe('redactXml: the attributes of a sensitive element', () => {
  // h4.har (session 34): the element's text went, its attribute stayed.
  it.each([
    ['<login><Secret attr="SECRETX3attr">SECRETX4s</Secret></login>', '<login><Secret attr="REDACTED-SECRET">REDACTED-SECRET</Secret></login>'],
    ['<password hint="SECRETX3hint"/>', '<password hint="REDACTED-PASSWORD"/>'],
    ['<credentials><user pin2="SECRETX3child">a</user></credentials>', '<credentials><user pin2="REDACTED-SECRET">REDACTED-SECRET</user></credentials>'],
    // What says how to read it stays: WS-Security's types, ids and namespaces; a field's name.
    [
      '<wsse:Password xmlns:wsse="urn:wsse" wsu:Id="pw-1" Type="urn:oasis#PasswordText">hunter2</wsse:Password>',
      '<wsse:Password xmlns:wsse="urn:wsse" wsu:Id="pw-1" Type="urn:oasis#PasswordText">REDACTED-PASSWORD</wsse:Password>',
    ],
    ['<field name="pin" type="text" value="1234"/>', '<field name="pin" type="text" value="REDACTED-PASSWORD"/>'],
    ['<user role="admin">ana</user>', '<user role="admin">ana</user>'],
  ])('%s', (xml, expected) => {
    expect(run(xml).out).toBe(expected);
    expect(run(expected).out).toBe(expected);
  });
});
