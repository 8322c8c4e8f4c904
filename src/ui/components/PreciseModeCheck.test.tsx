// The Precise mode box in each state, read from the VNode tree (no DOM needed): offered where the
// build can do precise mode; elsewhere disabled, with the few words, the "how?" and the line it opens;
// disabled without words until the capture side has said which.

import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import type { PreciseAvailability } from '../protocol.ts';
import { PRECISE_MODE_HELP } from '../precise-mode-help.ts';
import { PreciseModeCheck, PreciseModeHelpLine, type PreciseModeCheckProps } from './PreciseModeCheck.tsx';

type Node = VNode<Record<string, unknown> & { children?: unknown }>;

function children(node: unknown): unknown[] {
  if (Array.isArray(node)) return node.flatMap(children);
  if (node === null || node === undefined || typeof node !== 'object') return [];
  return [node];
}

/** Every element of the tree, depth first. */
function elements(node: unknown): Node[] {
  return children(node).flatMap((child) => {
    const element = child as Node;
    return [element, ...elements(element.props.children)];
  });
}

function text(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(text).join('');
  return text((node as Node).props.children);
}

function render(availability: PreciseAvailability, over: Partial<PreciseModeCheckProps> = {}) {
  const changes: boolean[] = [];
  let toggles = 0;
  const tree = PreciseModeCheck({
    on: false,
    availability,
    known: true,
    onChange: (on) => changes.push(on),
    helpShown: false,
    onToggleHelp: () => toggles++,
    hintId: 'hint',
    helpId: 'help',
    ...over,
  });
  const all = elements(tree);
  const input = all.find((e) => e.type === 'input')!;
  const label = all.find((e) => e.type === 'label')!;
  const button = all.find((e) => e.type === 'button');
  return { tree, all, input, label, button, changes, toggles: () => toggles };
}

describe('PreciseModeCheck', () => {
  it('where the build can do precise mode: the box, enabled, that turns it on', () => {
    const { input, label, button, changes, tree } = render('available', { on: true });
    expect(input.props['disabled']).toBeUndefined();
    expect(input.props['checked']).toBe(true);
    expect(text(label).trim()).toBe('Precise mode');
    expect(button).toBeUndefined();
    (input.props['onChange'] as (e: { currentTarget: { checked: boolean } }) => void)({ currentTarget: { checked: false } });
    expect(changes).toEqual([false]);
    expect(text(tree)).not.toMatch(/how\?|only/);
  });

  it.each(['available', 'needs-precise-build', 'chromium-only'] as const)('%s, before the capture side has said: the box disabled and off, without words (never offered and then taken back)', (availability) => {
    const { input, label, button, tree } = render(availability, { known: false, on: true });
    expect(input.props['disabled']).toBe(true);
    expect(input.props['checked']).toBe(false);
    expect(input.props['onChange']).toBeUndefined();
    expect(text(label).trim()).toBe('Precise mode');
    expect(button).toBeUndefined();
    expect(text(tree)).not.toMatch(/how\?|why\?|only/);
  });

  it.each([
    ['needs-precise-build', 'Precise build only', 'how?'],
    ['chromium-only', 'Chromium only', 'why?'],
  ] as const)('%s: the box disabled and off, the words beside it, and a button that opens the explanation', (availability, hint, ask) => {
    const { input, label, button, all, toggles } = render(availability, { on: true });
    const help = PRECISE_MODE_HELP[availability];
    expect(input.props['disabled']).toBe(true);
    expect(input.props['checked']).toBe(false);
    expect(input.props['onChange']).toBeUndefined();
    // The label still reads "Precise mode": the box is found by its name, and it says what it is.
    expect(text(label).trim()).toBe('Precise mode');
    expect(label.props['title']).toBe(help.explanation);
    const hintSpan = all.find((e) => e.props['id'] === 'hint')!;
    expect(text(hintSpan)).toBe(hint);
    expect(input.props['aria-describedby']).toBe('hint');
    expect(text(button)).toBe(ask);
    // Its name says what it opens, where Tab lands on it past the disabled box.
    expect(button!.props['aria-label']).toMatch(availability === 'chromium-only' ? /^Why precise mode/ : /^How to get precise mode/);
    expect(button!.props['aria-controls']).toBe('help');
    expect(button!.props['aria-expanded']).toBe(false);
    (button!.props['onClick'] as () => void)();
    expect(toggles()).toBe(1);
  });

  it('the explanation line: only while shown, and only where precise mode is unavailable', () => {
    expect(PreciseModeHelpLine({ availability: 'needs-precise-build', shown: false, id: 'help' })).toBeNull();
    expect(PreciseModeHelpLine({ availability: 'available', shown: true, id: 'help' })).toBeNull();
    const line = PreciseModeHelpLine({ availability: 'needs-precise-build', shown: true, id: 'help' }) as Node;
    expect(line.props['id']).toBe('help');
    expect(text(line)).toBe(PRECISE_MODE_HELP['needs-precise-build'].explanation);
  });
});

describe('PRECISE_MODE_HELP', () => {
  it('says how to get the precise build, in plain words: no Markdown, no link anchor shown as text', () => {
    const { explanation } = PRECISE_MODE_HELP['needs-precise-build'];
    expect(explanation).toMatch(/precise build.*only at install.*npm run build.*dist-precise\//);
    expect(explanation).not.toMatch(/allow|again/i);
    for (const { hint, explanation: words } of Object.values(PRECISE_MODE_HELP)) {
      expect(`${hint} ${words}`).not.toMatch(/[`*_[\]#]|\.md#|https?:/);
    }
  });

  it('Firefox: precise mode is Chromium’s only', () => {
    expect(PRECISE_MODE_HELP['chromium-only'].explanation).toMatch(/^Precise mode is for Chromium only: .*Firefox does not offer/);
  });
});
