import { describe, expect, it } from 'vitest';
import { isCaptureMessage, isPanelMessage, type CaptureMessage, type PanelMessage } from './protocol.ts';

const settings = { preserveLog: false, preciseMode: true, keepCapturing: false };
const status = { fallback: 'none', dropped: 0 };
const exchange = { id: '1', source: 'webRequest', exchange: { request: { method: 'GET', headers: [] }, hops: [{ url: 'http://a.test/', response: null }] } };

describe('isPanelMessage', () => {
  const good: PanelMessage[] = [
    { source: 'cors-inspector-panel', type: 'subscribe', tabId: 3 },
    { source: 'cors-inspector-panel', type: 'clear', tabId: 0 },
    { source: 'cors-inspector-panel', type: 'set-settings', tabId: 3, settings: { keepCapturing: true } },
    { source: 'cors-inspector-panel', type: 'set-settings', tabId: 3, settings: {} },
    { source: 'cors-inspector-panel', type: 'visibility', tabId: 3, shown: false },
  ];
  it.each(good)('accepts $type', (message) => expect(isPanelMessage(message)).toBe(true));

  it.each([
    ['no object', 'subscribe'],
    ['another source', { source: 'cors-inspector-capture', type: 'subscribe', tabId: 3 }],
    ['an unknown type', { source: 'cors-inspector-panel', type: 'unsubscribe', tabId: 3 }],
    ['a tab id that is a string', { source: 'cors-inspector-panel', type: 'subscribe', tabId: '3' }],
    ['no tab (-1)', { source: 'cors-inspector-panel', type: 'subscribe', tabId: -1 }],
    ['a fractional tab id', { source: 'cors-inspector-panel', type: 'clear', tabId: 1.5 }],
    ['settings missing', { source: 'cors-inspector-panel', type: 'set-settings', tabId: 3 }],
    ['a setting that is not a boolean', { source: 'cors-inspector-panel', type: 'set-settings', tabId: 3, settings: { preciseMode: 'yes' } }],
    ['an unknown setting', { source: 'cors-inspector-panel', type: 'set-settings', tabId: 3, settings: { blocking: true } }],
    ['a visibility without `shown`', { source: 'cors-inspector-panel', type: 'visibility', tabId: 3 }],
    ['a visibility that is not a boolean', { source: 'cors-inspector-panel', type: 'visibility', tabId: 3, shown: 'no' }],
    ['settings that are an array', { source: 'cors-inspector-panel', type: 'set-settings', tabId: 3, settings: [] }],
    // What a structured clone can carry and JSON cannot: no message of the protocol is one.
    ['settings that are a Map', { source: 'cors-inspector-panel', type: 'set-settings', tabId: 3, settings: new Map() }],
    ['settings that are a Date', { source: 'cors-inspector-panel', type: 'set-settings', tabId: 3, settings: new Date(0) }],
    ['a message that is a Map', new Map([['source', 'cors-inspector-panel']])],
  ])('refuses %s', (_, message) => expect(isPanelMessage(message)).toBe(false));

  it('accepts an object without a prototype, as a structured clone of a plain object may be', () => {
    expect(isPanelMessage(Object.assign(Object.create(null) as object, { source: 'cors-inspector-panel', type: 'subscribe', tabId: 3 }))).toBe(true);
  });
});

describe('isCaptureMessage', () => {
  const good: CaptureMessage[] = [
    { source: 'cors-inspector-capture', type: 'snapshot', tabId: 3, exchanges: [exchange as never], settings, status: status as never, preciseAvailability: 'available' },
    { source: 'cors-inspector-capture', type: 'snapshot', tabId: 3, exchanges: [], settings, status: status as never, preciseAvailability: 'needs-precise-build', more: true },
    { source: 'cors-inspector-capture', type: 'snapshot', tabId: 3, exchanges: [], settings, status: status as never, preciseAvailability: 'chromium-only' },
    { source: 'cors-inspector-capture', type: 'upsert', tabId: 3, exchanges: [] },
    { source: 'cors-inspector-capture', type: 'cleared', tabId: 3 },
    { source: 'cors-inspector-capture', type: 'status', tabId: 3, settings: { preserveLog: true, preciseMode: false }, status: { fallback: 'devtools-network', dropped: 2, problem: 'x' } },
    { source: 'cors-inspector-capture', type: 'status', tabId: 3, settings, status: { fallback: 'none', dropped: 0, capturingSince: 1_700_000_000_000 } },
    { source: 'cors-inspector-capture', type: 'page', tabId: 3, loadedBeforeCapture: true },
    { source: 'cors-inspector-capture', type: 'page', tabId: 3, loadedBeforeCapture: false, startedOver: true },
  ];
  it.each(good)('accepts $type', (message) => expect(isCaptureMessage(message)).toBe(true));

  const base = { source: 'cors-inspector-capture', tabId: 3 };
  it.each([
    ['a page fact that is not a boolean', { ...base, type: 'page', loadedBeforeCapture: 'yes' }],
    ['a page fact left out', { ...base, type: 'page' }],
    ['a start over that is not true', { ...base, type: 'page', loadedBeforeCapture: false, startedOver: false }],
    ['a snapshot without settings', { ...base, type: 'snapshot', exchanges: [], status, preciseAvailability: 'available' }],
    ['a snapshot whose exchanges is not a list', { ...base, type: 'snapshot', exchanges: {}, settings, status, preciseAvailability: 'available' }],
    // Whether the build can do precise mode: one of the three answers, never left out (the panel would guess).
    ['a snapshot that does not say whether precise mode is available', { ...base, type: 'snapshot', exchanges: [], settings, status }],
    ['a snapshot whose precise availability is a boolean', { ...base, type: 'snapshot', exchanges: [], settings, status, preciseAvailability: true }],
    ['a snapshot whose precise availability is unknown', { ...base, type: 'snapshot', exchanges: [], settings, status, preciseAvailability: 'firefox' }],
    ['an upsert of an exchange without id', { ...base, type: 'upsert', exchanges: [{ ...exchange, id: 1 }] }],
    ['an upsert of an exchange without hops', { ...base, type: 'upsert', exchanges: [{ ...exchange, exchange: { request: {}, hops: [] } }] }],
    ['a status with a negative dropped count', { ...base, type: 'status', settings, status: { fallback: 'none', dropped: -1 } }],
    ['a status with an unknown fallback', { ...base, type: 'status', settings, status: { fallback: 'har', dropped: 0 } }],
    ['a status whose capture start is not a number', { ...base, type: 'status', settings, status: { fallback: 'none', dropped: 0, capturingSince: '1' } }],
    ['a panel message', { source: 'cors-inspector-panel', type: 'cleared', tabId: 3 }],
  ])('refuses %s', (_, message) => expect(isCaptureMessage(message)).toBe(false));
});
