/**
 * Page capture, per site: a small script in that site's pages reports the page's own fetch/XHR token
 * calls with their answers, which Chrome's network events cannot show. Adding a site asks for access
 * to it, from inside the click (Firefox prompts only there).
 */
import { useState } from 'preact/hooks';
import type { CaptureSettings } from '../../core/capture/settings';
import { useConnector } from '../../ui/connector';
import { originPattern } from '../../ui/format';
import type { SaveSettings } from './recording-view';
import { siteOrigin } from './rules';

export function PageCapture({ settings, save, setError }: { settings: CaptureSettings; save: SaveSettings; setError: (e: string | null) => void }) {
  const connector = useConnector();
  const [input, setInput] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const sites = settings.pageScriptSites;

  const add = () => {
    const parsed = siteOrigin(input);
    if (!parsed.ok) return setProblem(parsed.error);
    // First thing in the click, nothing awaited before it: Firefox shows the prompt only inside the gesture.
    // The pattern leaves out the port, which match patterns do not take (any port matches).
    const access = connector.requestHostAccess([originPattern(parsed.origin)], ['scripting']);
    setProblem(null);
    void access.then(
      async (granted) => {
        if (!granted) return setProblem(`Page capture needs access to ${parsed.origin}; the browser did not grant it, so nothing was added.`);
        if (sites.includes(parsed.origin) || (await save({ pageScriptSites: [...sites, parsed.origin] }))) setInput('');
      },
      (e: Error) => setError(e.message),
    );
  };
  const remove = (origin: string) => void save({ pageScriptSites: sites.filter((s) => s !== origin) });

  return (
    <section class="card stack" aria-labelledby="page-h" data-testid="page-capture">
      <h3 id="page-h">Page capture</h3>
      <p class="hint">
        For single-page apps that call the token endpoint themselves: a small script in the site’s pages reports those fetch and XHR calls with their answers, which
        Chrome’s network events do not show. It reads nothing else. Adding a site asks the browser for access to it.
      </p>
      {sites.length === 0 ? (
        <p class="hint">No sites yet.</p>
      ) : (
        <ul class="site-list">
          {sites.map((s) => (
            <li key={s} class="row" data-site={s}>
              <span class="mono">{s}</span>
              <span class="spacer" />
              <button type="button" aria-label={`Remove page capture for ${s}`} onClick={() => remove(s)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="field">
        <label for="page-capture-site">
          Add a site <span class="hint">its origin, for example https://app.example.com</span>
        </label>
        <div class="row">
          <input
            id="page-capture-site"
            name="page-capture-site"
            class="mono"
            type="text"
            spellcheck={false}
            autocomplete="off"
            placeholder="https://app.example.com"
            value={input}
            onInput={(e) => setInput((e.target as HTMLInputElement).value)}
            onKeyDown={(e) => e.key === 'Enter' && add()}
          />
          <button type="button" onClick={add}>
            Add site
          </button>
        </div>
      </div>
      {problem && (
        <div class="banner err" role="alert" data-testid="page-capture-problem">
          {problem}
        </div>
      )}
    </section>
  );
}
