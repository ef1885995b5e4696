/**
 * flow/start: load the profile and its secrets, find the endpoints, create the flow record, and hand
 * it to the grant's runner. Front-channel runs wait for the person; the rest run in the background
 * while the popup already has its answer.
 */
import type { Flow, FlowSecrets } from '../../core/flow';
import type { LaunchInput } from '../../core/launch';
import { launchInputProblem } from '../../core/launch';
import type { ProviderMetadata } from '../../core/discovery';
import { type ClientProfile, type ProfileSecrets, launchProblem } from '../../core/profile';
import { randomToken } from '../../core/pkce';
import type { StartFlowResult } from '../../shared/messages';
import { newDpopKey } from '../dpop-key';
import type { FlowStore } from '../flow-store';
import { LaunchError, effectiveMetadata } from '../metadata';
import type { ProfileStore } from '../profile-store';
import { startAuthorization } from './authorize';
import { backchannelFindings, runBackchannel } from './backchannel';
import { startDevice } from './device';
import { running } from '../running';
import { failFlow } from '../token-call';
import { rememberLaunch } from '../last-launch';

/**
 * `shape` changes the stored profile for this one flow only ("Run both" asks for code + PKCE, then
 * the front-channel response type, with the profile's own client settings and secrets).
 */
export async function startFlow(flows: FlowStore, profiles: ProfileStore, profileId: string, launch: LaunchInput, shape?: (p: ClientProfile, m: ProviderMetadata) => ClientProfile): Promise<StartFlowResult> {
  const saved = await profiles.get(profileId);
  if (!saved) throw new LaunchError('That profile no longer exists.');
  const metadata = shape ? await effectiveMetadata(saved) : undefined;
  const profile = shape && metadata ? shape(saved, metadata) : saved;
  const problem = launchProblem(profile, { redirect: launch.grant === 'authorization' }) ?? launchInputProblem(launch);
  if (problem) throw new LaunchError(problem);
  const stored = await profiles.secrets(profileId);
  if (profile.authMethod.startsWith('client_secret') && !stored.clientSecret) {
    throw new LaunchError(`This profile authenticates with ${profile.authMethod} but has no client secret${profile.keepSecrets ? '' : ' (secrets are forgotten when the browser closes unless "keep secrets" is ticked)'}.`);
  }
  if (profile.authMethod === 'private_key_jwt' && !stored.privateJwk) throw new LaunchError('This profile uses private_key_jwt but has no private key.');
  // For the start-last-profile shortcut (src/background/commands.ts): the profile and grant, never typed values.
  if (!shape) await rememberLaunch(profileId, launch);
  return launchProfile(flows, profile, stored, launch, metadata);
}

/**
 * "Relaunch with Grantscope" (issue 12, item 4): a flow from a profile that is not saved, the draft
 * made from a recorded flow. No secret comes with it (none is carried from a recording): a client
 * that authenticates is stopped at the redirect all the same, and its token request says what is missing.
 */
export async function startDraft(flows: FlowStore, profile: ClientProfile, launch: LaunchInput): Promise<StartFlowResult> {
  const problem = launchProblem(profile, { redirect: launch.grant === 'authorization' }) ?? launchInputProblem(launch);
  if (problem) throw new LaunchError(problem);
  if (launch.grant !== 'authorization') throw new LaunchError('A relaunch runs the authorization request the app made.');
  return launchProfile(flows, profile, {}, launch);
}

async function launchProfile(flows: FlowStore, profile: ClientProfile, stored: ProfileSecrets, launch: LaunchInput, known?: ProviderMetadata): Promise<StartFlowResult> {
  const metadata = known ?? (await effectiveMetadata(profile));
  const secrets: FlowSecrets = {
    ...(stored.clientSecret ? { clientSecret: stored.clientSecret } : {}),
    ...(stored.privateJwk ? { privateJwk: stored.privateJwk } : {}),
    ...(profile.dpop ? { dpopKey: await newDpopKey() } : {}),
  };
  const now = Date.now();
  const flow: Flow = {
    id: randomToken(12),
    createdAt: now,
    updatedAt: now,
    source: 'launched',
    grant: launch.grant,
    profile,
    metadata,
    status: 'redeeming',
    findings: [],
    steps: [],
    // A negative test's expected outcome, judged by the rule expect.outcome (src/core/rules/catalog-expect.ts).
    ...(launch.expect ? { expect: launch.expect } : {}),
  };
  switch (launch.grant) {
    case 'authorization':
      return startAuthorization(flows, { ...flow, status: 'authorizing', responseType: launch.responseType ?? profile.request.responseType }, secrets);
    case 'device_code':
      return startDevice(flows, { ...flow, status: 'polling' }, secrets);
    default:
      flow.findings = backchannelFindings(launch);
      // Marked running before it is stored, so a concurrent resumeFlows never takes it for cut off.
      running.add(flow.id);
      await flows.add(flow, secrets).catch((e: unknown) => {
        running.delete(flow.id);
        throw e;
      });
      void runBackchannel(flows, flow, secrets, launch)
        .catch((e: Error) => failFlow(flows, flow.id, 'The token request failed unexpectedly', e.message))
        .finally(() => running.delete(flow.id));
      return { flowId: flow.id };
  }
}
