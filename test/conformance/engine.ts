// The engine and the HAR mapper, loaded when they exist: they are written at the same time as this
// harness, so until they land the harness still records the browser and checks the files' `expect`.

import type { Diagnosis, ObservedExchange, VerdictOnly } from '../../src/cors/index.ts';

export interface Engine {
  diagnose(exchange: ObservedExchange): Diagnosis;
  /** The verdict-only path, compared with `diagnose` on every run when present. */
  diagnoseVerdict?: (exchange: ObservedExchange) => VerdictOnly;
  exchangesFromHar(har: unknown): ObservedExchange[];
}

export interface LoadedEngine {
  engine: Engine | null;
  /** Why the engine comparison is off, when it is. */
  missing: string[];
}

async function tryImport(path: string): Promise<Record<string, unknown> | null> {
  try {
    return (await import(path)) as Record<string, unknown>;
  } catch (e) {
    // A module that exists but throws on load is a real failure, not an absence.
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return null;
    throw e;
  }
}

export async function loadEngine(): Promise<LoadedEngine> {
  const missing: string[] = [];
  const diagnoseModule = await tryImport(new URL('../../src/cors/diagnose.ts', import.meta.url).href);
  const harModule = await tryImport(new URL('../../src/capture/har.ts', import.meta.url).href);
  const diagnose = diagnoseModule?.['diagnose'];
  const exchangesFromHar = harModule?.['exchangesFromHar'];
  if (typeof diagnose !== 'function') missing.push('diagnose() in src/cors/diagnose.ts');
  if (typeof exchangesFromHar !== 'function') missing.push('exchangesFromHar() in src/capture/har.ts');
  if (missing.length > 0) return { engine: null, missing };
  return {
    engine: {
      diagnose: diagnose as Engine['diagnose'],
      ...(typeof diagnoseModule?.['diagnoseVerdict'] === 'function' ? { diagnoseVerdict: diagnoseModule['diagnoseVerdict'] as Engine['diagnoseVerdict'] } : {}),
      exchangesFromHar: exchangesFromHar as Engine['exchangesFromHar'],
    },
    missing,
  };
}
