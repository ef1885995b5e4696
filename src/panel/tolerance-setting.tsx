/** The clock tolerance for exp / nbf / iat / auth_time checks, shown and adjustable (applies to new checks). */
import { useEffect, useState } from 'preact/hooks';
import { useConnector } from '../ui/connector';

/** `onChange` (optional): told the value as loaded and as changed, for views that judge on the page (Decode). */
export function ToleranceSetting({ onChange }: { onChange?: (sec: number) => void } = {}) {
  const connector = useConnector();
  const [value, setValue] = useState<string>('');
  useEffect(() => {
    connector.send('settings/get', null).then(
      (s) => {
        setValue(String(s.clockToleranceSec));
        onChange?.(s.clockToleranceSec);
      },
      () => undefined,
    );
  }, [connector]); // loaded once; onChange may be a new function each render
  const save = (text: string) => {
    setValue(text);
    const n = Number(text);
    if (text === '' || !Number.isFinite(n)) return;
    onChange?.(n);
    void connector.send('settings/set', { clockToleranceSec: n }).catch(() => undefined);
  };
  return (
    <label class="row check-label hint" title="How far the provider's clock and this computer's may differ before time checks fail. Applies to checks made from now on.">
      Clock tolerance
      <input class="mono tolerance" name="clockTolerance" type="number" min={0} max={3600} value={value} onInput={(e) => save((e.target as HTMLInputElement).value)} />s
    </label>
  );
}
