/**
 * The switches a person flips against the app's client before a relaunch (issue 12, item 4): PKCE and
 * its method, response_mode, PAR, DPoP, prompt, max_age, extra parameters. A secret-named extra
 * parameter is dropped by withToggles (compare/relaunch.ts), as a relaunch carries no secret.
 */
import { useState } from 'preact/hooks';
import type { RelaunchToggles } from '../../core/compare/relaunch';
import { type PkceMethod, RESPONSE_MODES, type ResponseMode } from '../../core/profile';
import { CheckField, SelectField, TextArea, TextField } from '../../ui/fields';
import { linesToParams, paramsToLines } from '../profiles/request-fields';

const PKCE: readonly (readonly [PkceMethod, string])[] = [
  ['S256', 'on, S256'],
  ['plain', 'on, plain (RFC 7636 4.2: only when S256 cannot be)'],
  ['none', 'off (negative test)'],
];

const MODES: readonly (readonly [ResponseMode, string])[] = RESPONSE_MODES.map((m) => [m, m === 'default' ? "default (the response type's)" : m] as const);

export function RelaunchToggleFields({ value, onChange }: { value: RelaunchToggles; onChange: (t: RelaunchToggles) => void }) {
  // Kept as typed, so a half-written `name=` line is not swallowed while the parsed value goes up.
  const [extraText, setExtraText] = useState(() => paramsToLines(value.extra));
  const set = <K extends keyof RelaunchToggles>(k: K) => (v: RelaunchToggles[K]) => onChange({ ...value, [k]: v });
  return (
    <fieldset class="stack relaunch-toggles" data-testid="relaunch-toggles">
      <legend>What to change</legend>
      <div class="grid2">
        <SelectField name="relaunchPkce" label="PKCE" value={value.pkce} options={PKCE} onChange={set('pkce')} />
        <SelectField name="relaunchResponseMode" label="response_mode" value={value.responseMode} options={MODES} onChange={set('responseMode')} />
        <TextField name="relaunchPrompt" label="prompt" hint="none, login, consent, select_account; empty: not sent" value={value.prompt ?? ''} onInput={set('prompt')} />
        <TextField name="relaunchMaxAge" label="max_age" hint="seconds; empty: not sent" value={value.max_age ?? ''} onInput={set('max_age')} />
      </div>
      <div class="row wrap">
        <CheckField name="relaunchPar" label="Pushed authorization request (PAR, RFC 9126)" checked={value.par} onChange={set('par')} />
        <CheckField name="relaunchDpop" label="DPoP-bound tokens (RFC 9449)" checked={value.dpop} onChange={set('dpop')} />
      </div>
      <TextArea
        name="relaunchExtra"
        label="Extra parameters"
        hint="name=value, one per line; secret-named ones are not sent"
        rows={2}
        value={extraText}
        onInput={(t) => {
          setExtraText(t);
          onChange({ ...value, extra: linesToParams(t) });
        }}
      />
    </fieldset>
  );
}
