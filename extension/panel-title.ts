// DevTools' tab title for the panel. With both Chromium builds loaded (the default one and the
// precise one, scripts/precise-manifest.ts), two tabs both titled "CORS" could not be told apart:
// the precise build's says so. Read from the manifest the build was made with, whose `debugger`
// permission only the precise build has (the same fact the worker's precise mode rests on).

const PANEL_TITLE = 'CORS';
const PRECISE_PANEL_TITLE = 'CORS (precise)';

export function panelTitle(manifest: { permissions?: readonly unknown[] | undefined }): string {
  return manifest.permissions?.includes('debugger') === true ? PRECISE_PANEL_TITLE : PANEL_TITLE;
}
