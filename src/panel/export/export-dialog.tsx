/**
 * "Share a flow safely" (issue 13): one dialog for a flow (from its detail), a selection (from the
 * list) or a comparison (the pair a comparison view shows). Verdict first: it names what leaves, then
 * the format, then redaction with its receipt in a line, then Copy or Download. The text is made in
 * this page by the pure core and never logged; an unredacted one only after a confirmation.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Flow } from '../../core/flow';
import { copyText } from '../../ui/clipboard';
import { useConnector } from '../../ui/connector';
import { sizeText } from '../../core/json-bounds';
import { buildExport, type ExportChoice, type ExportFile, type ExportFormat, type ExportWhat, FORMATS, formatInfo, receiptFor } from './export-model';
import { RedactionChoice, WhatIsExported } from './export-parts';
import { linkFor, saveFile, type SaveOutcome } from './save-file';
import './export.css';

export interface ExportDialogProps {
  flows: readonly Flow[];
  what: ExportWhat;
  onClose: () => void;
  /** Names for the flows where the caller has them (a comparison's "A" and "B"). */
  names?: readonly string[];
  /** Back to the picker (a selection). */
  onBack?: () => void;
}

const TITLE: Record<ExportWhat, (n: number) => string> = {
  flow: () => 'Export this flow',
  selection: (n) => `Export ${n} flow${n === 1 ? '' : 's'}`,
  comparison: () => 'Export the comparison',
};

/** What happened to the last Copy or Download, in words for the status line. */
type Status = { tone: 'ok' | 'err' | 'info'; text: string; link?: { href: string; filename: string }; offerCopy?: boolean };

function statusOf(o: SaveOutcome): Status {
  switch (o.kind) {
    case 'saved':
      return { tone: 'ok', text: `Saved as ${o.filename} in the downloads folder.` };
    case 'started':
      return { tone: 'info', text: `The download of ${o.filename} has started.` };
    case 'refused':
      return { tone: 'err', text: 'Grantscope may not save files: the downloads permission was not granted. Copy the export instead, or press Download again to be asked again.', offerCopy: true };
    case 'failed':
      return { tone: 'err', text: `The download stopped (${o.why}). Copy the export instead.`, offerCopy: true };
    case 'link':
      return { tone: 'info', text: 'This page cannot use the downloads API: save the file with this link.', link: { href: o.href, filename: o.filename } };
  }
}

export function ExportDialog({ flows, what, onClose, names, onBack }: ExportDialogProps) {
  const connector = useConnector();
  const [now] = useState(() => new Date());
  const [choice, setChoice] = useState<ExportChoice>({ format: 'report-md', redact: true, claims: false });
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const receipt = useMemo(() => receiptFor(flows, choice.claims), [flows, choice.claims]);
  const file = useMemo((): ExportFile | { error: string } => {
    try {
      return buildExport(flows, what, choice, now);
    } catch (e) {
      // The error's name only: a message could quote a value of the flow.
      return { error: e instanceof Error ? e.name : 'error' };
    }
  }, [flows, what, choice, now]);
  const made = 'text' in file ? file : undefined;
  const set = (c: Partial<ExportChoice>) => {
    setChoice((x) => ({ ...x, ...c }));
    setStatus(null);
  };
  useEffect(() => heading.current?.focus?.(), []);
  // A link made for this dialog goes with it.
  useEffect(() => () => void (status?.link && URL.revokeObjectURL(status.link.href)), [status]);

  const copy = () => {
    if (!made) return;
    void copyText(made.text).then((ok) =>
      setStatus(
        ok
          ? { tone: choice.redact ? 'ok' : 'err', text: `Copied the ${formatInfo(choice.format).label} (${sizeText(made.text.length)}) to the clipboard${choice.redact ? ', redacted' : ', WITH SECRETS'}.` }
          : { tone: 'err', text: 'The clipboard refused the text: download it instead.' },
      ),
    );
  };
  const download = () => {
    if (!made) return;
    // saveFile asks for the permission first thing, inside this click (Firefox's rule).
    const saving = saveFile(connector, made);
    setStatus({ tone: 'info', text: `Saving ${made.filename}…` });
    void saving.then((o) => setStatus(statusOf(o)), () => setStatus(statusOf(linkFor(made))));
  };
  const onRedact = (on: boolean) => (on ? (setConfirming(false), set({ redact: true })) : setConfirming(true));

  return (
    <div class="export-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <section class="export-dialog card stack" role="dialog" aria-modal="true" aria-labelledby="export-title" data-testid="export-dialog" data-what={what} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <div class="row">
          <h2 id="export-title" tabIndex={-1} ref={heading}>
            {TITLE[what](flows.length)}
          </h2>
          <span class="spacer" />
          <button type="button" class="link" aria-label="Close the export dialog" onClick={onClose}>
            Close
          </button>
        </div>
        <WhatIsExported flows={flows} names={names} />
        {onBack && (
          <button type="button" class="link" onClick={onBack}>
            Change the flows
          </button>
        )}
        <fieldset class="export-formats">
          <legend>Format</legend>
          {FORMATS.map((f) => (
            <label key={f.id} class="check">
              <input type="radio" name="exportFormat" value={f.id} checked={choice.format === f.id} onChange={() => set({ format: f.id as ExportFormat })} />
              <span class="grow">{f.label}</span>
              <span class="hint">{f.hint}</span>
            </label>
          ))}
        </fieldset>
        <RedactionChoice
          redact={choice.redact}
          claims={choice.claims}
          confirming={confirming}
          receipt={receipt}
          onRedact={onRedact}
          onClaims={(claims) => set({ claims })}
          onConfirm={(include) => {
            setConfirming(false);
            if (include) set({ redact: false });
          }}
        />
        {made ? (
          <details class="export-preview">
            <summary>
              Preview: <span class="mono">{made.filename}</span> ({sizeText(made.text.length)})
            </summary>
            <pre data-testid="export-preview">{made.text.slice(0, 20_000)}</pre>
          </details>
        ) : (
          <div class="banner err">The export could not be made ({'error' in file ? file.error : ''}).</div>
        )}
        <div class="row wrap">
          <button type="button" class="primary" data-testid="export-copy" disabled={!made || confirming} onClick={copy}>
            Copy
          </button>
          <button type="button" data-testid="export-download" disabled={!made || confirming} onClick={download}>
            Download
          </button>
          <span class="hint">{made && !choice.redact ? 'Not redacted: the file name says so too.' : 'Redacted: safe to attach to a ticket.'}</span>
        </div>
        {status && (
          <div class={`banner ${status.tone}`} role="status" data-testid="export-status" data-tone={status.tone}>
            {status.text}
            {status.link && (
              <>
                {' '}
                <a href={status.link.href} download={status.link.filename} data-testid="export-link">
                  Save {status.link.filename}
                </a>
              </>
            )}
            {status.offerCopy && (
              <>
                {' '}
                <button type="button" class="link" onClick={copy}>
                  Copy instead
                </button>
              </>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
