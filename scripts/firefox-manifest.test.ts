import { describe, expect, it } from 'vitest';
import manifest from '../manifest.json' with { type: 'json' };
import { FIREFOX_EXTENSION_ID, firefoxManifest } from './firefox-manifest.ts';

describe('firefoxManifest', () => {
  const firefox = firefoxManifest(manifest) as Record<string, unknown>;

  it('runs the background as an event page, the same module as Chromium’s service worker', () => {
    expect(firefox['background']).toEqual({ scripts: [manifest.background.service_worker], type: 'module' });
  });

  it('names the extension for Firefox and the version it was checked on', () => {
    const gecko = (firefox['browser_specific_settings'] as { gecko: Record<string, unknown> }).gecko;
    expect(gecko['id']).toBe(FIREFOX_EXTENSION_ID);
    expect(gecko['strict_min_version']).toMatch(/^\d+\.0$/);
    expect(gecko['data_collection_permissions']).toEqual({ required: ['none'] });
  });

  it('leaves out what only Chromium knows', () => {
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
    expect(firefox).not.toHaveProperty('message_serialization');
    expect(JSON.stringify(firefox)).not.toContain('debugger');
    expect(JSON.stringify(firefox)).not.toContain('service_worker');
  });

  it('keeps everything else as manifest.json has it', () => {
    for (const key of ['name', 'version', 'description', 'devtools_page', 'action', 'permissions', 'host_permissions', 'content_security_policy'] as const) {
      expect(firefox[key]).toEqual(manifest[key]);
    }
  });

  it('keeps an optional permission Firefox knows', () => {
    const withCookies = firefoxManifest({ ...manifest, optional_permissions: ['debugger', 'cookies'] }) as Record<string, unknown>;
    expect(withCookies['optional_permissions']).toEqual(['cookies']);
  });
});
