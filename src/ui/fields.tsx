/** Labelled form controls, so every input names what it is (and, where useful, where it comes from). */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

let counter = 0;
const useId = (name: string) => useState(() => `f-${name}-${++counter}`)[0];

interface Base {
  label: string;
  hint?: ComponentChildren;
  /** Stable name for tests and autofill-free forms. */
  name: string;
}

export function TextField(p: Base & { value: string; onInput: (v: string) => void; placeholder?: string; mono?: boolean }) {
  const id = useId(p.name);
  return (
    <div class="field">
      <label for={id}>
        {p.label} {p.hint && <span class="hint">{p.hint}</span>}
      </label>
      <input
        id={id}
        name={p.name}
        type="text"
        class={p.mono ? 'mono' : undefined}
        value={p.value}
        placeholder={p.placeholder}
        spellcheck={false}
        autocomplete="off"
        onInput={(e) => p.onInput((e.target as HTMLInputElement).value)}
      />
    </div>
  );
}

export function TextArea(p: Base & { value: string; onInput: (v: string) => void; placeholder?: string; rows?: number }) {
  const id = useId(p.name);
  return (
    <div class="field">
      <label for={id}>
        {p.label} {p.hint && <span class="hint">{p.hint}</span>}
      </label>
      <textarea
        id={id}
        name={p.name}
        class="mono"
        rows={p.rows ?? 3}
        value={p.value}
        placeholder={p.placeholder}
        spellcheck={false}
        onInput={(e) => p.onInput((e.target as HTMLTextAreaElement).value)}
      />
    </div>
  );
}

/** A secret typed by the person: hidden as dots until they choose to show it. */
export function SecretField(p: Base & { value: string; onInput: (v: string) => void; placeholder?: string }) {
  const [shown, setShown] = useState(false);
  const id = useId(p.name);
  return (
    <div class="field">
      <label for={id}>
        {p.label} {p.hint && <span class="hint">{p.hint}</span>}
      </label>
      <div class="row">
        {shown ? (
          <input id={id} name={p.name} type="text" class="mono" value={p.value} placeholder={p.placeholder} autocomplete="off" spellcheck={false} onInput={(e) => p.onInput((e.target as HTMLInputElement).value)} />
        ) : (
          <input id={id} name={p.name} type="password" class="mono" value={p.value} placeholder={p.placeholder} autocomplete="off" onInput={(e) => p.onInput((e.target as HTMLInputElement).value)} />
        )}
        <button type="button" onClick={() => setShown(!shown)} aria-label={`${shown ? 'Hide' : 'Show'} ${p.label}`}>
          {shown ? 'Hide' : 'Show'}
        </button>
      </div>
    </div>
  );
}

export function SelectField<T extends string>(p: Base & { value: T; options: readonly (T | readonly [T, string])[]; onChange: (v: T) => void }) {
  const id = useId(p.name);
  return (
    <div class="field">
      <label for={id}>
        {p.label} {p.hint && <span class="hint">{p.hint}</span>}
      </label>
      <select id={id} name={p.name} value={p.value} onChange={(e) => p.onChange((e.target as HTMLSelectElement).value as T)}>
        {p.options.map((o) => {
          const [value, text] = typeof o === 'string' ? [o, o] : o;
          return (
            <option key={value} value={value}>
              {text}
            </option>
          );
        })}
      </select>
    </div>
  );
}

export function CheckField(p: Base & { checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId(p.name);
  return (
    <div class="field check">
      <input id={id} name={p.name} type="checkbox" checked={p.checked} onChange={(e) => p.onChange((e.target as HTMLInputElement).checked)} />
      <label for={id}>
        {p.label} {p.hint && <span class="hint">{p.hint}</span>}
      </label>
    </div>
  );
}
