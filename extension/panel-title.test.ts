// The panel's title from each build's real manifest: only the precise build's says "precise".

import { describe, expect, it } from 'vitest';
import manifest from '../manifest.json' with { type: 'json' };
import { firefoxManifest } from '../scripts/firefox-manifest.ts';
import { preciseManifest } from '../scripts/precise-manifest.ts';
import { panelTitle } from './panel-title.ts';

describe('panelTitle', () => {
  it('the default build (dist/): CORS', () => expect(panelTitle(manifest)).toBe('CORS'));
  it('the precise build (dist-precise/): CORS (precise), told apart when both are loaded', () => expect(panelTitle(preciseManifest(manifest))).toBe('CORS (precise)'));
  it('the Firefox build (dist-firefox/): CORS', () => expect(panelTitle(firefoxManifest(manifest))).toBe('CORS'));
  it('a manifest without permissions: CORS', () => expect(panelTitle({})).toBe('CORS'));
});
