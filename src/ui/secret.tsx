/**
 * A secret value (token, code, verifier, client secret): masked until the person reveals it.
 * Rendered as text only, never as markup.
 */
import { useState } from 'preact/hooks';
import { maskSecret } from '../core/redact';

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
