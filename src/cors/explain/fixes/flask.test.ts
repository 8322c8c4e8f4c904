import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { flaskFix } from './flask.ts';
import { PAGE } from '../test-diagnosis.ts';
import { contextFor } from './test-context.ts';

describe('flaskFix', () => {
  it.each([
    [{ credentials: true }, 'CORS(app, origins=["http://127.0.0.1:5173"], supports_credentials=True, methods=["GET", "HEAD", "POST", "OPTIONS", "PUT"], allow_headers=["content-type", "x-trace"])'],
    [{ method: 'POST' }, 'CORS(app, origins=["http://127.0.0.1:5173"], allow_headers=["content-type", "x-trace"])'],
  ] as const)('%j', (opts, line) => expect(flaskFix(contextFor(opts)).snippet).toContain(line));
  it('never offers a pattern matching every origin as the way past "*" with credentials', () => {
    expect(flaskFix(contextFor({ credentials: true })).trap).toContain('nor a pattern that matches every origin (r".*"): name them.');
  });
});

// Review s38 R (flask6.har): Flask-CORS reads an item holding one of `* \ ] ? $ ^ [ ( )` as a
// regular expression matched from its start. The printed call, run by the real Flask-CORS (Debian's
// python3), answers each listed origin and header exactly and nothing that merely matches it as a
// pattern.
describe('flaskFix writes items Flask-CORS would read as patterns so that they match exactly', () => {
  const V6 = 'https://[fe80::1]';
  const policy = { ...contextFor({ credentials: true }).policy, origins: [PAGE, V6], headers: ['content-type', '.*', 'x-trace'] };
  const snippet = flaskFix({ ...contextFor({ credentials: true }), policy }).snippet;
  it('writes them as compiled exact patterns', () => {
    expect(snippet).toContain('import re');
    expect(snippet).toContain(`origins=["${PAGE}", re.compile(re.escape("${V6}") + r"\\Z", re.IGNORECASE)]`);
    expect(snippet).toContain('allow_headers=["content-type", re.compile(re.escape(".*") + r"\\Z", re.IGNORECASE), "x-trace"]');
  });
  it('Flask-CORS answers the listed origins and headers, and no other', () => {
    const app = `from flask import Flask\napp = Flask(__name__)\n@app.route("/x", methods=["GET", "PUT"])\ndef x(): return "ok"\n${snippet}\nc = app.test_client()\nout = {}\nfor o in ${JSON.stringify([PAGE, V6, 'https://evil.example', 'https://1'])}:\n    out[o] = c.get("/x", headers={"Origin": o}).headers.get("Access-Control-Allow-Origin")\nr = c.options("/x", headers={"Origin": "${PAGE}", "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "x-trace, x-other, .*"})\nout["headers"] = r.headers.get("Access-Control-Allow-Headers")\nimport json\nprint(json.dumps(out))`;
    const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', app], { encoding: 'utf8' })) as Record<string, string | null>;
    expect(out).toEqual({ [PAGE]: PAGE, [V6]: V6, 'https://evil.example': null, 'https://1': null, headers: '.*, x-trace' });
  });
});
