// A big HAR on disk, written in batches so that no single string comes near V8's string limit:
// batches of `generateHar` entries, each batch shifted a day later so that preflights still pair
// with their own requests. For the memory measurements of `npm run bench` (and by hand with
// `/usr/bin/time -v`): `tsx bench/big-har.ts OUT.har MEGABYTES`.

import { closeSync, openSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateHar } from './generate-har.ts';

const BATCH = 5_000;
const DAY = 24 * 60 * 60 * 1000;

interface Written {
  bytes: number;
  entries: number;
}

/** Writes a HAR of at least `targetBytes` to `path`, pretty-printed as DevTools does. */
export function writeBigHar(path: string, targetBytes: number): Written {
  const fd = openSync(path, 'w');
  try {
    let bytes = writeSync(fd, '{\n  "log": {\n    "version": "1.2",\n    "creator": { "name": "WebInspector", "version": "537.36" },\n    "pages": [],\n    "entries": [\n');
    let entries = 0;
    for (let batch = 0; bytes < targetBytes; batch++) {
      const { log } = JSON.parse(generateHar(BATCH, batch + 1)) as { log: { entries: { startedDateTime: string }[] } };
      const parts: string[] = [];
      for (const entry of log.entries) {
        entry.startedDateTime = new Date(Date.parse(entry.startedDateTime) + batch * DAY).toISOString();
        parts.push((entries === 0 && parts.length === 0 ? '' : ',\n') + JSON.stringify(entry, null, 2).replace(/^/gm, '      '));
      }
      entries += log.entries.length;
      bytes += writeSync(fd, parts.join(''));
    }
    bytes += writeSync(fd, '\n    ]\n  }\n}\n');
    return { bytes, entries };
  } finally {
    closeSync(fd);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, megabytes] = process.argv.slice(2);
  if (out === undefined || megabytes === undefined) {
    console.error('usage: tsx bench/big-har.ts OUT.har MEGABYTES');
    process.exit(2);
  }
  const written = writeBigHar(out, Number(megabytes) * 1e6);
  console.log(`${out}: ${(written.bytes / 1e6).toFixed(1)} MB, ${written.entries} entries`);
}
