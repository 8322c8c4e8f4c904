import { describe, expect, it } from 'vitest';
import { exporterRules, importRules, importSender, judgedBy, rulesNotice } from './import-rules.ts';

describe('importRules: whose rules judge an opened file', () => {
  it.each([
    ['a Firefox bundle in the Chromium panel or viewer', 'chromium', { kind: 'bundle', browser: 'firefox' }, 'firefox'],
    ['a Firefox bundle in the Firefox panel', 'firefox', { kind: 'bundle', browser: 'firefox' }, 'firefox'],
    ['a Chromium bundle (no browser) in the Chromium panel', 'chromium', { kind: 'bundle' }, 'chromium'],
    ['a Chromium bundle in the Firefox panel: Firefox reading a Chromium capture', 'firefox', { kind: 'bundle' }, 'firefox'],
    ['a HAR in the Chromium panel', 'chromium', { kind: 'har' }, 'chromium'],
    ['a HAR in the Firefox panel', 'firefox', { kind: 'har' }, 'firefox'],
    ['a HAR Firefox wrote, in the Chromium panel or viewer', 'chromium', { kind: 'har', writtenByFirefox: true }, 'firefox'],
    ['a HAR Firefox wrote, in the Firefox panel', 'firefox', { kind: 'har', writtenByFirefox: true }, 'firefox'],
    ['a HAR another browser wrote, in the Chromium panel', 'chromium', { kind: 'har', writtenByFirefox: false }, 'chromium'],
  ] as const)('%s', (_, panel, file, rules) => {
    expect(importRules(panel, file)).toBe(rules);
  });

  it("the exporter's rules: a bundle's browser, Chromium's when absent, none for a HAR", () => {
    expect(exporterRules({ kind: 'bundle', browser: 'firefox' })).toBe('firefox');
    expect(exporterRules({ kind: 'bundle' })).toBe('chromium');
    expect(exporterRules({ kind: 'har' })).toBeNull();
  });
});

describe('importSender: the browser that sent an opened exchange, whatever rules judge it', () => {
  it.each([
    ['a HAR Firefox wrote', { kind: 'har', writtenByFirefox: true }, {}, 'firefox'],
    ['any other HAR', { kind: 'har' }, {}, 'chromium'],
    ["a Firefox bundle's exchange that Chromium sent (its sentBy)", { kind: 'bundle', browser: 'firefox' }, { sentBy: 'chromium' }, 'chromium'],
    ["a Chromium bundle's exchange that Firefox sent", { kind: 'bundle' }, { sentBy: 'firefox' }, 'firefox'],
    ["a Firefox bundle's exchange without sentBy: the bundle's browser", { kind: 'bundle', browser: 'firefox' }, {}, 'firefox'],
    ['a bundle from before both fields: Chromium', { kind: 'bundle' }, {}, 'chromium'],
  ] as const)('%s', (_, file, exchange, sender) => {
    expect(importSender(file, exchange)).toBe(sender);
  });
});

describe('rulesNotice: what the detail says of them', () => {
  it("a Firefox bundle in the Chromium panel says Firefox's rules judged it, as the exporter did", () => {
    expect(rulesNotice('chromium', 'firefox', 'firefox')).toBe(
      "Judged by Firefox's rules, as the exporter judged it: the verdict, explanation, checks, fixes and what-if are Firefox's.",
    );
  });

  it('a Chromium bundle in the Firefox panel names both rules', () => {
    expect(rulesNotice('firefox', 'firefox', 'chromium')).toBe("Judged by Firefox's rules here; the exporter judged it by Chromium's.");
  });

  it("a HAR in the Firefox panel: Firefox's rules; nothing where rules, panel and exporter agree on Chromium's or on Firefox's", () => {
    expect(rulesNotice('firefox', 'firefox', null)).toBe("Judged by Firefox's rules.");
    // A HAR Firefox wrote, in the Chromium panel: no exporter judged it, Firefox made its requests.
    expect(rulesNotice('chromium', 'firefox', null)).toBe(
      "Judged by Firefox's rules, as Firefox wrote this HAR: the verdict, explanation, checks, fixes and what-if are Firefox's.",
    );
    expect(rulesNotice('chromium', 'chromium', null)).toBeNull();
    expect(rulesNotice('chromium', 'chromium', 'chromium')).toBeNull();
    expect(rulesNotice('firefox', 'firefox', 'firefox')).toBeNull();
  });

  it('judgedBy words the rules as the import status line and diagnosis.html do', () => {
    expect(judgedBy('firefox')).toBe("judged by Firefox's rules");
  });
});
