// The fix's Copy button, read from the VNode tree (no DOM needed): its accessible name is the tab's,
// which for a fix with a tab of its own ("In the page") is not its target's ("HTTP headers").

import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import type { Fix } from '../../cors/index.ts';
import { CopyButton } from './CopyButton.tsx';
import { FixHead, fixTabName } from './Fixes.tsx';

type Node = VNode<Record<string, unknown> & { children?: unknown }>;

/** Every element of the tree, depth first (components are not rendered: their props are read). */
function elements(node: unknown): Node[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (node === null || node === undefined || typeof node !== 'object') return [];
  const element = node as Node;
  return [element, ...elements(element.props.children)];
}

/** The Copy button's accessible name, as CopyButton sets it (`aria-label`: "Copy " and its `what`). */
function copyName(fix: Fix): string {
  const copy = elements(FixHead({ fix })).find((e) => e.type === CopyButton);
  if (!copy) throw new Error('no Copy button');
  return `Copy ${String(copy.props.what)}`;
}

const headers: Fix = { target: 'generic', title: 'Any server: send these headers', language: 'http', snippet: 'Access-Control-Allow-Origin: *' };
const page: Fix = { target: 'generic', tab: 'In the page', title: "In the page: use mode 'cors'", language: 'js', snippet: "fetch(u, { mode: 'cors' });" };

describe('the fix tab Copy button', () => {
  it("is named after the tab's own name where the fix has one", () => {
    expect(fixTabName(page)).toBe('In the page');
    expect(copyName(page)).toBe('Copy snippet (In the page)');
  });
  it("is named after the target's label otherwise", () => {
    expect(fixTabName(headers)).toBe('HTTP headers');
    expect(copyName(headers)).toBe('Copy snippet (HTTP headers)');
    expect(copyName({ ...headers, target: 'caddy', title: 'Caddy', language: 'caddyfile' })).toBe('Copy snippet (Caddy)');
  });
});
