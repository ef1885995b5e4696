/**
 * Secret values (token, code, verifier, client secret, API key, session cookie): masked until the
 * person reveals them. Which values are secret is decided by the one rule, isSecretName
 * (src/core/secret-name.ts), never by a list kept here. Rendered as text only, never as markup.
 */
import { useState } from 'preact/hooks';
import { isNotKept } from '../core/launch/step-record';
import { isSecretName, maskSecret, redactUrl, redactValue } from '../core/redact';

export function Secret({ value, label }: { value: string; label: string }) {
  const [shown, setShown] = useState(false);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard.writeText(value).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };
  return (
    <span class="secret" data-secret={label}>
      <span class={shown ? 'mono' : 'mono masked'} data-testid="secret-value">
        {shown ? value : maskSecret(value)}
      </span>
      <button class="link" type="button" aria-label={`${shown ? 'Hide' : 'Reveal'} ${label}`} onClick={() => setShown(!shown)}>
        {shown ? 'Hide' : 'Reveal'}
      </button>
      <button class="link" type="button" aria-label={`Copy ${label}`} onClick={copy}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}

/**
 * A named value (parameter, header, answer field): masked until revealed when its name says it is
 * secret. A readable name's value can still hold one (a redirect_uri carrying "?code=…", an
 * error_description echoing a JWT): redactValue masks that part, with Reveal.
 */
export function NamedValue({ name, value }: { name: string; value: string }) {
  // A launched step keeps a marker, not the client secret (src/core/launch/step-record.ts): nothing to reveal.
  if (isNotKept(value)) return <span class="not-kept" data-testid="not-kept">{value}</span>;
  if (isSecretName(name)) return <Secret value={value} label={name} />;
  const masked = redactValue(value);
  return masked === value ? <>{value}</> : <Revealable value={value} masked={masked} label={name} />;
}

/** Text with its secret parts masked; Reveal shows it as it was. */
function Revealable({ value, masked, label }: { value: string; masked: string; label: string }) {
  const [shown, setShown] = useState(false);
  return (
    <span class="secret" data-revealed={shown}>
      <span>{shown ? value : masked}</span>{' '}
      <button class="link" type="button" aria-label={`${shown ? 'Hide' : 'Reveal'} ${label}`} onClick={() => setShown(!shown)}>
        {shown ? 'Hide' : 'Reveal'}
      </button>
    </span>
  );
}

/**
 * A URL as text with its secret parts masked (redactUrl: secret-named query and fragment values, a
 * userinfo password, JWTs); Reveal shows it as it was. Nothing to reveal, no button.
 */
export function MaskedUrl({ url, label = 'URL' }: { url: string; label?: string }) {
  const [shown, setShown] = useState(false);
  const masked = redactUrl(url);
  if (masked === url) return <span data-testid="masked-url">{url}</span>;
  return (
    <span class="secret" data-testid="masked-url" data-revealed={shown}>
      <span>{shown ? url : masked}</span>{' '}
      <button class="link" type="button" aria-label={`${shown ? 'Hide' : 'Reveal'} ${label}`} onClick={() => setShown(!shown)}>
        {shown ? 'Hide' : 'Reveal'}
      </button>
    </span>
  );
}
