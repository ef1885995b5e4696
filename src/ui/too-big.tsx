/**
 * In place of a value too deep or too large to show: what it is ("too deep to show (depth > 32,
 * 120001 bytes)") and a Copy button, so the person can still take the text elsewhere. The text is
 * made only on Copy (safe-json.ts writes any depth without recursion).
 */
import { useState } from 'preact/hooks';

export function TooBig({ message, copy, label, testid = 'too-big' }: { message: string; copy: () => string | undefined; label: string; testid?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const done = (s: 'copied' | 'failed') => {
    setState(s);
    setTimeout(() => setState('idle'), 1500);
  };
  const onCopy = () => {
    let text: string | undefined;
    try {
      text = copy();
    } catch {
      text = undefined;
    }
    if (text === undefined) return done('failed');
    navigator.clipboard.writeText(text).then(
      () => done('copied'),
      () => done('failed'),
    );
  };
  return (
    <div class="hint row wrap" data-testid={testid} data-too-big="">
      <span>{message}</span>
      <button type="button" class="link" aria-label={`Copy ${label}`} onClick={onCopy}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy' : 'Copy'}
      </button>
    </div>
  );
}
