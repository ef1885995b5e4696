/** The client profile fields, each labelled with what it is and where it comes from. */
import type { ClientProfile } from '../core/flow';

type Field = 'issuer' | 'clientId' | 'redirectUri' | 'scope';

const FIELDS: { key: Field; label: string; hint: string; placeholder: string }[] = [
  { key: 'issuer', label: 'Issuer URL', hint: 'endpoints come from its discovery document', placeholder: 'https://login.example.com' },
  { key: 'clientId', label: 'Client ID', hint: 'as registered at the provider', placeholder: 'my-app' },
  { key: 'redirectUri', label: 'Redirect URI', hint: 'the app’s registered callback; Grantscope stops it there', placeholder: 'https://app.example.com/callback' },
  { key: 'scope', label: 'Scopes', hint: 'space-separated', placeholder: 'openid profile' },
];

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A plain message naming the first problem, or null when the profile can start a flow. */
export function checkProfile(p: ClientProfile): string | null {
  if (!isHttpUrl(p.issuer.trim())) return 'Issuer URL must be an absolute http(s) URL.';
  if (!p.clientId.trim()) return 'Client ID is required.';
  if (!isHttpUrl(p.redirectUri.trim())) return 'Redirect URI must be an absolute http(s) URL.';
  return null;
}

export function ProfileForm({ profile, onChange }: { profile: ClientProfile; onChange: (p: ClientProfile) => void }) {
  return (
    <div class="stack">
      {FIELDS.map((f) => (
        <div key={f.key}>
          <label for={`field-${f.key}`}>
            {f.label} <span class="hint">{f.hint}</span>
          </label>
          <input
            id={`field-${f.key}`}
            name={f.key}
            value={profile[f.key]}
            placeholder={f.placeholder}
            spellcheck={false}
            autocomplete="off"
            onInput={(e) => onChange({ ...profile, [f.key]: (e.target as HTMLInputElement).value })}
          />
        </div>
      ))}
    </div>
  );
}
