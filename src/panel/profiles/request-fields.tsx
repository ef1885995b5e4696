/** The authorization request part of a profile: response type and mode, PKCE, state, nonce, options. */
import { type ProfileRequest, RESPONSE_MODES, RESPONSE_TYPES, type ValueMode } from '../../core/profile';
import { useState } from 'preact/hooks';
import { SelectField, TextArea, TextField } from '../../ui/fields';
import { addedLabel, addedParams, type AddedContext } from '../../core/launch/added-params';

const VALUE_MODES = [
  ['auto', 'automatic (random, checked)'],
  ['custom', 'custom value'],
  ['omit', 'omit (negative test)'],
] as const satisfies readonly (readonly [ValueMode, string])[];

/** `name=value` per line, for free parameters. */
export const linesToParams = (text: string): Record<string, string> =>
  Object.fromEntries(
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')).trim(), l.slice(l.indexOf('=') + 1).trim()] as [string, string])
      .filter(([k]) => k.length > 0),
  );
export const paramsToLines = (p: Record<string, string> | undefined): string =>
  Object.entries(p ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');

/**
 * A textarea whose text is kept as typed (so a half-written line is not swallowed) while the parsed
 * value goes up on every keystroke. The parent keys the form by profile id to start afresh.
 */
function ParsedArea<T>(p: { name: string; label: string; hint: string; initial: string; parse: (t: string) => T; onValue: (v: T) => void }) {
  const [text, setText] = useState(p.initial);
  return (
    <TextArea
      name={p.name}
      label={p.label}
      hint={p.hint}
      value={text}
      rows={2}
      onInput={(t) => {
        setText(t);
        p.onValue(p.parse(t));
      }}
    />
  );
}

/** What a launch of this draft will send that the person did not type, with why (issue 11, item 6). */
function WillAdd({ request, options }: { request: ProfileRequest; options: AddedContext | undefined }) {
  const added = addedParams(request, options);
  if (added.length === 0) return null;
  return (
    <div class="banner info will-add" data-testid="will-add" aria-live="polite">
      <strong>Grantscope will add</strong>
      <ul>
        {added.map((a) => (
          <li key={a.name} data-added={a.name}>
            <span class="mono">{addedLabel(a)}</span> — {a.why}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** `options`: the profile's PAR, DPoP, request object and redirect switches, which change what is added. */
export function RequestFields({ value: r, onChange, options }: { value: ProfileRequest; onChange: (r: ProfileRequest) => void; options?: AddedContext }) {
  const set = <K extends keyof ProfileRequest>(k: K, v: ProfileRequest[K]) => onChange({ ...r, [k]: v });
  const opt = (k: 'prompt' | 'max_age' | 'login_hint' | 'acr_values' | 'ui_locales' | 'audience' | 'claims', v: string) => {
    const next = { ...r };
    if (v) next[k] = v;
    else delete next[k];
    onChange(next);
  };
  return (
    <fieldset>
      <legend>Authorization request</legend>
      <div class="grid2">
        <SelectField name="responseType" label="Response type" value={r.responseType} options={RESPONSE_TYPES} onChange={(v) => set('responseType', v)} />
        <SelectField
          name="responseMode"
          label="Response mode"
          value={r.responseMode}
          options={RESPONSE_MODES.map((m) => [m, m === 'default' ? 'default for the response type' : m] as const)}
          onChange={(v) => set('responseMode', v)}
        />
        <SelectField
          name="pkce"
          label="PKCE"
          hint="RFC 7636"
          value={r.pkce}
          options={[['S256', 'S256'], ['plain', 'plain (flagged)'], ['none', 'none (flagged)']] as const}
          onChange={(v) => set('pkce', v)}
        />
        <TextField name="scope" label="Scope" hint="space-separated" value={r.scope} onInput={(v) => set('scope', v)} />
        <SelectField name="stateMode" label="state" value={r.state.mode} options={VALUE_MODES} onChange={(mode) => set('state', { ...r.state, mode })} />
        {r.state.mode === 'custom' ? (
          <TextField name="stateValue" label="state value" value={r.state.value ?? ''} onInput={(v) => set('state', { mode: 'custom', value: v })} />
        ) : (
          <span />
        )}
        <SelectField name="nonceMode" label="nonce" value={r.nonce.mode} options={VALUE_MODES} onChange={(mode) => set('nonce', { ...r.nonce, mode })} />
        {r.nonce.mode === 'custom' ? (
          <TextField name="nonceValue" label="nonce value" value={r.nonce.value ?? ''} onInput={(v) => set('nonce', { mode: 'custom', value: v })} />
        ) : (
          <span />
        )}
        <TextField name="prompt" label="prompt" hint="none, login, consent, select_account" value={r.prompt ?? ''} onInput={(v) => opt('prompt', v)} />
        <TextField name="max_age" label="max_age" hint="seconds" value={r.max_age ?? ''} onInput={(v) => opt('max_age', v)} />
        <TextField name="login_hint" label="login_hint" value={r.login_hint ?? ''} onInput={(v) => opt('login_hint', v)} />
        <TextField name="acr_values" label="acr_values" value={r.acr_values ?? ''} onInput={(v) => opt('acr_values', v)} />
        <TextField name="ui_locales" label="ui_locales" value={r.ui_locales ?? ''} onInput={(v) => opt('ui_locales', v)} />
        <TextField name="audience" label="audience" hint="non-standard, some providers" value={r.audience ?? ''} onInput={(v) => opt('audience', v)} />
      </div>
      <TextArea name="claims" label="claims" hint="JSON object (OIDC Core 5.5)" value={r.claims ?? ''} onInput={(v) => opt('claims', v)} rows={2} />
      <ParsedArea
        name="resource"
        label="resource"
        hint="RFC 8707, one URI per line"
        initial={(r.resource ?? []).join('\n')}
        parse={(t) => t.split('\n').map((x) => x.trim()).filter(Boolean)}
        onValue={(list) => {
          const next = { ...r };
          if (list.length) next.resource = list;
          else delete next.resource;
          onChange(next);
        }}
      />
      <ParsedArea
        name="extra"
        label="Extra parameters"
        hint="name=value, one per line"
        initial={paramsToLines(r.extra)}
        parse={linesToParams}
        onValue={(extra) => {
          const next = { ...r };
          if (Object.keys(extra).length) next.extra = extra;
          else delete next.extra;
          onChange(next);
        }}
      />
      <WillAdd request={r} options={options} />
    </fieldset>
  );
}
