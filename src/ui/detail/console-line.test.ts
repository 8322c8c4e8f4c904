// The console line the detail shows: the panel's own browser's, under its name; Firefox's line is
// never shown twice, and Chromium's never in Firefox's build.

import { describe, expect, it } from 'vitest';
import { consoleLines } from './console-line.ts';

const CHROMIUM = "Access to fetch at 'https://api.example/' from origin 'https://app.example' has been blocked by CORS policy: …";
const FIREFOX = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example/. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.';
const blocked = { consoleMessage: CHROMIUM, firefox: { reason: 'CORS header missing', mdn: 'https://developer.mozilla.org/docs/Web/HTTP/CORS/Errors/CORSMissingAllowOrigin', console: FIREFOX } };

describe('consoleLines', () => {
  it("Chromium's build: Chromium's line in the console section, Firefox's under In Firefox", () => {
    expect(consoleLines('chromium', blocked)).toEqual({
      console: { title: 'Chromium console message', text: CHROMIUM, className: 'cp-console' },
      inFirefox: FIREFOX,
    });
  });
  it("Firefox's build: Firefox's line in the console section, titled for Firefox, and not repeated", () => {
    expect(consoleLines('firefox', blocked)).toEqual({
      console: { title: 'Firefox console message', text: FIREFOX, className: 'cp-firefox-console' },
      inFirefox: null,
    });
  });
  it("Firefox's build never shows Chromium's line, even when Firefox has none", () => {
    expect(consoleLines('firefox', { consoleMessage: CHROMIUM, firefox: null })).toEqual({ console: null, inFirefox: null });
    expect(consoleLines('firefox', { consoleMessage: CHROMIUM, firefox: { reason: 'r', mdn: 'm' } })).toEqual({ console: null, inFirefox: null });
  });
  it('no section when the browser has no line', () => {
    expect(consoleLines('chromium', { consoleMessage: null, firefox: null })).toEqual({ console: null, inFirefox: null });
    expect(consoleLines('chromium', { consoleMessage: null, firefox: { reason: 'r', mdn: 'm', console: FIREFOX } })).toEqual({ console: null, inFirefox: FIREFOX });
  });
});
