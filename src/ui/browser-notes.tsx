/**
 * "In this browser": what Grantscope cannot do here that it does in the other browser, in plain words
 * (issue 10). The worker reports the browser and build; nothing here touches `browser`.
 */
import { capabilityNotes } from '../core/capabilities';
import { useCapabilities } from './use-capabilities';

export function BrowserNotes() {
  const caps = useCapabilities();
  if (!caps) return null;
  const notes = capabilityNotes(caps);
  if (!notes.length) return null;
  return (
    <section class="card stack" aria-labelledby="browser-notes-h" data-testid="browser-notes" data-browser={caps.browser}>
      <h3 id="browser-notes-h">In {caps.browser === 'firefox' ? 'Firefox' : 'Chrome'}</h3>
      <ul class="hint">
        {notes.map((n) => (
          <li key={n.id} data-note={n.id}>
            {n.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
