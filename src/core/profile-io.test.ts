import { describe, expect, it } from 'vitest';
import { blankProfile } from './profile';
import { exportProfiles, importProfiles } from './profile-io';

const a = { ...blankProfile('a'), name: 'A', issuer: 'https://op.example', clientId: 'conf', authMethod: 'client_secret_basic' as const };
const b = { ...blankProfile('b'), name: 'B', issuer: 'https://op.example', clientId: 'pub' };
const secrets = { a: { clientSecret: 'top-secret' } };

describe('exportProfiles', () => {
  it('leaves secrets out unless asked', () => {
    const out = JSON.stringify(exportProfiles([a, b], secrets, false));
    expect(out).not.toContain('top-secret');
    expect(JSON.parse(out)).toMatchObject({ format: 'grantscope-profiles', version: 1, includesSecrets: false });
  });

  it('puts them in when "include secrets" is ticked, and says so', () => {
    const out = exportProfiles([a, b], secrets, true);
    expect(out.includesSecrets).toBe(true);
    expect(out.profiles[0]?.secrets).toEqual({ clientSecret: 'top-secret' });
    expect(out.profiles[1]).not.toHaveProperty('secrets');
  });
});

describe('importProfiles', () => {
  it('reads back an export, with and without secrets', () => {
    const r = importProfiles(JSON.stringify(exportProfiles([a, b], secrets, true)));
    expect(r.ok && r.value.profiles.map((x) => x.profile.id)).toEqual(['a', 'b']);
    expect(r.ok && r.value.profiles[0]?.secrets).toEqual({ clientSecret: 'top-secret' });
    const plain = importProfiles(JSON.stringify(exportProfiles([a], secrets, false)));
    expect(plain.ok && plain.value.profiles[0]).not.toHaveProperty('secrets');
  });

  it('imports the good entries and names the skipped ones', () => {
    const r = importProfiles(JSON.stringify([a, { id: 'bad', issuer: 'nope' }, 'junk']));
    expect(r.ok && r.value.profiles).toHaveLength(1);
    expect(r.ok && r.value.skipped).toEqual([expect.stringContaining('Entry 2: issuer:'), 'Entry 3: a profile must be a JSON object']);
  });

  it('keeps a profile\'s rule set through export and import; an unknown one is dropped and named', () => {
    const r = importProfiles(JSON.stringify(exportProfiles([{ ...a, ruleSet: 'fapi2' }], secrets, false)));
    expect(r.ok && r.value.profiles[0]?.profile.ruleSet).toBe('fapi2');
    const odd = importProfiles(JSON.stringify([{ ...a, ruleSet: 'fapi9' }]));
    expect(odd.ok && odd.value.profiles[0]?.profile).not.toHaveProperty('ruleSet');
    expect(odd.ok && odd.value.skipped).toEqual(['Entry 1: unknown rule set "fapi9"; the default (core) applies']);
  });

  it.each([
    ['{"', 'The file is not JSON.'],
    ['{"hello":1}', 'The file has no "profiles" list: is it a Grantscope profile export?'],
    ['[]', 'The file lists no profiles.'],
    ['[{"name":"x"}]', 'Nothing imported. Entry 1: the profile has no id'],
  ])('refuses %s', (text, msg) => {
    const r = importProfiles(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(msg);
  });
});
