// What an opened bundle claims where this engine, judging the same requests, says otherwise. The
// list, the detail, the import's status line and a diagnosis.html show this engine's verdict, as
// the CLI does; the file's own verdict is its claim, shown beside it. With the same engine version
// on both sides a verdict differs only where the file was edited, or where its redaction changed what
// the verdict reads (two secret header names redacted to one placeholder: a known limit), so the words
// name both rather than blame versions.

import type { BundleDiagnosis } from '../../export/index.ts';
import { VERDICT_LABEL } from '../labels.ts';

export interface EngineVersions {
  exported: string;
  now: string;
}

/**
 * `the file says: Allowed`: the stored verdict, as the row's verdict cell would name it; where it is
 * this engine's verdict with another error or failed parameter, the words say the cause differs.
 */
export function fileSays(stored: Pick<BundleDiagnosis, 'verdict'>, now?: Pick<BundleDiagnosis, 'verdict'>): string {
  const verdict = VERDICT_LABEL[stored.verdict];
  return now !== undefined && now.verdict === stored.verdict ? `the file says: ${verdict}, for another cause` : `the file says: ${verdict}`;
}

/** Why the file's verdict may differ from this engine's: another engine version, or an edited file. */
export function claimWhy(versions: EngineVersions): string {
  return versions.exported === versions.now
    ? "the file's verdict does not match its requests: edited by hand, or changed by redaction"
    : `exported by engine ${versions.exported}; this is ${versions.now}`;
}

/** The import's status line, for `n` verdicts the file states otherwise than this engine. */
export function claimsSummary(n: number, versions: EngineVersions): string {
  const count = `${n.toLocaleString('en-US')} ${n === 1 ? 'verdict' : 'verdicts'}`;
  return `${count} in the file ${n === 1 ? 'differs' : 'differ'} from this engine's, shown as this engine's (${claimWhy(versions)})`;
}
