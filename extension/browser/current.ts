// The browser this build is for: Chromium's here; the Firefox build (vite.config.ts) replaces this
// module with firefox.ts. Type checks and unit tests see Chromium's.

export { BROWSER } from './chromium.ts';
