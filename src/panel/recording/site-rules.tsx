/** Which sites are recorded: an allow list and a deny list, one rule a line (src/core/capture/settings.ts). */
import { useEffect, useState } from 'preact/hooks';
import type { CaptureSettings } from '../../core/capture/settings';
import { TextArea } from '../../ui/fields';
import type { SaveSettings } from './recording-view';
import { parseRules, rulesText } from './rules';

function RuleSyntax() {
  return (
    <div class="hint rule-syntax" data-testid="rule-syntax">
      One rule a line:
      <ul>
        <li>
          <span class="mono">example.com</span> the site and all its subdomains
        </li>
        <li>
          <span class="mono">*.example.com</span> its subdomains only
        </li>
        <li>
          <span class="mono">127.0.0.1:9400</span> one host on one port
        </li>
        <li>
          <span class="mono">https://app.example.com</span> exactly that origin
        </li>
      </ul>
      A rule matches the page that ran the flow and the provider it talked to. The deny list wins over the allow list; an empty allow list records every site.
    </div>
  );
}

export function SiteRules({ settings, save }: { settings: CaptureSettings; save: SaveSettings }) {
  const saved = { allow: rulesText(settings.allow), deny: rulesText(settings.deny) };
  const [draft, setDraft] = useState(saved);
  const [note, setNote] = useState<string | null>(null);
  // Take rules saved elsewhere (another panel) unless the person is editing these.
  useEffect(() => setDraft({ allow: saved.allow, deny: saved.deny }), [saved.allow, saved.deny]);

  const allow = parseRules(draft.allow);
  const deny = parseRules(draft.deny);
  const rejected = [...allow.rejected, ...deny.rejected];
  const dirty = rulesText(allow.rules) !== saved.allow || rulesText(deny.rules) !== saved.deny;

  const submit = async () => {
    setNote(null);
    if (await save({ allow: allow.rules, deny: deny.rules })) setNote('Site rules saved.');
  };

  return (
    <section class="card stack" aria-labelledby="rules-h">
      <h3 id="rules-h">Sites</h3>
      <RuleSyntax />
      <div class="grid2">
        <TextArea name="capture-allow" label="Allow list" hint="empty: every site" rows={5} value={draft.allow} placeholder="example.com" onInput={(v) => setDraft({ ...draft, allow: v })} />
        <TextArea name="capture-deny" label="Deny list" hint="never recorded" rows={5} value={draft.deny} placeholder="bank.example" onInput={(v) => setDraft({ ...draft, deny: v })} />
      </div>
      {rejected.length > 0 && (
        <div class="banner warn" data-testid="rejected-rules">
          Not rules, left out when saving: <span class="mono">{rejected.join(', ')}</span>
        </div>
      )}
      <div class="row">
        <button type="button" class="primary" disabled={!dirty && rejected.length === 0} onClick={() => void submit()}>
          Save site rules
        </button>
        {note && (
          <span class="hint" role="status">
            {note}
          </span>
        )}
      </div>
    </section>
  );
}
