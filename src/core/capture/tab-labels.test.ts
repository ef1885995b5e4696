import { describe, expect, it } from 'vitest';
import { openersAmong, tabLabels } from './tab-labels';

const labels = (ids: number[], openers?: Record<string, number>) => Object.fromEntries(tabLabels(ids, openers));

describe('tabLabels: tabs in words', () => {
  it.each([
    ['one tab is the app’s', [7], {}, { 7: 'the app’s tab' }],
    ['popup seen first, opened by the app', [9, 7], { 9: 7 }, { 7: 'the app’s tab', 9: 'login popup opened by the app’s tab' }],
    ['app first, then its popup', [7, 9], { 9: 7 }, { 7: 'the app’s tab', 9: 'login popup opened by the app’s tab' }],
    ['no openers: order only', [9, 7], {}, { 9: 'the tab where the flow began', 7: 'another tab' }],
    ['a tab opened by the popup', [7, 9, 11], { 9: 7, 11: 9 }, { 7: 'the app’s tab', 9: 'login popup opened by the app’s tab', 11: 'a tab opened by login popup opened by the app’s tab' }],
    ['an opener outside the flow counts for nothing', [9, 7], { 9: 3 }, { 9: 'the tab where the flow began', 7: 'another tab' }],
    ['an unrelated third tab', [7, 9, 12], { 9: 7 }, { 7: 'the app’s tab', 9: 'login popup opened by the app’s tab', 12: 'another tab' }],
    ['no tabs', [], {}, {}],
  ])('%s', (_, ids, openers, expected) => {
    expect(labels(ids, openers)).toEqual(expected);
  });

  it('openersAmong keeps only pairs inside the flow', () => {
    expect(openersAmong([7, 9], { 9: 7, 11: 7, 20: 21 })).toEqual({ 9: 7 });
    expect(openersAmong([7], { 9: 7 })).toBeUndefined();
  });
});
