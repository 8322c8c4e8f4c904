// This package's version, the CLI's one source of it: for `--version`, `--help` and the engine
// version that `share` and `report` record. Imported, not read: the build (scripts/build-cli.mjs)
// inlines it, so the built CLI reads no package.json at run time.

import packageJson from '../../package.json' with { type: 'json' };

export const PACKAGE_VERSION: string = packageJson.version;
