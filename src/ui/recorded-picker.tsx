/**
 * "Or pick a recorded flow": the clients the recorder saw, newest first, to prefill the connect form.
 * Read only when opened (a few flow/get calls), and only a confirmed issuer can be picked (trust.ts).
 */
import { useState } from 'preact/hooks';
import { useConnector } from './connector';
import { hostOf } from './format';
import { type RecordedClient, recordedCandidates, recordedClient } from './recorded-clients';

export function RecordedPicker({ onPick }: { onPick: (c: RecordedClient) => void }) {
  const connector = useConnector();
  const [clients, setClients] = useState<RecordedClient[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const read = async (id: string): Promise<RecordedClient[]> => {
    const f = await connector.send('flow/get', { id });
    return f ? [recordedClient(f)] : [];
  };
  const load = () => {
    setError(null);
    connector
      .send('flow/list', null)
      .then((list) => Promise.all(recordedCandidates(list).map((s) => read(s.id))))
      .then((found) => setClients(found.flat()), (e: Error) => setError(e.message));
  };
  // The worker fetches the issuer's discovery document and checks it against the flow (trust.ts).
  const confirm = (c: RecordedClient) => {
    setConfirming(c.flowId);
    connector
      .send('flow/confirm-issuer', { id: c.flowId })
      .then(() => read(c.flowId))
      .then((next) => setClients((all) => all?.map((x) => (x.flowId === c.flowId ? (next[0] ?? x) : x)) ?? null), (e: Error) => setError(e.message))
      .finally(() => setConfirming(null));
  };

  return (
    <details class="recorded-picker" data-testid="recorded-picker" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && clients === null && load()}>
      <summary>or pick a recorded flow</summary>
      {error && <div class="banner err">{error}</div>}
      {!clients && !error && <p class="hint">Reading recorded flows…</p>}
      {clients?.length === 0 && <p class="hint">No recorded sign-ins yet. Sign in to your app in this browser (recording is on), then come back here.</p>}
      {clients && clients.length > 0 && (
        <ul class="recorded-list">
          {clients.map((c) => (
            <li key={c.flowId} class="row" data-testid="recorded-client" data-confirmed={c.confirmed}>
              <button type="button" class="pick" disabled={!c.confirmed} onClick={() => onPick(c)} title={c.confirmed ? `Use ${c.clientId} at ${c.issuer}` : 'Only a confirmed issuer can be used'}>
                <span class="mono">{c.clientId}</span>
                <span class="hint">
                  {hostOf(c.issuer) || '(no issuer)'}
                  {c.sites[0] ? ` · seen on ${hostOf(c.sites[0])}` : ''}
                </span>
              </button>
              {!c.confirmed && (
                <span class="unconfirmed">
                  <span class="badge warn" title={c.note}>issuer not confirmed</span>
                  <button type="button" class="link" disabled={confirming === c.flowId} onClick={() => confirm(c)}>
                    {confirming === c.flowId ? 'Checking…' : 'Confirm'}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
