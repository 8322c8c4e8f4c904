// Session 38 (review M6): a header name shaped like a secret is written by the exports, and by
// `explain`, as a numbered placeholder (`REDACTED-TOKEN-1`). When the server listed such a name in its
// own Access-Control-Allow-Headers, the fix keeps it (`server-allows.ts`), so the snippet carried
// `REDACTED-TOKEN-1` as if it were a header name, and a developer pasted it into the server's
// configuration. Every snippet that lists one now says, above it, that it stands for a name of theirs
// the output leaves out, and the words of what the fix keeps say so too.

import { describe, expect, it } from 'vitest';
import { explain } from '../explain.ts';
import { diagnosed, PAGE, preflighted } from '../test-diagnosis.ts';
import { ALL_STACKS } from './index.ts';
import { addToNeed, emptyNeed, keptFromServerWords, mergedFix } from './merged.ts';

// As a shared bundle holds it: the server allowed a secret-shaped name, the page adds x-trace-id.
const kept = diagnosed(
  preflighted(
    {
      status: 204,
      headers: [
        ['Access-Control-Allow-Origin', PAGE],
        ['Access-Control-Allow-Methods', 'GET, POST, PUT'],
        ['Access-Control-Allow-Headers', 'Content-Type, REDACTED-TOKEN-1, x-REDACTED-API-KEY-2'],
        ['Access-Control-Expose-Headers', 'REDACTED-JWT-3'],
      ],
    },
    { method: 'PUT', headers: [['x-trace-id', '1']] },
  ),
);

const NOTE = /REDACTED-TOKEN-1, x-REDACTED-API-KEY-2 and REDACTED-JWT-3 are not real header names: each stands for one of yours/;

describe('a secret-shaped name the server already allows, written as its placeholder', () => {
  const fixes = explain(kept.diagnosis, kept.exchange, { stacks: ALL_STACKS }).fixes;

  // A JSON configuration (S3, API Gateway, CloudFront) has no comments: its note is in the words beside it.
  it.each(fixes.map((fix) => [`${fix.target}: ${fix.title}`, fix.snippet, `${fix.snippet}\n${fix.trap ?? ''}`] as const))('%s: says what the placeholder stands for wherever it lists one', (_about, snippet, shown) => {
    if (!/REDACTED-[A-Z-]+-\d/.test(snippet)) return;
    expect(shown).toMatch(NOTE);
    expect(shown).toContain('write the real names in their place');
  });

  it('the fixes list them (a name the server allows is kept), and the plain headers fix says so too', () => {
    const generic = fixes.find((fix) => fix.target === 'generic' && fix.language === 'http')!.snippet;
    expect(generic).toContain('REDACTED-TOKEN-1');
    expect(generic).toMatch(NOTE);
  });

  it('the server configuration: its snippet and the words of what it keeps', () => {
    const need = emptyNeed();
    addToNeed(need, kept.diagnosis, kept.exchange);
    expect(mergedFix('express', need, null).snippet).toMatch(NOTE);
    const words = keptFromServerWords(need)!;
    expect(words).toContain('request headers Content-Type, REDACTED-TOKEN-1, x-REDACTED-API-KEY-2');
    expect(words).toContain('; REDACTED-TOKEN-1, x-REDACTED-API-KEY-2 and REDACTED-JWT-3 are not real header names: each stands for one your server already allows');
    expect(words).toContain('keep the real names');
  });

  it('one name: said in the singular; none: no note', () => {
    const one = diagnosed(
      preflighted(
        { status: 204, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Headers', 'REDACTED-TOKEN-4']] },
        { method: 'GET', headers: [['x-trace-id', '1']] },
      ),
    );
    const express = explain(one.diagnosis, one.exchange, { stacks: ['express'] }).fixes.find((fix) => fix.target === 'express')!.snippet;
    expect(express).toContain('REDACTED-TOKEN-4 is not a real header name: it stands for one of yours');
    expect(express).toContain('write the real name in its place');
    const plain = diagnosed(preflighted({ status: 204, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Headers', 'x-redacted']] }, { method: 'GET', headers: [['x-trace-id', '1']] }));
    expect(explain(plain.diagnosis, plain.exchange, { stacks: ['express'] }).fixes.map((fix) => fix.snippet).join('\n')).not.toContain('not a real header name');
  });
});
