// explain(): the words for one Diagnosis. Nothing here decides a verdict; every sentence is built
// from the Diagnosis (reasons as data) and the exchange's own values.

import type { Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { type AdviceBrowser, advisories } from './advisory-text.ts';
import { assumptionNotes } from './assumptions.ts';
import { type ConsoleMessageOptions, consoleMessage } from './console-message.ts';
import { detectStacks } from './detect-stack.ts';
import type { AnsweredApart, Explanation, Fix, ServerStack, StackReading } from './explanation.ts';
import { explainFacts, withExplainScope } from './facts.ts';
import { firefoxReasonWithPage } from '../firefox/verdict.ts';
import { answersVaryByOrigin, awsEntryOf, type AwsEntry, corsMaybeSentByOf, corsSentByOf, type IisNodeApp, iisNodeAppOf, notModifiedWithoutAllowOrigin } from './fixes/context.ts';
import { cloudflareSkipPreflightFix } from './fixes/cloudflare-waf.ts';
import { buildFixes, firstFix, REPLACES_BACKEND_COPY } from './fixes/index.ts';
import { edgeAnswer } from './layers/edge-answer.ts';
import { parseUrl, urlOrigin } from '../origin.ts';
import { headline } from './headline.ts';
import { stackReadingOf } from './layers/exchange-reading.ts';
import { fixOrder } from './layers/stack-reading.ts';
import { allowOriginSenders, fixesWithTraps, trapsOf } from './layers/traps.ts';
import { serverSends } from './must-send.ts';
import { neededPolicy } from './policy.ts';
import { explanationText } from './reason-text.ts';

/**
 * The server stacks seen on the answers of the failing hop's server: the failing hop's first, in fix
 * order (the layer that set the failing header, or those it could not tell apart, then inner to
 * outer), then those of other hops to the same origin (one server, redirecting within itself).
 * A hop to another origin is another server: a redirect's first server is no layer of its target
 * (its nginx fix would change a server the refused answer never passed through).
 * When two layers each sent Access-Control-Allow-Origin, the outermost of them whose fix replaces
 * the copy from behind it comes first: the app's fix alone would leave the proxy's copy beside it.
 */
export function stacksOf(diagnosis: Diagnosis, exchange: ObservedExchange, reading: StackReading = stackReadingOf(diagnosis, exchange)): ServerStack[] {
  const hop = explainFacts(diagnosis, exchange).hop;
  const out: ServerStack[] = cloudfrontFirst(oneCopyFirst(fixOrder(reading), reading), reading, exchange.hops[hop]);
  const origin = urlOrigin(exchange.hops[hop]?.url ?? '');
  for (const i of exchange.hops.map((_, i) => i).filter((i) => i !== hop)) {
    const h = exchange.hops[i];
    if (origin === null || urlOrigin(h?.url ?? '') !== origin) continue;
    for (const headers of [h?.preflight?.response?.headers, h?.response?.headers]) {
      if (!headers) continue;
      for (const s of detectStacks(headers)) if (!out.includes(s)) out.push(s);
    }
  }
  return out;
}

/**
 * CloudFront's fix first where it is the layer to fix: CloudFront answered itself (its own refusal,
 * `edgeAnswer`), or passed the answer on and the headers name no server behind it.
 */
function cloudfrontFirst(stacks: ServerStack[], reading: StackReading, hop: ObservedExchange['hops'][number] | undefined): ServerStack[] {
  if (!reading.layers.some((l) => l.names.includes('cloudfront'))) return stacks;
  const answers = [hop?.preflight?.response, hop?.response];
  const refused = answers.some((r) => r != null && edgeAnswer(r.headers, r.status) === 'cloudfront-refused');
  return refused || stacks.length === 0 ? ['cloudfront', ...stacks.filter((s) => s !== 'cloudfront')] : stacks;
}

/** `stacks` with the proxy whose fix keeps a single Access-Control-Allow-Origin moved first. */
function oneCopyFirst(stacks: ServerStack[], reading: StackReading): ServerStack[] {
  const { senders, decided } = allowOriginSenders(reading);
  if (!decided || senders.length < 2) return stacks;
  const outer = reading.layers.flatMap((l) => l.names).find((n) => senders.includes(n));
  const keeper = stacks.find((s) => s === outer && REPLACES_BACKEND_COPY.has(s));
  return keeper === undefined ? stacks : [keeper, ...stacks.filter((s) => s !== keeper)];
}

/** The Node app the reading shows behind IIS, as an optional field. */
function iisField(reading: StackReading): { iisInFrontOf?: IisNodeApp } {
  const app = iisNodeAppOf(reading.layers);
  return app === null ? {} : { iisInFrontOf: app };
}

/** The layers the reading shows sending CORS lines already, or maybe (`FixContext.corsSentBy`, `corsMaybeSentBy`), as optional fields. */
function corsSentByField(reading: StackReading): { corsSentBy?: string[]; corsMaybeSentBy?: string[] } {
  const sentBy = corsSentByOf(reading.headers);
  const maybe = corsMaybeSentByOf(reading.headers);
  return { ...(sentBy.length === 0 ? {} : { corsSentBy: sentBy }), ...(maybe.length === 0 ? {} : { corsMaybeSentBy: maybe }) };
}

/** The API Gateway entry point the reading shows, as an optional field. */
function awsEntryField(reading: StackReading): { awsEntry?: AwsEntry } {
  const entry = awsEntryOf(reading.layers);
  return entry === null ? {} : { awsEntry: entry };
}

/**
 * The preflight and the request answered by different layers (`StackReading.answeredApart`), which
 * is why the fix is for the preflight's: said in one sentence after the explanation.
 */
function answeredApartText(apart: AnsweredApart): string {
  return `The preflight was answered by ${apart.preflight}; the request by ${apart.response}.`;
}

export interface ExplainOptions extends ConsoleMessageOptions {
  /** Stacks to write fixes for, instead of the ones detected from the headers. */
  stacks?: ServerStack[];
  /**
   * Optional, added: `first` builds only the first fix (`fixes` then holds at most that one), for
   * outputs that show no other (`explain --json`). Default `all`.
   */
  fixes?: 'all' | 'first';
  /**
   * Optional, added: `skip` leaves `firefox` null without working it out, for outputs that never
   * show it (`explain --json` prints Firefox's verdict from its own diagnosis). Default `include`.
   */
  firefox?: 'include' | 'skip';
  /**
   * Optional, added: the browser whose rules `diagnosis` followed, named where the words differ by
   * browser (an advisory: `advisories`; the reasons a cached copy refused after a 304 could give:
   * `explanation`). Default `chromium`.
   */
  browser?: AdviceBrowser;
}

export function explain(diagnosis: Diagnosis, exchange: ObservedExchange, options: ExplainOptions = {}): Explanation {
  // The facts and the needed policy are read by several parts below: computed once for this call.
  return withExplainScope(diagnosis, exchange, () => explainInScope(diagnosis, exchange, options));
}

function explainInScope(diagnosis: Diagnosis, exchange: ObservedExchange, options: ExplainOptions): Explanation {
  const facts = explainFacts(diagnosis, exchange);
  const sends = serverSends(diagnosis, exchange);
  const blocked = diagnosis.verdict === 'blocked';
  let fixes: Fix[] = [];
  const reading = stackReadingOf(diagnosis, exchange);
  const traps = trapsOf(diagnosis, exchange, reading);
  if (blocked) {
    const stacks = options.stacks ?? stacksOf(diagnosis, exchange, reading);
    const context = {
      policy: neededPolicy(diagnosis, exchange),
      error: diagnosis.corsError,
      // The plain-headers fix sets the advised Vary too: it comes last on its response, as it always did.
      mustSend: [...sends.must, ...sends.should],
      errorStatus: diagnosis.errorResponse?.status ?? null,
      pageCredentials: diagnosis.credentialsMode,
      ...(notModifiedWithoutAllowOrigin(diagnosis, exchange) ? { notModified: true as const } : {}),
      ...(diagnosis.corsError === 'PreflightInvalidStatus' ? { corsOnRefusedPreflight: true as const } : {}),
      ...awsEntryField(reading),
      ...(answersVaryByOrigin(exchange.hops[facts.hop]) ? { originVaries: true } : {}),
      ...iisField(reading),
      ...corsSentByField(reading),
    };
    if (options.fixes === 'first') {
      const first = firstFix(stacks, context, facts.url);
      if (first !== null) fixes = [first];
    } else {
      fixes = buildFixes(stacks, context, facts.url);
    }
    // Cloudflare challenged the preflight: no header gets past that, so its rule comes first.
    const preflight = diagnosis.failedAt?.phase === 'preflight' ? facts.hopData?.preflight?.response : undefined;
    if (preflight && edgeAnswer(preflight.headers, preflight.status) === 'cloudflare-challenge') {
      const skip = cloudflareSkipPreflightFix(parseUrl(facts.url)?.hostname ?? '');
      fixes = options.fixes === 'first' ? [skip] : [skip, ...fixes];
    }
  }
  return {
    headline: headline(diagnosis, exchange),
    consoleMessage: consoleMessage(diagnosis, exchange, options),
    explanation: blocked && reading.answeredApart !== undefined ? `${explanationText(diagnosis, exchange, options.browser)} ${answeredApartText(reading.answeredApart)}` : explanationText(diagnosis, exchange, options.browser),
    serverMustSend: sends.must,
    serverShouldSend: sends.should,
    fixes: fixesWithTraps(fixes, traps, reading),
    advisories: advisories(diagnosis, exchange, options.browser),
    firefox: options.firefox === 'skip' ? null : firefoxReasonWithPage(diagnosis, exchange),
    assumptions: assumptionNotes(diagnosis),
    stack: reading,
    traps,
  };
}
