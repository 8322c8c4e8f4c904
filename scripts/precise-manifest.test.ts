import { describe, expect, it } from 'vitest';
import manifest from '../manifest.json' with { type: 'json' };
import { firefoxManifest } from './firefox-manifest.ts';
import { preciseManifest } from './precise-manifest.ts';

describe('preciseManifest', () => {
  const precise = preciseManifest(manifest) as Record<string, unknown>;

  it('the default build (manifest.json as it is) has no debugger permission, required or optional', () => {
    expect(JSON.stringify(manifest)).not.toContain('debugger');
    expect(manifest).not.toHaveProperty('optional_permissions');
  });

  it('the precise build has it required, granted at install (Chromium cannot have it optional)', () => {
    expect(precise['permissions']).toEqual([...manifest.permissions, 'debugger']);
    expect(precise).not.toHaveProperty('optional_permissions');
  });

  it('says it is the precise build, in a description Chromium accepts (132 characters at most)', () => {
    expect(precise['name']).toBe(`${manifest.name} (precise)`);
    expect(String(precise['description'])).toMatch(/precise/i);
    expect(String(precise['description']).length).toBeLessThanOrEqual(132);
  });

  it('keeps everything else as manifest.json has it', () => {
    for (const [key, value] of Object.entries(manifest)) {
      if (!['name', 'description', 'permissions'].includes(key)) expect(precise[key], key).toEqual(value);
    }
  });

  it('refuses a manifest.json that already names the debugger', () => {
    expect(() => preciseManifest({ ...manifest, optional_permissions: ['debugger'] })).toThrow(/only the precise build/);
  });

  it('the Firefox build has no debugger either', () => {
    expect(JSON.stringify(firefoxManifest(manifest))).not.toContain('debugger');
  });
});
