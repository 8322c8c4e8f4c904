// This engine's package version: what an exported bundle names as its engine, and what an import
// names beside the exporter's when their verdicts differ.

import packageJson from '../../../package.json' with { type: 'json' };

export const ENGINE_VERSION: string = packageJson.version;
