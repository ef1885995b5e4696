/** What a recorded flow could not show and how to see it (src/core/capture/notes.ts), above its timeline. */
import { captureNotes } from '../core/capture/notes';
import type { Flow } from '../core/flow';
import { useCaptureStatus } from '../ui/use-capture-status';

export function CaptureNotes({ flow }: { flow: Flow }) {
  const { status } = useCaptureStatus();
  const notes = captureNotes(flow, { pageScriptSites: status?.settings.pageScriptSites ?? [], deepAvailable: status?.deep.available ?? false });
  if (notes.length === 0) return null;
  return (
    <section class="stack" data-testid="capture-notes" aria-label="What this recording could not see">
      {notes.map((n) => (
        <div key={n.id} class={`banner ${n.tone} note`} role="note" data-note={n.id}>
          {n.text}
          {n.clause && <span class="hint nowrap clause"> {n.clause}</span>}
        </div>
      ))}
    </section>
  );
}
