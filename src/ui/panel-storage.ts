// Where the panel keeps its own small preferences (the splitter's place). The UI knows nothing of
// the browser: the host passes a storage in; by default the page's localStorage, which inside
// DevTools is the extension panel page's own.

export interface PanelStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

/** Kept for this page's life only: where localStorage is refused (a sandboxed or opaque-origin page). */
function memoryStorage(): PanelStorage {
  const values = new Map<string, string>();
  return { get: (key) => values.get(key) ?? null, set: (key, value) => void values.set(key, value) };
}

export function domStorage(): PanelStorage {
  try {
    const local = globalThis.localStorage;
    if (!local) return memoryStorage();
    return {
      get: (key) => {
        try {
          return local.getItem(key);
        } catch {
          return null;
        }
      },
      set: (key, value) => {
        try {
          local.setItem(key, value);
        } catch {
          // Full or refused: the preference lasts as long as the page, which is acceptable.
        }
      },
    };
  } catch {
    // Reading `localStorage` itself throws on an opaque origin.
    return memoryStorage();
  }
}
