/** A request a source cut (limits.ts) keeps saying so on its step, so the panel can show "cut at N KB". */
import { describe, expect, it } from 'vitest';
import { seenOf } from './captured-flow';
import { fitObserved } from './limits';
import { answerStep } from './steps';
import type { ObservedRequest } from './types';

const obs: ObservedRequest = { id: 'wr:1', at: 1, tabId: 2, frame: 'main', method: 'GET', url: 'https://app.example/cb?code=c', via: 'webrequest' };

describe('cut notes on steps', () => {
  it('a cut URL and a cut answer reach the step', () => {
    const fitted = fitObserved({ ...obs, url: `${obs.url}${'x'.repeat(20_000)}`, response: { at: 2, status: 200, headers: {}, bodyText: 'y'.repeat(300_000) } });
    expect(seenOf(fitted).cut).toEqual({ url: 20_029, answer: 300_000 });
    expect(answerStep(seenOf(fitted), fitted.response!, 'webrequest').seen?.cut).toEqual({ answer: 300_000 });
  });

  it('nothing cut, no note', () => {
    expect(seenOf(obs)).not.toHaveProperty('cut');
    expect(answerStep(seenOf(obs), { at: 2, status: 200, headers: {}, bodyText: '{}' }, 'webrequest').seen).not.toHaveProperty('cut');
  });
});
