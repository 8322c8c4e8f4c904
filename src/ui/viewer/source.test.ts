import { describe, expect, it } from 'vitest';
import { viewerSource } from './source.ts';

const SERVED = { href: 'https://viewer.example/tools/viewer.html?src=x', origin: 'https://viewer.example' };

describe("the viewer's ?src=", () => {
  it('a file next to the page: its URL and its decoded name', () => {
    const source = viewerSource('files/my%20capture.json', SERVED);
    expect(source).toEqual({ ok: true, url: new URL('https://viewer.example/tools/files/my%20capture.json'), fileName: 'my capture.json' });
  });

  it('a name that is no valid percent-encoding still gets its message, shown as written', () => {
    // decodeURIComponent('%E0') throws: the import error was never shown, the page's promise rejected.
    expect(viewerSource('/files/a%E0.json', SERVED)).toMatchObject({ ok: true, fileName: 'a%E0.json' });
    expect(viewerSource('https://other.example/a%E0%80.json', SERVED)).toMatchObject({ ok: false, fileName: 'a%E0%80.json', message: expect.stringContaining('own origin') });
  });

  it('another origin is refused', () => {
    expect(viewerSource('http://localhost:1/x.json', SERVED)).toMatchObject({ ok: false, message: "?src= must name a file on this page's own origin (https://viewer.example), not http://localhost:1." });
  });

  it('a page opened from disk fetches no file: URL, though both origins read "null"', () => {
    const fromDisk = { href: 'file:///home/me/viewer.html?src=x', origin: 'null' };
    for (const src of ['/home/me/.ssh/id_ed25519', 'file:///etc/passwd', 'data:application/json,{}']) {
      expect(viewerSource(src, fromDisk)).toMatchObject({ ok: false, message: expect.stringContaining('served over http or https') });
    }
  });

  it('no URL at all', () => {
    expect(viewerSource('http://[', SERVED)).toEqual({ ok: false, fileName: 'http://[', message: '?src= is not a URL.' });
  });
});
