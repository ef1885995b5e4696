/**
 * Confirms a recorded flow's issuer (src/core/capture/trust.ts, rule 2): each candidate issuer on a
 * host the flow's own requests went to is asked for its discovery document, fetched by the worker
 * (known-endpoints.ts: cached, bounded, timed out), and the first that passes confirms the flow.
 * Runs after a flow is stored, never inside the recorder's serial queue; the result is written with
 * FlowStore.update, and written again after any later save that lost it (the cache answers then).
 */
import { confirmIssuer, issuerCandidates, issuerRefusal } from '../core/capture/trust';
import type { Flow } from '../core/flow';
import type { FlowStore } from './flow-store';
import { discoveryFor, learnedDocs } from './known-endpoints';

const NOTE_MAX = 400;

/** The flow as stored after the attempt (undefined when it is gone). */
export async function confirmFlowIssuer(store: FlowStore, id: string): Promise<Flow | undefined> {
  const f = await store.get(id);
  if (!f || f.source !== 'captured' || !f.capture || f.capture.issuerConfirmed) return f;
  const reasons: string[] = [];
  for (const issuer of issuerCandidates(f, learnedDocs())) {
    const refused = issuerRefusal(f, issuer);
    if (refused) {
      reasons.push(refused);
      continue;
    }
    const doc = await discoveryFor(issuer);
    if (!doc.ok) {
      reasons.push(doc.error.message);
      continue;
    }
    const at = Date.now();
    const next = await store.update(id, (cur) => (confirmIssuer(cur, doc.value, at) ? cur : undefined));
    if (next?.capture?.issuerConfirmed) return next;
  }
  const note = (reasons.length ? reasons.join('; ') : 'no issuer was named').slice(0, NOTE_MAX);
  if (f.capture.issuerNote === note) return f;
  return store.update(id, (cur) => {
    if (!cur.capture || cur.capture.issuerConfirmed) return undefined;
    cur.capture.issuerNote = note;
    return cur;
  });
}
