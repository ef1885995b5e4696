/**
 * Parts of the export dialog: what is exported (each flow by name, status and verdict, so the person
 * sees which flows leave before anything does), and the redaction choices with the receipt in a line.
 */
import { useMemo } from 'preact/hooks';
import { type Flow, flowTitle } from '../../core/flow';
import type { Receipt } from '../../core/export/receipt';
import { evaluate } from '../../core/rules/engine';
import { clockTime, hostOf } from '../../ui/format';
import { statusLine } from '../status';
import { leakLine, receiptLine } from './export-model';

function FlowLine({ flow, name }: { flow: Flow; name?: string | undefined }) {
  const status = useMemo(() => {
    try {
      return statusLine(flow.status, flow.source, evaluate(flow).counts, flow.expect);
    } catch {
      return statusLine(flow.status, flow.source, undefined, flow.expect);
    }
  }, [flow]);
  return (
    <li data-export-flow={flow.id}>
      {name && <span class="badge">{name}</span>} <strong>{flowTitle({ ...flow, ...(flow.capture?.grantType ? { grantType: flow.capture.grantType } : {}) })}</strong>{' '}
      <span class={`badge ${status.tone}`}>{status.text}</span>
      {flow.source === 'captured' && <span class="badge recorded">Recorded</span>}
      <div class="hint">
        client <span class="mono">{flow.profile.clientId || '(not seen)'}</span> at {flow.profile.issuer ? hostOf(flow.profile.issuer) : '(unknown issuer)'} · started {clockTime(flow.createdAt)} ·{' '}
        {flow.steps.length} step{flow.steps.length === 1 ? '' : 's'}
      </div>
    </li>
  );
}

export function WhatIsExported({ flows, names }: { flows: readonly Flow[]; names?: readonly string[] | undefined }) {
  return (
    <ul class="export-what" data-testid="export-what">
      {flows.map((f, i) => (
        <FlowLine key={f.id} flow={f} name={names?.[i]} />
      ))}
    </ul>
  );
}

export interface RedactionProps {
  redact: boolean;
  claims: boolean;
  /** Asking to turn redaction off: the confirmation shows until the person answers. */
  confirming: boolean;
  /** The receipt with redaction on, whatever is chosen: it says what would leak. */
  receipt: Receipt;
  onRedact: (on: boolean) => void;
  onClaims: (on: boolean) => void;
  onConfirm: (include: boolean) => void;
}

/**
 * Redaction is on by default, by the rule that masks values on screen; off takes the checkbox and
 * then a confirmation that says what the export would hold (issue 13, item 2).
 */
export function RedactionChoice(p: RedactionProps) {
  return (
    <fieldset class="export-redaction stack">
      <legend>Redaction</legend>
      <label class="check">
        <input type="checkbox" name="exportRedact" checked={p.redact || p.confirming} onChange={(e) => p.onRedact((e.currentTarget as HTMLInputElement).checked)} />
        <span class="grow">Redact secrets: tokens, codes, verifiers, client secrets and assertions, DPoP proofs, passwords, cookies, Authorization headers</span>
      </label>
      <label class="check">
        <input type="checkbox" name="exportClaims" checked={p.claims} disabled={!p.redact} onChange={(e) => p.onClaims((e.currentTarget as HTMLInputElement).checked)} />
        <span class="grow">Also redact personal claims (email, name, phone number, address, …)</span>
      </label>
      {p.confirming && (
        <div class="banner err stack" role="alertdialog" aria-labelledby="export-leak-title" data-testid="export-unredact-confirm">
          <strong id="export-leak-title">Export with secrets?</strong>
          <div class="detail">{leakLine(p.receipt)}</div>
          <div class="detail">Anyone who reads it can use live tokens and codes until they expire. The export will say NOT REDACTED at its top.</div>
          <div class="row wrap">
            <button type="button" class="danger" onClick={() => p.onConfirm(true)}>
              Include secrets
            </button>
            <button type="button" onClick={() => p.onConfirm(false)}>
              Keep redacted
            </button>
          </div>
        </div>
      )}
      {p.redact ? (
        <div class="banner info" data-testid="export-receipt">
          <strong>{receiptLine(p.receipt)}</strong>
          <div class="detail hint">Each secret becomes a placeholder that names it, its length and a hash prefix; JWTs keep their header and claims, without the signature. The full receipt ends the export.</div>
        </div>
      ) : (
        <div class="banner err" data-testid="export-receipt" data-unredacted="">
          <strong>NOT REDACTED: this export holds secrets.</strong>
          <div class="detail">{leakLine(p.receipt)} Treat it as a secret.</div>
        </div>
      )}
    </fieldset>
  );
}
