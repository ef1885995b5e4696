/**
 * "Run both" (issue 12, item 2): one of the two launches of a profile's plan (src/core/compare/run-both.ts):
 * 0, code + PKCE; 1, the front-channel flow the provider allows (implicit, else hybrid), with the same
 * client settings and the profile's own secrets. The panel starts the second once the first has ended,
 * so a provider that keeps the session asks for one login, then opens the comparison of the two.
 */
import { runBothPlan } from '../core/compare/run-both';
import type { RunBothStep } from '../shared/messages';
import type { FlowStore } from './flow-store';
import { startFlow } from './launch';
import type { ProfileStore } from './profile-store';

export async function runBothStep(flows: FlowStore, profiles: ProfileStore, profileId: string, step: RunBothStep): Promise<{ flowId: string; label: string; notes: string[] }> {
  let chosen: { label: string; notes: string[] } = { label: '', notes: [] };
  const r = await startFlow(flows, profiles, profileId, { grant: 'authorization' }, (profile, metadata) => {
    const plan = runBothPlan(profile, metadata);
    const one = plan.launches[step]!;
    chosen = { label: one.label, notes: plan.notes };
    // The launch's response type rides on the profile: startFlow reads launch.responseType ?? the profile's.
    return one.profile;
  });
  return { flowId: r.flowId, ...chosen };
}
