/** Render-test helpers for this folder: a connector serving stored flows, and a wait for its answers. */
import { act } from 'preact/test-utils';
import { type Flow, summarize } from '../../core/flow';
import type { MessageKey } from '../../shared/messages';
import type { Connector } from '../../ui/connector';

export function fakeConnector(flows: Flow[]): Connector {
  const answers: Partial<Record<MessageKey, (p: unknown) => unknown>> = {
    'flow/list': () => flows.map(summarize),
    'flow/get': (p) => flows.find((f) => f.id === (p as { id: string }).id) ?? null,
  };
  return {
    send: (type, payload) => {
      const answer = answers[type];
      return answer ? Promise.resolve(answer(payload) as never) : Promise.reject(new Error(`${type} is not part of this test`));
    },
    onFlowsChanged: () => () => undefined,
    onProfilesChanged: () => () => undefined,
    requestHostAccess: () => Promise.resolve(false),
  };
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) await act(() => new Promise<void>((r) => setTimeout(r, 0)));
}

