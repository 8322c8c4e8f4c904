// The precise build's manifest (`dist-precise/`), made from the one manifest.json: the same
// extension, with the `debugger` permission that precise mode needs (Chromium's own verdict of each
// request, `extension/precise-mode.ts`). It is a required permission, granted at install: Chromium
// will not have `debugger` optional (chrome_api_permissions.cc flags it kFlagCannotBeOptional; it
// drops it from `optional_permissions` with an error in the extension's Errors list, and a
// `chrome.permissions.request` for it rejects). The default build (`dist/`) has no `debugger`
// at all: the debugger can change traffic, so only someone who asks for this build gets it.

/** The fields of manifest.json this reads; the rest is copied as it is. */
export interface DefaultManifest {
  name: string;
  description: string;
  permissions: string[];
  [key: string]: unknown;
}

/** What the precise build adds to the default build's permissions. */
const PRECISE_PERMISSION = 'debugger';

export function preciseManifest<M extends DefaultManifest>(manifest: M): M {
  const listed = [manifest.permissions, manifest['optional_permissions']].some((list) => Array.isArray(list) && list.includes(PRECISE_PERMISSION));
  if (listed) throw new Error(`manifest.json names "${PRECISE_PERMISSION}": only the precise build may have it`);
  return {
    ...manifest,
    name: `${manifest.name} (precise)`,
    description: 'Explains why the browser blocked a cross-origin response. Precise build: can attach the debugger to read Chromium’s own verdicts.',
    permissions: [...manifest.permissions, PRECISE_PERMISSION],
  };
}
