// The viewer page as a module (`dist/viewer-page.js`, written by scripts/vite-viewer-single-file.ts
// after the extension's build): the panel imports it at run time by its path in the extension.
declare module '*/viewer-page.js' {
  const page: string;
  export default page;
}
