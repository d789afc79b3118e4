import { describe, expect, it } from 'vitest';
import { isTopLevelSender } from '../../src/core/sender.ts';

const EXPECTED = { extensionId: 'cpekbjffbmhffkgecoaenakmlnmnchcl', pageUrl: 'chrome-extension://cpekbjffbmhffkgecoaenakmlnmnchcl/src/blocked/index.html' };
const page = `${EXPECTED.pageUrl}#app=chatapp&url=https://chatapp.example/`;

describe('isTopLevelSender: who may ask the worker to act', () => {
  it('the page as the top-level document of its tab', () => {
    expect(isTopLevelSender({ id: EXPECTED.extensionId, url: page, frameId: 0, tab: { id: 7 } }, EXPECTED)).toBe(true);
  });
  it('the same page framed by any site: refused', () => {
    expect(isTopLevelSender({ id: EXPECTED.extensionId, url: page, frameId: 3, tab: { id: 7 } }, EXPECTED)).toBe(false);
    expect(isTopLevelSender({ id: EXPECTED.extensionId, url: page, tab: { id: 7 } }, EXPECTED)).toBe(false);
  });
  it('another page of the extension, another extension, a lookalike path: refused', () => {
    expect(isTopLevelSender({ id: EXPECTED.extensionId, url: `${EXPECTED.pageUrl.replace('blocked', 'popup')}`, frameId: 0, tab: { id: 7 } }, EXPECTED)).toBe(false);
    expect(isTopLevelSender({ id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', url: page, frameId: 0, tab: { id: 7 } }, EXPECTED)).toBe(false);
    expect(isTopLevelSender({ id: EXPECTED.extensionId, url: `${EXPECTED.pageUrl}.evil`, frameId: 0, tab: { id: 7 } }, EXPECTED)).toBe(false);
    expect(isTopLevelSender({ id: EXPECTED.extensionId, frameId: 0, tab: { id: 7 } }, EXPECTED)).toBe(false);
  });
  it('a tabless extension view (the toolbar popup) at frame 0 or without a frame id', () => {
    expect(isTopLevelSender({ id: EXPECTED.extensionId, url: EXPECTED.pageUrl, frameId: 0 }, EXPECTED)).toBe(true);
    expect(isTopLevelSender({ id: EXPECTED.extensionId, url: EXPECTED.pageUrl }, EXPECTED)).toBe(true);
    expect(isTopLevelSender({ id: EXPECTED.extensionId, url: EXPECTED.pageUrl, frameId: 2 }, EXPECTED)).toBe(false);
  });
});
