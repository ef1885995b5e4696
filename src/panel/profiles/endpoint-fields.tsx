/** Endpoints: what discovery says, each overridable by hand (an override always wins). */
import type { ProviderMetadata } from '../../core/discovery';
import { type ClientProfile, ENDPOINT_NAMES } from '../../core/profile';
import { TextField } from '../../ui/fields';

export function EndpointFields(p: {
  profile: ClientProfile;
  discovered: ProviderMetadata | null;
  discoverError: string | null;
  onDiscover: () => void;
  onChange: (p: ClientProfile) => void;
}) {
  const { profile: pr } = p;
  return (
    <fieldset>
      <legend>Endpoints</legend>
      <div class="row">
        <button type="button" onClick={p.onDiscover} disabled={!pr.issuer}>
          Discover
        </button>
        <span class="hint">
          {p.discovered
            ? `From ${pr.issuer}/.well-known/openid-configuration. Leave a field empty to use the discovered value.`
            : 'Endpoints come from the issuer’s discovery document when a flow starts; fill a field to override it.'}
        </span>
      </div>
      {p.discoverError && (
        <div class="banner err" role="alert">
          {p.discoverError}
        </div>
      )}
      <div class="grid2">
        {ENDPOINT_NAMES.map((name) => {
          const found = p.discovered?.[name];
          return (
            <TextField
              key={name}
              name={name}
              label={name}
              mono
              value={pr.endpoints[name] ?? ''}
              placeholder={typeof found === 'string' ? found : 'not advertised'}
              onInput={(v) => {
                const endpoints = { ...pr.endpoints };
                if (v.trim()) endpoints[name] = v.trim();
                else delete endpoints[name];
                p.onChange({ ...pr, endpoints });
              }}
            />
          );
        })}
      </div>
    </fieldset>
  );
}
