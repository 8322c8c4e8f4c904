// The DevTools driver lives with `npm start` (scripts/), which shows the CORS panel the same way.
export { DevtoolsDriver } from '../../../scripts/devtools-frontend.ts';
