// `npm run docs:schema`: rewrites the tables of docs/bundle-schema.md from the bundle schema.

import { readFileSync, writeFileSync } from 'node:fs';
import { renderSchemaDocs } from '../src/export/bundle-schema-docs.ts';

const path = new URL('../docs/bundle-schema.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = renderSchemaDocs(before);
if (after !== before) writeFileSync(path, after);
console.log(after === before ? 'docs/bundle-schema.md: up to date' : 'docs/bundle-schema.md: tables rewritten from the schema');
