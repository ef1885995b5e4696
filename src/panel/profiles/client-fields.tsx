/** Who the client is and how it authenticates at the token endpoint (RFC 6749 2.3, OIDC Core 9). */
import { AUTH_METHODS, type ClientProfile, type ProfileSecrets } from '../../core/profile';
import { SecretField, SelectField, TextField } from '../../ui/fields';
import { PrivateKeyField } from './private-key-field';

const AUTH_TEXT: Record<ClientProfile['authMethod'], string> = {
  none: 'none (public client)',
  client_secret_basic: 'client_secret_basic',
  client_secret_post: 'client_secret_post',
  client_secret_jwt: 'client_secret_jwt',
  private_key_jwt: 'private_key_jwt',
};

export function ClientFields(p: {
  profile: ClientProfile;
  secrets: ProfileSecrets;
  onChange: (p: ClientProfile) => void;
  onSecrets: (s: ProfileSecrets) => void;
}) {
  const { profile: pr } = p;
  const set = <K extends keyof ClientProfile>(k: K, v: ClientProfile[K]) => p.onChange({ ...pr, [k]: v });
  const usesSecret = pr.authMethod.startsWith('client_secret');
  return (
    <fieldset>
      <legend>Client</legend>
      <div class="grid2">
        <TextField name="name" label="Profile name" value={pr.name} onInput={(v) => set('name', v)} />
        <TextField name="issuer" label="Issuer URL" hint="discovery is fetched from here" value={pr.issuer} onInput={(v) => set('issuer', v)} placeholder="https://login.example.com" />
        <TextField name="clientId" label="Client ID" value={pr.clientId} onInput={(v) => set('clientId', v)} />
        <TextField name="redirectUri" label="Redirect URI" hint="the app's registered callback" value={pr.redirectUri} onInput={(v) => set('redirectUri', v)} placeholder="https://app.example.com/callback" />
        <SelectField
          name="authMethod"
          label="Client authentication"
          hint="at the token endpoint"
          value={pr.authMethod}
          options={AUTH_METHODS.map((m) => [m, AUTH_TEXT[m]] as const)}
          onChange={(v) => set('authMethod', v)}
        />
        {usesSecret ? (
          <SecretField
            name="clientSecret"
            label="Client secret"
            hint={pr.keepSecrets ? 'kept across restarts' : 'kept until the browser closes'}
            value={p.secrets.clientSecret ?? ''}
            onInput={(v) => p.onSecrets({ ...p.secrets, clientSecret: v })}
          />
        ) : (
          <span />
        )}
      </div>
      {pr.authMethod === 'private_key_jwt' && (
        <PrivateKeyField
          jwk={p.secrets.privateJwk}
          onKey={(privateJwk) => {
            const next = { ...p.secrets };
            if (privateJwk) next.privateJwk = privateJwk;
            else delete next.privateJwk;
            p.onSecrets(next);
          }}
        />
      )}
    </fieldset>
  );
}
