/** Request options that change how the flow runs rather than what it asks for. */
import type { ClientProfile } from '../../core/profile';
import { RULE_SET_LINES } from '../../core/rules/catalog-sets';
import { DEFAULT_RULE_SET, RULE_SETS } from '../../core/rules/types';
import { CheckField, SelectField } from '../../ui/fields';
import { useCapabilities } from '../../ui/use-capabilities';

export function OptionFields({ profile: pr, onChange }: { profile: ClientProfile; onChange: (p: ClientProfile) => void }) {
  const caps = useCapabilities();
  const set = <K extends keyof ClientProfile>(k: K, v: ClientProfile[K]) => onChange({ ...pr, [k]: v });
  return (
    <fieldset>
      <legend>How the flow runs</legend>
      <div class="grid2">
        <SelectField
          name="redirectMode"
          label="Redirect handling"
          value={pr.redirectMode}
          options={[
            ['block', 'stop it before the app (default)'],
            ['observe', 'observe only: let the app have it'],
            ['extension', 'extension-owned redirect URI'],
          ] as const}
          onChange={(v) => set('redirectMode', v)}
        />
        {pr.redirectMode === 'extension' ? (
          <div class="hint field">
            The login runs in the browser’s sign-in window and returns to the extension’s own redirect URI,{' '}
            <span class="mono" data-testid="extension-redirect-uri">
              {caps?.extensionRedirectUri ?? 'https://EXTENSION-ID.chromiumapp.org/ in Chrome'}
            </span>
            {caps?.browser === 'firefox' ? ' (Firefox’s own; Chrome’s differs)' : ''}: register that with the provider.
          </div>
        ) : null}
        <SelectField
          name="origin"
          label="Origin on token requests"
          value={pr.origin}
          options={[
            ['redirect', 'as the app would (public client: its redirect URI’s origin; confidential: none)'],
            ['drop', 'none (as a server)'],
            ['browser', 'the extension’s (browser default)'],
          ] as const}
          onChange={(v) => set('origin', v)}
        />
        <SelectField
          name="requestObject"
          label="Request object (RFC 9101)"
          value={pr.requestObject}
          options={[
            ['off', 'off'],
            ['unsigned', 'unsigned (alg none)'],
            ['signed', 'signed with the client’s key or secret'],
          ] as const}
          onChange={(v) => set('requestObject', v)}
        />
        <div class="stack rule-set-field">
          <SelectField
            name="ruleSet"
            label="Rule set: the bar its flows are judged by"
            value={pr.ruleSet ?? DEFAULT_RULE_SET}
            options={RULE_SETS.map((r) => [r.id, r.name] as const)}
            onChange={(v) => set('ruleSet', v)}
          />
          <span class="hint" data-testid="rule-set-line">
            {RULE_SET_LINES[pr.ruleSet ?? DEFAULT_RULE_SET]}
          </span>
        </div>
      </div>
      <CheckField name="par" label="Pushed authorization request" hint="RFC 9126" checked={pr.par} onChange={(v) => set('par', v)} />
      <CheckField name="dpop" label="DPoP-bound tokens" hint="RFC 9449, with a key generated for each flow" checked={pr.dpop} onChange={(v) => set('dpop', v)} />
      <CheckField
        name="keepSecrets"
        label="Keep this profile’s secrets across browser restarts"
        hint="stored in the extension’s local storage instead of session storage"
        checked={pr.keepSecrets}
        onChange={(v) => set('keepSecrets', v)}
      />
    </fieldset>
  );
}
