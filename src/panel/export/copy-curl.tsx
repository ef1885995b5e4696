/**
 * "Copy as cURL" on a back-channel step (issue 13, item 3: token, refresh, introspection,
 * revocation, userinfo, device authorization, PAR). Redacted by default, and the note beside the
 * button says so; with its secrets only by a deliberate second choice that names what it would hold.
 */
import { useMemo, useState } from 'preact/hooks';
import { curlForStep } from '../../core/export/curl';
import type { Flow } from '../../core/flow';
import { mentionsNotKept } from '../../core/launch/step-record';
import { copyText } from '../../ui/clipboard';
import { kindsIn } from './receipt-groups';
import './export.css';

export function CopyCurl({ flow, index }: { flow: Flow; index: number }) {
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const redacted = useMemo(() => {
    try {
      return curlForStep(flow, index);
    } catch {
      return undefined;
    }
  }, [flow, index]);
  if (redacted === undefined) return null;
  const kinds = kindsIn(redacted);
  // A launched step keeps a marker, not the client secret (core/launch/step-record.ts): say so, not "no secret".
  const notKept = mentionsNotKept(redacted);
  const copy = (withSecrets: boolean) => {
    setAsking(false);
    const text = withSecrets ? curlForStep(flow, index, { enabled: false }) : redacted;
    if (text === undefined) return;
    void copyText(text).then((ok) => setDone(ok ? (withSecrets ? 'Copied, WITH SECRETS' : 'Copied, redacted') : 'The clipboard refused it'));
  };
  return (
    <div class="curl-copy stack" data-testid="copy-curl">
      <div class="row wrap">
        <button type="button" data-testid="copy-curl-redacted" onClick={() => copy(false)}>
          Copy as cURL
        </button>
        <span class="hint">
          {kinds ? `Redacted: ${kinds} stand as placeholders, so the command replays nothing as it stands.` : notKept ? '' : 'No secret in this request.'}
          {notKept ? `${kinds ? ' ' : ''}The client secret was sent but is not kept: put it in place of its marker to replay.` : ''}
        </span>
        {kinds && !asking && (
          <button type="button" class="link" data-testid="copy-curl-ask" onClick={() => setAsking(true)}>
            With secrets…
          </button>
        )}
        {done && (
          <span class="hint" role="status" data-testid="copy-curl-status">
            {done}
          </span>
        )}
      </div>
      {asking && (
        <div class="banner err row wrap" role="alertdialog" aria-label="Copy with secrets?" data-testid="copy-curl-confirm">
          <span>The command will hold, readable: {kinds}. Anyone who reads it can replay the request.</span>
          <button type="button" class="danger" data-testid="copy-curl-secrets" onClick={() => copy(true)}>
            Copy with secrets
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
