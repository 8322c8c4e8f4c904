import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { allowMethod } from '../../allow-methods.ts';
import { parseAllowList } from '../../allow-list.ts';
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

// Review s38: Flask-CORS upper-cases the methods it is given, and the browser compares a method it
// does not normalise (PATCH is not among DELETE GET HEAD OPTIONS POST PUT) case-sensitively: a
// preflight for `patch` or `Purge` was answered `PATCH`, `PURGE`, and refused. The printed snippet,
// run by the real Flask-CORS (Debian's python3), answers each preflight with a list the engine's
// own method check passes.
describe('flaskFix: methods that are not upper case', () => {
  const base = contextFor({ method: 'patch' });
  const ctx = { ...base, policy: { ...base.policy, methods: ['patch', 'Purge', 'PUT'] } };
  const fix = flaskFix(ctx);

  it('writes the list as given in an after_request hook registered before CORS(app), and says why', () => {
    const hook = fix.snippet.indexOf('        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS, patch, Purge, PUT"');
    expect(hook).toBeGreaterThan(-1);
    expect(hook).toBeLessThan(fix.snippet.indexOf('\nCORS(app'));
    expect(fix.trap).toContain('Flask-CORS upper-cases the methods it is given: it would list patch as PATCH, Purge as PURGE, which the browser does not take for the method the page sends');
  });

  it('says at most four of them in the trap', () => {
    const many = flaskFix({ ...base, policy: { ...base.policy, methods: ['a', 'b', 'c', 'd', 'e', 'f'] } });
    expect(many.trap).toContain('it would list a as A, b as B, c as C, d as D and 2 more, which');
    expect(many.snippet).toContain('= "GET, HEAD, POST, OPTIONS, a, b, c, d, e, f"');
  });

  it('no hook when every method is upper case', () => {
    const upper = flaskFix(contextFor({ method: 'PATCH' }));
    expect(upper.snippet).not.toContain('cors_exact_methods');
    expect(upper.trap).not.toContain('upper-cases');
  });

  it.each(['patch', 'Purge', 'PUT'])('Flask-CORS, configured as printed, answers a preflight for %s with a list that allows it', (method) => {
    const app = `from flask import Flask\napp = Flask(__name__)\n@app.route("/x", methods=["GET", "PUT", "PATCH", "PURGE"])\ndef x(): return "ok"\n${fix.snippet}\nc = app.test_client()\nr = c.options("/x", headers={"Origin": "${PAGE}", "Access-Control-Request-Method": "${method}", "Access-Control-Request-Headers": "x-trace"})\nimport json\nprint(json.dumps({"origin": r.headers.get("Access-Control-Allow-Origin"), "methods": r.headers.getlist("Access-Control-Allow-Methods")}))`;
    const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', app], { encoding: 'utf8' })) as { origin: string | null; methods: string[] };
    expect(out.origin).toBe(PAGE);
    expect(out.methods).toHaveLength(1);
    const list = parseAllowList(out.methods[0] ?? null, false);
    expect(list).not.toBeNull();
    expect(allowMethod(method, list!, 'same-origin')).toBeNull();
  });
});
