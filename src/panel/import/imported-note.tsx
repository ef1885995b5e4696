/**
 * Above an imported flow (issue 13): which file it came from, and what its verdict rests on. The
 * rules are judged here from the file's steps; a signature or issuer check found in the file was made
 * in the browser that exported it ("checked where exported"), and no key is fetched for an imported
 * flow until the person asks (this button, or Verify in Decode).
 */
import { useState } from 'preact/hooks';
import type { Flow } from '../../core/flow';
import { useConnector } from '../../ui/connector';
import { localDateTime, originPattern } from '../../ui/format';

/** Whether any step carries a signature check made before the flow was exported. */
const checkedWhereExported = (f: Flow) => f.steps.some((s) => 'verification' in s && !!s.verification);

export function ImportedNote({ flow }: { flow: Flow }) {
  const connector = useConnector();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const imp = flow.imported;
  if (!imp) return null;
  const exported = checkedWhereExported(flow);
  const confirm = () => {
    // Host access to the issuer is asked first, inside the click (Firefox shows the prompt only then).
    const access = flow.profile.issuer ? connector.requestHostAccess([originPattern(flow.profile.issuer)]).catch(() => false) : Promise.resolve(false);
    setBusy(true);
    setError(null);
    access
      .then((ok) => {
        if (!ok) throw new Error(`Grantscope needs access to ${flow.profile.issuer || 'the issuer'} to fetch its keys.`);
        return connector.send('flow/confirm-issuer', { id: flow.id });
      })
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };
  return (
    <div class="banner info imported-note stack" role="note" data-testid="imported-note" data-checked={exported ? 'where-exported' : 'not-yet'}>
      <div>
        <strong>Imported from {imp.file}</strong> <span class="hint">· {localDateTime(imp.at) ?? ''}</span>
      </div>
      <div>
        {exported
          ? 'Signature and issuer checks in this file were checked where exported, not here. The other rules are judged here from its steps.'
          : 'Judged here from the file’s steps. No signature has been checked: keys are fetched only when you ask.'}{' '}
        Its tokens are never sent anywhere.
      </div>
      {flow.source === 'captured' && !flow.capture?.issuerConfirmed && (
        <div class="row wrap">
          <button type="button" data-testid="imported-confirm" disabled={busy} onClick={confirm} title={`Fetches ${flow.profile.issuer || 'the issuer'}'s discovery document and keys`}>
            {busy ? 'Checking…' : 'Confirm issuer and check signatures'}
          </button>
          {error && <span class="err">{error}</span>}
        </div>
      )}
    </div>
  );
}
