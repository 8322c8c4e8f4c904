// The Precise mode box as the browser tests find it, and the title DevTools gives the panel's tab.

import type { DevtoolsDriver } from './devtools-frontend.ts';

/** An expression, evaluated in the panel's page: the box of the label that reads "Precise mode". */
export const PRECISE_BOX = `[...document.querySelectorAll('label')].find((label) => label.textContent.trim() === 'Precise mode')?.querySelector('input')`;

/** The title of an extension panel's tab in a DevTools window, as DevTools shows it. */
export function devtoolsPanelTitle(devtools: DevtoolsDriver, frontend: string, panelId: string): Promise<string | undefined> {
  return devtools.evaluate<string | undefined>(
    frontend,
    `(async () => (await import('./ui/legacy/legacy.js')).InspectorView.InspectorView.instance().tabbedPane.tabsById.get(${JSON.stringify(panelId)})?.title)()`,
  );
}
