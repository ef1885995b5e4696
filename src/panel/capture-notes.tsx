/**
 * What a recorded flow could not show and how to see it (src/core/capture/notes.ts), and what storage
 * cut from it (flow.capture.notices), above its timeline.
 */
import { captureNotes } from '../core/capture/notes';
import type { Flow } from '../core/flow';
import { useCaptureStatus } from '../ui/use-capture-status';

export function CaptureNotes({ flow }: { flow: Flow }) {
  const { status } = useCaptureStatus();
  const notes = captureNotes(flow, { pageScriptSites: status?.settings.pageScriptSites ?? [], deepAvailable: status?.deep.available ?? false });
  // What storage had to cut to keep this flow (fit-flow.ts): shown as text, never as markup.
  const cuts = (flow.capture?.notices ?? []).filter((n): n is string => typeof n === 'string');
  if (notes.length === 0 && cuts.length === 0) return null;
  return (
    <section class="stack" data-testid="capture-notes" aria-label="What this recording could not see">
      {cuts.map((text, i) => (
        <div key={`cut-${i}`} class="banner warn note" role="note" data-note="cut" data-testid="capture-cut">
          {text}
        </div>
      ))}
      {notes.map((n) => (
        <div key={n.id} class={`banner ${n.tone} note`} role="note" data-note={n.id}>
          {n.text}
          {n.clause && <span class="hint nowrap clause"> {n.clause}</span>}
        </div>
      ))}
    </section>
  );
}
