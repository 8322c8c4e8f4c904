// The Firefox build's manifest (`dist-firefox/`), made from the one manifest.json, so both builds
// name the same pages, permissions and policy. What Firefox's MV3 wants instead:
// - an event page (`background.scripts`), not a service worker (Firefox runs no extension service
//   worker); it is suspended when idle, as Chromium stops its worker, so the capture is restored
//   from `storage.session` and IndexedDB the same way;
// - `browser_specific_settings.gecko`: an id (without one, storage and the extension's URL change on
//   every install) and the lowest version the build was checked on (Debian's firefox-esr 153);
//   Firefox also asks every new extension to declare what data it collects: none leaves the browser;
// - no Chromium-only key: `minimum_chrome_version`, `message_serialization` (Firefox's messages
//   are always structured clones), and never a `debugger` permission (precise mode reads
//   Chromium's DevTools protocol; Firefox has no `debugger` API). manifest.json has none (only the
//   precise build's manifest does, scripts/precise-manifest.ts), but an optional one is dropped.

/** The fields of manifest.json this reads; the rest is copied as it is. */
export interface ChromiumManifest {
  background: { service_worker: string; type?: string };
  optional_permissions?: string[];
  [key: string]: unknown;
}

/** The extension's id in Firefox. */
export const FIREFOX_EXTENSION_ID = 'cors-inspector@cors-inspector';
/** The Firefox the build is checked on (`test/browser/firefox-*.test.ts`). */
export const FIREFOX_MIN_VERSION = '153.0';

const CHROMIUM_ONLY_KEYS = ['minimum_chrome_version', 'message_serialization'];
const CHROMIUM_ONLY_PERMISSIONS = new Set(['debugger']);

export function firefoxManifest<M extends ChromiumManifest>(chromium: M): Omit<M, 'minimum_chrome_version' | 'message_serialization' | 'background'> {
  const manifest: Record<string, unknown> = { ...chromium };
  for (const key of CHROMIUM_ONLY_KEYS) delete manifest[key];
  manifest['background'] = { scripts: [chromium.background.service_worker], ...(chromium.background.type ? { type: chromium.background.type } : {}) };
  const optional = (chromium.optional_permissions ?? []).filter((p) => !CHROMIUM_ONLY_PERMISSIONS.has(p));
  if (optional.length > 0) manifest['optional_permissions'] = optional;
  else delete manifest['optional_permissions'];
  manifest['browser_specific_settings'] = {
    gecko: { id: FIREFOX_EXTENSION_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
  };
  return manifest as Omit<M, 'minimum_chrome_version' | 'message_serialization' | 'background'>;
}
