/**
 * Profiles as a JSON file: export (secrets left out unless asked for) and import (each entry checked,
 * every problem named, nothing half-imported silently).
 */
import { type ClientProfile, type ProfileSecrets, normalizeProfile, normalizeSecrets } from './profile';
import type { Result } from './result';
import { DEFAULT_RULE_SET, isRuleSetId } from './rules/types';
import { fail, ok } from './result';

export const EXPORT_FORMAT = 'grantscope-profiles';

export interface ProfileExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  /** True when client secrets and private keys are inside: treat the file as a secret. */
  includesSecrets: boolean;
  profiles: (ClientProfile & { secrets?: ProfileSecrets })[];
}

export function exportProfiles(
  profiles: ClientProfile[],
  secrets: Record<string, ProfileSecrets>,
  includeSecrets: boolean,
  now = new Date(),
): ProfileExport {
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    includesSecrets: includeSecrets,
    profiles: profiles.map((p) => {
      const s = secrets[p.id];
      return includeSecrets && s && (s.clientSecret || s.privateJwk) ? { ...p, secrets: s } : { ...p };
    }),
  };
}

export interface ImportedProfiles {
  profiles: { profile: ClientProfile; secrets?: ProfileSecrets }[];
  /** One line per entry that was skipped, naming why. */
  skipped: string[];
}

export function importProfiles(text: string): Result<ImportedProfiles> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail('not-json', 'The file is not JSON.');
  }
  // A bare array of profiles is accepted too, for hand-written files.
  const list = Array.isArray(doc) ? doc : typeof doc === 'object' && doc !== null ? (doc as { profiles?: unknown }).profiles : undefined;
  if (!Array.isArray(list)) return fail('not-profiles', 'The file has no "profiles" list: is it a Grantscope profile export?');
  const out: ImportedProfiles = { profiles: [], skipped: [] };
  list.forEach((entry, i) => {
    const p = normalizeProfile(entry);
    if (!p.ok) {
      out.skipped.push(`Entry ${i + 1}: ${p.error.message}`);
      return;
    }
    // A rule set this version does not know is dropped (the default applies), and said so.
    const set = (entry as { ruleSet?: unknown }).ruleSet;
    if (set !== undefined && !isRuleSetId(set)) out.skipped.push(`Entry ${i + 1}: unknown rule set ${JSON.stringify(set).slice(0, 40)}; the default (${DEFAULT_RULE_SET}) applies`);
    const s = normalizeSecrets((entry as { secrets?: unknown }).secrets);
    out.profiles.push({ profile: p.value, ...(s.clientSecret || s.privateJwk ? { secrets: s } : {}) });
  });
  if (out.profiles.length === 0) return fail('empty', out.skipped.length ? `Nothing imported. ${out.skipped.join(' ')}` : 'The file lists no profiles.');
  return ok(out);
}
