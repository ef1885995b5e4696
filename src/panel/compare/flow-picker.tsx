/** A select of stored flows, newest first, named so neighbours tell apart (title, client, time). */
import { type FlowSummary, flowTitle } from '../../core/flow';
import { clockTime } from '../../ui/format';

export const flowLabel = (f: FlowSummary): string => `${flowTitle(f)} · ${f.clientId || 'no client id'} · ${clockTime(f.createdAt)}`;

export function FlowPicker(p: { name: string; label: string; list: FlowSummary[]; value: string | undefined; onPick: (id: string) => void; exclude?: string }) {
  const known = p.list.some((f) => f.id === p.value);
  return (
    <label class="inline-field flow-picker">
      {p.label}
      <select name={p.name} value={known ? p.value : ''} onChange={(e) => p.onPick((e.target as HTMLSelectElement).value)}>
        {!known && <option value="">{p.value ? 'a flow no longer kept' : 'pick a flow…'}</option>}
        {p.list
          .filter((f) => f.id !== p.exclude)
          .map((f) => (
            <option key={f.id} value={f.id}>
              {flowLabel(f)}
            </option>
          ))}
      </select>
    </label>
  );
}
