// `explain --json`: one JSON document, one object per request made, in the order they were made,
// then the causes of failure and one server configuration per API origin.

import { type Check, explain, type Explanation, leftOutNames, memoized, type PreflightCacheMiss, preflightCacheMiss, preflightCacheMissWords, type StackReading, stackNames, withExplainScope } from '../cors/index.ts';
import { type CauseGroup, CauseGroups, headerNameSources, type HostSecretWords, noApiOrigin, placeholdersInCapitals, probeCommandLines, redactEvidenceValue, redactHeaderName, SecretNameNumbers, type ServerConfig, unrecognisedServerStacks } from '../export/index.ts';
import { CheckTexts, compactCheck } from './check-texts.ts';
import { inertJsonPieces, inertJsonText } from './inert-json.ts';
import { consoleMessageFor, type Report, type ReportedExchange } from './report.ts';
import { MDN_CORS_ERRORS } from '../cors/index.ts';

/**
 * One exchange a line: still one JSON document, but cheap to write for logs with thousands of
 * requests (indenting doubles the size) and easy to grep or page through.
 * The wording is built with the first fix only, the one the line shows.
 */
export function formatJson(report: Report, hosts?: HostSecretWords): string {
  const names = new SecretNameNumbers(headerNameSources(report.exchanges.map((reported) => reported.exchange)));
  return inertJsonText([...jsonChunks(report.exchanges, () => report, names, hosts, true)].join(''));
}

/**
 * The same document as UTF-8 pieces of about 64 KiB, made inert, one exchange read at a time, for
 * a caller that writes it out as it goes. `counts` is asked for once all exchanges were read;
 * `names` is the document's one numbering of secret-shaped header names (`secret-name-numbers.ts`).
 */
export function jsonDocumentPieces(exchanges: Iterable<ReportedExchange>, counts: () => { sameOrigin: number; skippedEntries: number }, names: SecretNameNumbers, hosts: HostSecretWords | undefined, maskEvidence: boolean): Generator<Buffer> {
  return inertJsonPieces(jsonChunks(exchanges, counts, names, hosts, maskEvidence));
}

/**
 * The document's text in pieces, one exchange a piece. Not exported: the pieces are JSON.stringify's
 * text, not yet made inert (inertJson of their concatenation is the concatenation of each one's: it
 * escapes character by character, and every piece starts and ends outside any string), and only
 * `formatJson` and `jsonDocumentPieces` make them so.
 */
function* jsonChunks(exchanges: Iterable<ReportedExchange>, counts: () => { sameOrigin: number; skippedEntries: number }, names: SecretNameNumbers, hosts: HostSecretWords | undefined, maskEvidence: boolean): Generator<string> {
  const chunks = documentChunks(exchanges, counts, names, hostPartsNotShown(hosts), maskEvidence ? evidenceAsRedacted(names) : null);
  // The parts of hosts shaped like secrets, masked in the words only (`masked-hosts.ts`); none in most runs.
  if (hosts?.any !== true) return yield* chunks;
  for (const chunk of chunks) yield hosts.words(chunk);
}

/** The document's pieces as jsonChunks describes them; `last`, members written after the others. */
function* documentChunks(exchanges: Iterable<ReportedExchange>, counts: () => { sameOrigin: number; skippedEntries: number }, names: SecretNameNumbers, last: string, evidence: EvidenceShown | null): Generator<string> {
  const checkTexts = new CheckTexts();
  const readings = new WeakMap<StackReading, string>();
  const grouping = new CauseGroups();
  yield '{"exchanges": [\n';
  let index = 0;
  // Every exchange of a report is judged by one browser's rules: the groups' titles use its words.
  let browser: ReportedExchange['browser'] = 'chromium';
  for (const reported of exchanges) {
    browser = reported.browser;
    // The group's needs and the explanation's fixes read the same policy: worked out once for both.
    const line = withExplainScope(reported.diagnosis, reported.exchange, () => {
      grouping.add(reported.exchange, reported.diagnosis);
      return jsonLine(reported, checkTexts, jsonExplanation(reported), names, readings, evidence);
    });
    yield `${index++ === 0 ? '' : ',\n'}${line}`;
  }
  const { sameOrigin, skippedEntries } = counts();
  yield `\n], "groups": [${grouping.groups(browser).map((group) => `\n${JSON.stringify(jsonGroup(group))}`).join(',')}\n]`;
  yield `, "serverConfigs": [${grouping.serverConfigs().map((config) => `\n${JSON.stringify(jsonServerConfig(config))}`).join(',')}\n]`;
  yield `, "checkSpecs": ${JSON.stringify(checkTexts.specs)}, "sameOriginSkipped": ${sameOrigin}, "skippedEntries": ${skippedEntries}${last}}\n`;
}

/** A cause of failure: `exchanges[firstExchange]` is its first request, `requests` its first few. */
function jsonGroup(group: CauseGroup): Record<string, unknown> {
  return {
    title: group.title,
    count: group.count,
    // None for a captured URL that is no URL, and why (`noApiOrigin`): `null` would read as an origin.
    ...jsonApiOrigin(group),
    // Only when a refused answer came from elsewhere (a redirect's target): one server when every
    // member's fix is there, else each server with its count.
    ...jsonFixOn(group),
    verdict: group.verdict,
    corsError: group.corsError,
    parameter: group.parameter,
    firstExchange: group.first.index,
    redirects: group.redirects,
    errorStatuses: group.errorStatuses,
    requests: group.requests,
  };
}

function jsonApiOrigin(group: CauseGroup): Record<string, unknown> {
  const none = noApiOrigin(group);
  return none === null ? { apiOrigin: group.apiOrigin } : { apiOrigin: null, noApiOrigin: none };
}

function jsonFixOn(group: CauseGroup): Record<string, unknown> {
  const { fixOn, fixOnOmitted, apiOrigin } = group;
  if (fixOn.length === 1 && fixOnOmitted === 0) return fixOn[0]!.origin === apiOrigin ? {} : { serverOrigin: fixOn[0]!.origin };
  return { serverOrigins: fixOn, ...(fixOnOmitted > 0 ? { serverOriginsOmitted: fixOnOmitted } : {}) };
}

/** What every request to one API origin needs, and the configuration for its recognised stack. */
function jsonServerConfig(config: ServerConfig): Record<string, unknown> {
  const { need } = config;
  const answeringBoth = unrecognisedServerStacks(need, config.stack);
  return {
    apiOrigin: config.apiOrigin,
    stack: config.stack,
    requests: config.requests,
    blocked: config.blocked,
    origins: need.origins,
    methods: need.methods,
    headers: need.headers,
    credentials: need.credentials,
    // What the server already answered, which `fix` keeps (its lists, credentials, exposed headers,
    // max-age): only when it answered any, so a configuration without one reads as it always did.
    ...(keptAny(need.server) ? { serverAllows: { methods: need.server.methods, headers: need.server.headers, credentials: need.server.credentials, expose: need.server.expose, maxAge: need.server.maxAge, ...(need.server.cut.length > 0 ? { cut: need.server.cut.length } : {}) } } : {}),
    // Header names written as placeholders (`REDACTED-TOKEN-1`) in these lists and in `fix`: each
    // stands for a name the output leaves out, as the fix's note says (session 38). Only when any.
    ...namesNotShown([...need.headers, ...need.server.headers, ...need.server.expose]),
    // Only when a request asked for them (an older Chromium's Private Network Access): the lines the
    // OPTIONS answer carries too, which `fix` sends where its stack can and its trap words otherwise.
    ...(need.privateNetwork === undefined ? {} : { privateNetwork: need.privateNetwork.map(([header, value]) => ({ header, value })) }),
    // Only when true: a configuration no redirect reached reads as it always did.
    ...(need.originTainted ? { originNullAfterRedirect: true } : {}),
    // Only when no stack was recognised and the server must answer both the page's origin with
    // credentials and * for Origin: null: `fix` is then plain headers for the page origins alone,
    // and these are the stacks whose configuration answers both (the text's note, as data).
    ...(answeringBoth === null ? {} : { stacksAnsweringBoth: answeringBoth }),
    omittedValues: need.omitted,
    fix: config.fix,
  };
}

/**
 * A check's Fetch Standard link is the same for every check of that name, and was half of the
 * output: it is written once, in the top-level `checkSpecs`, and on a check only when it differs.
 */
function compactChecks(checks: readonly Check[], checkSpecs: Record<string, string>): Record<string, unknown>[] {
  const compact: Record<string, unknown>[] = [];
  for (let i = 0; i < checks.length; i++) compact.push(compactCheck(checks[i]!, checkSpecs));
  return compact;
}

/**
 * `firefox` of one request: Firefox's verdict, the MDN page of its reason, and `preflightUnanswered`
 * (true, else null): Firefox is uncertain because it would send a preflight, after a redirect, that
 * the capture holds no answer to (`FirefoxVerdict.preflightUnanswered`, from the replay that gave
 * the verdict: no second one).
 */
function jsonFirefox(reported: ReportedExchange): Record<string, unknown> {
  const verdict = reported.firefoxVerdict;
  return {
    outcome: verdict.outcome,
    reason: verdict.reason,
    logged: verdict.logged,
    warnings: verdict.warnings,
    mdn: verdict.reason === null ? null : MDN_CORS_ERRORS + verdict.reason,
    preflightUnanswered: verdict.preflightUnanswered ? true : null,
  };
}

/**
 * The wording `--json` shows: all of it but the fixes after the first (`fix` is the first) and
 * Explanation's `firefox` (the line's `firefox` is the ReportedExchange's verdict).
 */
function jsonExplanation(reported: ReportedExchange): Explanation {
  return explain(reported.diagnosis, reported.exchange, { fixes: 'first', firefox: 'skip', browser: reported.browser });
}

/** A layer's evidence value as the line prints it (`redactEvidenceValue`); null with --include-secrets. */
type EvidenceShown = (header: string, value: string) => string;

/**
 * The layers' evidence values as the exports write them (`redactEvidenceValue`), numbered by the
 * document's `names`; each distinct value worked out once (bounded: a CDN's ids are new each time).
 */
function evidenceAsRedacted(names: SecretNameNumbers): EvidenceShown {
  const shown = memoized(4_096, (key: string) => {
    const at = key.indexOf('\n');
    return redactEvidenceValue(key.slice(0, at), key.slice(at + 1), names);
  }, 2 ** 20);
  return (header, value) => shown(`${header}\n${value}`);
}

/**
 * One line of `--json`: `JSON.stringify(jsonExchange(...))` (inertJson left to the writer), with
 * the stack reading's members serialized once per shared reading (the same for every exchange whose
 * responses read alike, and the reading is then one shared, frozen object: explain's memo; kept in
 * the document's `readings`) rather than once per exchange, and the checks from their texts (CheckTexts).
 */
function jsonLine(reported: ReportedExchange, checkTexts: CheckTexts, explanation: Explanation, names: SecretNameNumbers, readings: WeakMap<StackReading, string>, evidence: EvidenceShown | null): string {
  const reading = explanation.stack;
  let members: string | undefined;
  // Only a frozen (shared) reading is worth remembering, and only it cannot change meanwhile.
  if (reading !== undefined && Object.isFrozen(reading)) {
    members = readings.get(reading);
    if (members === undefined) {
      members = JSON.stringify(readingMembers(reported, explanation, evidence)).slice(1, -1);
      readings.set(reading, members);
    }
  } else {
    members = JSON.stringify(readingMembers(reported, explanation, evidence)).slice(1, -1);
  }
  // The same text as the whole object's: JSON.stringify writes members in order, and every object
  // here has members, so `{`/`}` are cut cleanly. The checks sit between the tail's two parts.
  const head = JSON.stringify(jsonHead(reported));
  const wording = JSON.stringify(jsonWording(reported, explanation, names));
  const verdicts = JSON.stringify(jsonVerdicts(reported));
  return `${head.slice(0, -1)},${members},${wording.slice(1, -1)},"checks":${checkTexts.json(reported.diagnosis.checks)},${verdicts.slice(1)}`;
}

/** The object one line of `--json` serializes. */
export function jsonExchange(
  reported: ReportedExchange,
  checkSpecs: Record<string, string>,
  explanation: Explanation = reported.explanation,
  names = new SecretNameNumbers(headerNameSources([reported.exchange])),
): Record<string, unknown> {
  return Object.assign(jsonHead(reported), readingMembers(reported, explanation, null), jsonTail(reported, checkSpecs, explanation, names));
}

/** The request and its diagnosis: a line's first members. */
function jsonHead(reported: ReportedExchange): Record<string, unknown> {
  const { exchange, diagnosis } = reported;
  const firstHop = exchange.hops[0]!;
  const preflightHop = exchange.hops.find((hop) => hop.preflight !== undefined);
  return {
    url: firstHop.url,
    method: exchange.request.method,
    verdict: diagnosis.verdict,
    corsError: diagnosis.corsError,
    failedParameter: diagnosis.failedParameter,
    failedAt: diagnosis.failedAt,
    preflight: preflightHop?.preflight
      ? { url: preflightHop.preflight.url, status: preflightHop.preflight.response?.status ?? null }
      : null,
    preflightObserved: diagnosis.preflight.observed,
    // Judged as the other browser: a cache hit the judged one would not have had (absent otherwise).
    ...preflightCacheMissMember(reported),
    hops: exchange.hops.map((hop) => ({ url: hop.url, status: hop.response?.status ?? null })),
    errorText: exchange.errorText ?? null,
    startedAt: exchange.startedAt === undefined ? null : new Date(exchange.startedAt).toISOString(),
  };
}

/**
 * `preflightCacheMiss`: a `cached` preflight whose entry the judged browser would not have held, as
 * data with the words explain's text prints (`Preflight: not sent: ...`); no member where there is none.
 * Its `maxAge` is the exchange's as explain shows it (a key a numbered placeholder: `masked-header-names.ts`).
 */
function preflightCacheMissMember(reported: ReportedExchange): { preflightCacheMiss?: PreflightCacheMiss & { text: string } } {
  const miss = preflightCacheMiss(reported.diagnosis.preflight, reported.browser);
  return miss === null ? {} : { preflightCacheMiss: { ...miss, text: preflightCacheMissWords(miss) } };
}

/**
 * The layers the failing hop's headers reveal, outer to inner (`["nginx", "express"]`; a layer
 * the evidence could not decide is `fastify|hono`), and the simple name whose fix comes first.
 * With a reading, nothing but the reading: `jsonLine` serializes it once per reading.
 */
function readingMembers(reported: ReportedExchange, explanation: Explanation, evidence: EvidenceShown | null): Record<string, unknown> {
  const layers = explanation.stack?.layers ?? [];
  return {
    stack: explanation.stack === undefined ? [] : stackNames(explanation.stack),
    server: explanation.stack === undefined ? reported.stack : explanation.stack.primary,
    undecided: explanation.stack?.undecided ?? [],
    layers: evidence === null ? layers : layers.map((layer) => ({ ...layer, evidence: layer.evidence.map((seen) => ({ ...seen, value: evidence(seen.header, seen.value) })) })),
    corsHeaders: explanation.stack?.headers ?? [],
  };
}

/** The wording, the checks and Firefox's verdict: a line's last members. */
function jsonTail(reported: ReportedExchange, checkSpecs: Record<string, string>, explanation: Explanation, names: SecretNameNumbers): Record<string, unknown> {
  return Object.assign(jsonWording(reported, explanation, names), { checks: compactChecks(reported.diagnosis.checks, checkSpecs) }, jsonVerdicts(reported));
}

/** The wording and what the diagnosis assumed: the tail's members before the checks. */
function jsonWording(reported: ReportedExchange, explanation: Explanation, names: SecretNameNumbers): Record<string, unknown> {
  const { diagnosis } = reported;
  return {
    traps: explanation.traps ?? [],
    headline: explanation.headline,
    // The console words of --browser's browser: Chromium's, or Firefox's own.
    consoleMessage: consoleMessageFor(reported, explanation.consoleMessage),
    explanation: explanation.explanation,
    serverMustSend: explanation.serverMustSend,
    // What the browser does not check but the server should send (Vary: Origin), with `advice` saying why.
    serverShouldSend: explanation.serverShouldSend ?? [],
    // The detected stack's fix (or the generic one); the others are a `--json` consumer's to build.
    fix: explanation.fixes[0] ?? null,
    // What one exchange cannot tell comes with the probe that can, as data and as the command to run.
    // `probeCommand` is the first of `probeCommands`: the line for every shell, or the one for bash and zsh.
    advisories: explanation.advisories.map((a) => {
      if (a.probe === undefined) return a;
      // The names as the exports write them (a hand-made `x-k sk_live_…` is cut, a `ghp_…` numbered), as the command and `leftOut` do,
      // numbered once for the whole output: a placeholder is the same header in every advisory.
      const probeCommands = probeCommandLines(a.probe, { names });
      const probe = { ...a.probe, headers: a.probe.headers.map((name) => placeholdersInCapitals(redactHeaderName(name, names))) };
      return { ...a, probe, probeCommand: probeCommands[0]!.command, probeCommands };
    }),
    assumptions: explanation.assumptions,
    assumed: diagnosis.assumptions,
    alternatives: diagnosis.alternatives,
  };
}

/** Firefox's verdict and the browsers' difference: the tail's members after the checks. */
function jsonVerdicts(reported: ReportedExchange): Record<string, unknown> {
  return {
    // Firefox's verdict, whatever `--browser` said: one shape (docs/cli.md, "--browser firefox").
    firefox: jsonFirefox(reported),
    browser: reported.browser,
    browserDifference: reported.browserDifference,
  };
}

/** The placeholders (`REDACTED-TOKEN-1`) among `names`, each standing for a header name the output leaves out; only when any. */
function namesNotShown(names: readonly string[]): { headerNamesNotShown?: string[] } {
  const shown = leftOutNames(names);
  return shown.length === 0 ? {} : { headerNamesNotShown: shown };
}

/** Whether the server answered anything a configuration keeps. */
function keptAny(s: { methods: readonly string[]; headers: readonly string[]; expose: readonly string[]; credentials: boolean; maxAge: number | null }): boolean {
  return s.methods.length > 0 || s.headers.length > 0 || s.expose.length > 0 || s.credentials || s.maxAge !== null;
}

/**
 * The placeholders (`REDACTED-HOST-1`) standing for parts of hosts and ports shaped like secrets, as
 * a last member; only when any (the text's note, as data).
 */
function hostPartsNotShown(hosts: HostSecretWords | undefined): string {
  return hosts?.any === true ? `, "hostPartsNotShown": ${JSON.stringify(hosts.shown())}` : '';
}
