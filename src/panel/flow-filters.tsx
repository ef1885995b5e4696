/** Search and filters above the flow list, with how many flows they let through. */
import type { ComponentChildren } from 'preact';
import { countText, type FlowFilter, GRANT_OPTIONS, SOURCE_OPTIONS, STATUS_OPTIONS, VERDICT_OPTIONS } from './flow-filter';

function Choice<K extends keyof FlowFilter>(p: { label: string; name: string; k: K; options: readonly (readonly [FlowFilter[K], string])[]; filter: FlowFilter; onChange: (f: FlowFilter) => void }) {
  return (
    <label class="inline-field">
      <span>{p.label}</span>
      <select name={p.name} value={p.filter[p.k]} onChange={(e) => p.onChange({ ...p.filter, [p.k]: (e.target as HTMLSelectElement).value })}>
        {p.options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FlowFilters(p: { filter: FlowFilter; onChange: (f: FlowFilter) => void; shown: number; total: number; children?: ComponentChildren }) {
  const { filter, onChange } = p;
  return (
    <div class="row wrap bar sub flow-filters" role="search" aria-label="Search and filter flows">
      <input
        type="search"
        name="flow-search"
        class="flow-search"
        placeholder="Search client, issuer, site, user, status…"
        aria-label="Search flows"
        value={filter.query}
        onInput={(e) => onChange({ ...filter, query: (e.target as HTMLInputElement).value })}
      />
      <Choice label="Status" name="flow-status" k="status" options={STATUS_OPTIONS} filter={filter} onChange={onChange} />
      <Choice label="Grant" name="flow-grant" k="grant" options={GRANT_OPTIONS} filter={filter} onChange={onChange} />
      <Choice label="Source" name="flow-source" k="source" options={SOURCE_OPTIONS} filter={filter} onChange={onChange} />
      <Choice label="Checks" name="flow-verdict" k="verdict" options={VERDICT_OPTIONS} filter={filter} onChange={onChange} />
      <span class="hint nowrap" data-testid="flow-count" aria-live="polite">
        {countText(p.shown, p.total)}
      </span>
      <span class="spacer" />
      <span class="row">{p.children}</span>
    </div>
  );
}
