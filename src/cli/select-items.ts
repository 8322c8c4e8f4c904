// Which of the input's exchanges `curl`, `report` and `share` are about: the cross-origin ones,
// optionally only those whose URL contains some text.

import { isCrossOriginExchange, quoted, urlContains } from '../export/index.ts';
import { CliError } from './command.ts';
import type { Input, InputItem } from './input.ts';

/** Throws `CliError` when the filter (or, with `required`, the input) selects nothing. */
export function selectItems(input: Input, urlFilter: string | undefined, required: boolean): InputItem[] {
  const items = input.items.filter(({ exchange }) => isCrossOriginExchange(exchange) && (urlFilter === undefined || urlContains(exchange, urlFilter)));
  if (items.length > 0) return items;
  if (urlFilter !== undefined) throw new CliError('usage', `no cross-origin request in ${input.name} has a URL containing ${quoted(urlFilter, Number.MAX_SAFE_INTEGER)}`);
  if (required) throw new CliError('usage', `${input.name} has no cross-origin requests`);
  return items;
}
