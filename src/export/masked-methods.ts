// `explain` masks what it prints before the engine reads the exchange (`masked-url-secrets.ts`,
// `masked-header-names.ts`): a method shaped like a credential too, as the exports write it
// (`secret-methods.ts`), numbered by the run's numbering. The renaming keeps every verdict.

import type { HeaderList, ObservedExchange } from '../cors/index.ts';
import { maskedHop } from './masked-header-names.ts';
import { allHeaderLists, headerNamesAsRedacted } from './redact-exchange.ts';
import { redactMethod, redactMethodLine, renamedMethods } from './secret-methods.ts';
import type { SecretNameNumbers } from './secret-name-numbers.ts';

/**
 * `exchange` with every method written as the exports write them (`explain`, which masks what it
 * prints before the engine reads it, as `masked-header-names.ts` does header names); itself when
 * none changes.
 */
export function withMethodsMasked(exchange: ObservedExchange, numbers: SecretNameNumbers): ObservedExchange {
  if (renamedMethods(exchange.request.method, allHeaderLists(exchange), numbers).length === 0) return exchange;
  const lines = (headers: HeaderList): HeaderList => headers.map((line) => redactMethodLine(line, [], numbers));
  const out: ObservedExchange = {
    ...exchange,
    request: { ...exchange.request, method: redactMethod(exchange.request.method, [], 'method', numbers), headers: lines(exchange.request.headers) },
    hops: exchange.hops.map((hop) => maskedHop(hop, lines)),
  };
  const words = headerNamesAsRedacted(exchange, numbers);
  if (exchange.errorText !== undefined) out.errorText = words(exchange.errorText);
  if (exchange.browserVerdict) out.browserVerdict = { ...exchange.browserVerdict, failedParameter: words(exchange.browserVerdict.failedParameter) };
  return out;
}
