/**
 * The page a new install opens once (runtime.onInstalled, reason "install"; issue 10, item 4): what
 * Grantscope records from this moment, where it keeps it, how to pause it, what it masks, and the way
 * to connect the person's own provider. Plain text and links to the panel: it needs no message.
 */
import type { ComponentChildren } from 'preact';

function Card({ title, children, id }: { title: string; children: ComponentChildren; id: string }) {
  return (
    <section class="card" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function Welcome() {
  return (
    <main class="welcome">
      <header class="hero">
        <img src="icons/icon-128.png" width={56} height={56} alt="" />
        <div>
          <h1>Grantscope is installed</h1>
          <p class="lead">
            It records the OAuth 2.0 and OpenID Connect sign-ins this browser makes, and launches flows against your own provider, showing every
            step with its tokens decoded and checked.
          </p>
        </div>
      </header>

      <div class="actions">
        <a class="button primary" href="panel.html#launch" data-testid="welcome-connect">
          Connect your provider
        </a>
        <a class="button" href="panel.html#flows">
          Open the panel
        </a>
        <span class="hint">The panel is also in DevTools, as the <strong>OAuth</strong> tab.</span>
      </div>

      <div class="cards">
        <Card title="What is recorded" id="welcome-recorded">
          <p>
            From now on, on every site, in every tab, popup and frame: <strong>authorization requests</strong>, the <strong>callbacks</strong> that bring
            back a code, tokens or an error, <strong>token requests</strong>, and calls to discovery, JWKS, userinfo, introspection and revocation.
          </p>
          <p>
            <strong>Token answers</strong> are recorded where the browser lets an extension see them: always in Firefox; in Chrome when DevTools is open
            on the tab, or on sites you add under Recording → Page capture.
          </p>
          <p class="hint">Any request that is not OAuth is not kept. Images, scripts, styles and fonts are not even delivered to Grantscope.</p>
        </Card>
        <Card title="Where it is kept" id="welcome-kept">
          <p>
            In this browser only, in the extension’s session storage (<code>storage.session</code>): <strong>gone when the browser closes</strong>.
            Nothing is sent to Grantscope or anyone else. It talks only to the providers you sign in with: to check a recorded flow it fetches that
            provider’s public discovery document and keys, and it calls the provider when you launch a flow or run an action.
          </p>
          <p>
            To keep recorded flows across restarts, tick “keep recorded flows across browser restarts” under <a href="panel.html#recording">Recording</a>:
            they are then written to disk (<code>storage.local</code>), tokens included. The oldest flows go first once the number you set is reached.
          </p>
        </Card>
        <Card title="How to pause" id="welcome-pause">
          <ul>
            <li>
              <strong>Toolbar button → Pause</strong>: nothing is recorded until you press Resume or the browser restarts.
            </li>
            <li>
              <strong>Panel → Recording</strong>: pause, turn recording off, clear what was recorded, or limit it to some sites (allow and deny lists).
            </li>
          </ul>
        </Card>
        <Card title="What is masked" id="welcome-masked">
          <p>
            Authorization codes, tokens, PKCE verifiers, client secrets, passwords and Basic credentials are <strong>masked in the panel until you press
            Reveal</strong>, raw views included.
          </p>
          <p class="hint">Masking is for the screen: the values are stored as they were recorded, so the panel can decode and verify them.</p>
        </Card>
      </div>

      <section class="next" aria-labelledby="welcome-next">
        <h2 id="welcome-next">Launch your first flow</h2>
        <ol>
          <li>
            Open <a href="panel.html#launch">Launch</a> (or the toolbar button) and paste your provider’s issuer or discovery URL, e.g.{' '}
            <code>https://login.example.com</code> or <code>https://login.example.com/.well-known/openid-configuration</code>.
          </li>
          <li>Press Discover, enter your app’s client_id and one of its registered redirect URIs, and press Start.</li>
          <li>Log in in the tab that opens. The redirect is stopped before your app can spend the code; each step shows in the panel.</li>
        </ol>
        <p class="hint">
          Working from a Grantscope checkout? <code>npm run demo</code> starts the demo provider on <code>127.0.0.1:9400</code>, and the ready “Demo provider”
          profiles work against it.
        </p>
      </section>
    </main>
  );
}
