/**
 * The flows that pass the filters, newest first; recorded ones say so and name the site they ran on.
 * In a DevTools panel the inspected tab's flows come first, under "This tab", the rest under "Other tabs".
 *
 * A long list is virtualised (issue 10, item 5: the panel drawn in the same time with 1,100 flows as
 * with 10): past VIRTUAL_FROM rows, each part renders only the rows near the visible part of the
 * scrolled list, with spacers of the rows' height above and below. Heights are measured once drawn
 * (a row with an outcome or a site is taller) and estimated before.
 */
import type { ComponentChildren, RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type FlowSummary, flowTitle } from '../core/flow';
import { clockTime, delta, hostOf } from '../ui/format';
import { splitByTab } from './flow-filter';
import { FlowMarks } from './flow-marks';
import { statusLine } from './status';
import { PickBox } from './compare/compare-picks';

/** Picking flows to compare (issue 12): the ids ticked, and the tick handler; absent, rows have no tick box. */
export interface Picks {
  picked: readonly string[];
  onPick: (id: string) => void;
}

function Sites({ sites }: { sites: string[] }) {
  if (sites.length === 0) return null;
  const more = sites.length > 1 ? ` +${sites.length - 1}` : '';
  return (
    <span class="hint list-site" data-testid="flow-site" title={sites.join('\n')}>
      on {hostOf(sites[0]!)}
      {more}
    </span>
  );
}

/** Lists shorter than this are drawn whole (every row in the DOM, as before). */
export const VIRTUAL_FROM = 150;
/** A row's height before it is measured: a recorded flow's with a failure line and its facts, with its margin. */
export const ROW_ESTIMATE = 128;
/** Rows drawn beyond the visible part, in pixels, so a quick scroll shows no gap. */
const OVERSCAN = 600;

/** The scroll position and height of the list, kept current. */
interface View {
  top: number;
  height: number;
  /** The scrolled list itself, to place each part in it. */
  el?: HTMLElement;
}

function useView(nav: RefObject<HTMLElement | null>, on: boolean): View {
  const [view, setView] = useState<View>({ top: 0, height: 1000 });
  useLayoutEffect(() => {
    const el = nav.current;
    if (!on || !el) return;
    const read = () => setView((v) => (v.el === el && v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight || 1000, el }));
    read();
    el.addEventListener('scroll', read, { passive: true });
    const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(read) : undefined;
    ro?.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      ro?.disconnect();
    };
  }, [nav, on]);
  return view;
}

/** Measured row heights by flow id, shared by every part of the list. */
type Heights = Map<string, number>;

/**
 * The rows of one part to draw, and the space above and below them. `ul` is the part's list; its
 * offset in the scrolled list says which of its rows are in view.
 */
function windowOf(flows: FlowSummary[], heights: Heights, ul: HTMLElement | null, view: View): { from: number; to: number; above: number; below: number } {
  // Where the part starts in the scrolled content (the "Other tabs" part starts below "This tab").
  const offset = ul && view.el ? ul.getBoundingClientRect().top - view.el.getBoundingClientRect().top + view.el.scrollTop : 0;
  const first = view.top - offset - OVERSCAN;
  const last = view.top - offset + view.height + OVERSCAN;
  let y = 0;
  let from = flows.length;
  let to = flows.length;
  let above = 0;
  for (let i = 0; i < flows.length; i++) {
    const h = heights.get(flows[i]!.id) ?? ROW_ESTIMATE;
    if (from === flows.length && y + h >= first) {
      from = i;
      above = y;
    }
    if (y > last) {
      to = i;
      break;
    }
    y += h;
  }
  let below = 0;
  for (let i = to; i < flows.length; i++) below += heights.get(flows[i]!.id) ?? ROW_ESTIMATE;
  return { from: Math.min(from, to), to, above, below };
}

/** The rows of one part: all of them, or (virtual) those in view between two spacers. */
function Rows(p: { flows: FlowSummary[]; selected: string | null; onSelect: (id: string) => void; virtual: { view: View; heights: Heights } | undefined; picks?: Picks | undefined; children?: ComponentChildren }) {
  const ul = useRef<HTMLUListElement>(null);
  const [, redraw] = useState(0);
  const { flows, virtual } = p;
  const win = virtual ? windowOf(flows, virtual.heights, ul.current, virtual.view) : { from: 0, to: flows.length, above: 0, below: 0 };
  useLayoutEffect(() => {
    if (!virtual || !ul.current) return;
    // Heights of the rows just drawn; a row that differs from its estimate moves the spacers once.
    let changed = false;
    for (const li of ul.current.querySelectorAll<HTMLElement>(':scope > li[data-row]')) {
      const id = li.dataset.row!;
      const h = li.offsetHeight + 4;
      if (virtual.heights.get(id) !== h) {
        virtual.heights.set(id, h);
        changed = true;
      }
    }
    if (changed) redraw((n) => n + 1);
  });
  return (
    <ul ref={ul} data-virtual={virtual ? `${win.from}-${win.to} of ${flows.length}` : undefined}>
      {win.above > 0 && <li aria-hidden="true" class="list-spacer" style={{ height: `${win.above}px` }} />}
      {flows.slice(win.from, win.to).map((f) => (
        <FlowItem key={f.id} f={f} selected={f.id === p.selected} onSelect={p.onSelect} picks={p.picks} />
      ))}
      {win.below > 0 && <li aria-hidden="true" class="list-spacer" style={{ height: `${win.below}px` }} />}
      {p.children}
    </ul>
  );
}

/** "1.2 s", "3 min": how long the flow ran, first step to last. */
function took(ms: number): string {
  return delta(0, ms).slice(1);
}

/** Who ran it and how: the profile (launched) or client_id (recorded), and the prompt sent. */
function Who({ f }: { f: FlowSummary }) {
  const r = f.row ?? {};
  return (
    <span class="list-facts" data-testid="row-who">
      {f.source === 'launched' && r.profileName ? <span>{r.profileName}</span> : <span class="mono">{f.clientId || '(no client id seen)'}</span>}
      {r.prompt ? <span class="hint"> · prompt={r.prompt}</span> : null}
    </span>
  );
}

/** What went wrong, first: the verdict's first failure (in the danger colour), else the outcome. */
function Said({ f }: { f: FlowSummary }) {
  const v = f.verdict;
  if (v?.first && (v.failed > 0 || v.warned > 0)) {
    return (
      <span class={v.failed > 0 ? 'list-verdict err' : 'list-verdict warn'} data-testid="row-verdict" title={`${v.first.message} (${v.first.clause})`}>
        {v.first.message}
      </span>
    );
  }
  return f.outcome ? <span class={f.outcome.kind === 'error' ? 'list-outcome err' : 'list-outcome'}>{f.outcome.title}</span> : null;
}

function FlowItem({ f, selected, onSelect, picks }: { f: FlowSummary; selected: boolean; onSelect: (id: string) => void; picks?: Picks | undefined }) {
  const status = statusLine(f.status, f.source, f.verdict, f.row?.expect);
  const r = f.row ?? {};
  const user = r.sub ? `sub ${r.sub}` : r.loginHint ? `login_hint ${r.loginHint}` : '';
  return (
    <li data-row={f.id} class={picks ? 'pickable' : undefined}>
      {picks && <PickBox id={f.id} picked={picks.picked.includes(f.id)} onPick={picks.onPick} />}
      <button
        data-imported={f.imported ? 'true' : undefined}
        type="button"
        class={selected ? 'flow-item selected' : 'flow-item'}
        aria-current={selected}
        data-flow-id={f.id}
        data-status={f.status}
        data-source={f.source}
        data-failed={f.verdict?.failed ?? 0}
        data-warned={f.verdict?.warned ?? 0}
        onClick={() => onSelect(f.id)}
      >
        <span class="row">
          <strong>{flowTitle(f)}</strong>
          <span class="spacer" />
          <FlowMarks flow={f.row?.expect ? { ...f, expect: f.row.expect } : f} />
        </span>
        <span class="row">
          <span class={`badge ${status.tone}`} data-testid="row-status">
            {status.text}
          </span>
        </span>
        <Who f={f} />
        <Said f={f} />
        {f.source === 'captured' && (
          <span class="row">
            <span class="badge recorded" data-testid="recorded-badge">
              Recorded
            </span>
            <Sites sites={f.sites ?? []} />
          </span>
        )}
        {f.imported && (
          <span class="row">
            <span class="badge imported" data-testid="imported-badge">
              Imported
            </span>
            <span class="hint list-site" title={f.imported.file}>
              from {f.imported.file}
            </span>
          </span>
        )}
        <span class="hint list-facts" data-testid="row-facts">
          {/* What tells neighbours apart first: whom it was for and how long it took; then where and when. */}
          {user ? `${user} · ` : ''}
          {r.durationMs !== undefined ? `took ${took(r.durationMs)} · ` : ''}
          {hostOf(f.issuer)} · {clockTime(f.createdAt)}
        </span>
      </button>
    </li>
  );
}

interface ListProps {
  flows: FlowSummary[];
  selected: string | null;
  onSelect: (id: string) => void;
  empty?: ComponentChildren;
  /** In a DevTools panel: the inspected tab, whose flows are listed first under their own heading. */
  inspectedTabId?: number | undefined;
  /** What "This tab" says when it lists none (the search may hide the tab's flows). */
  noneHere?: string;
  /** Tick boxes to pick two flows to compare (issue 12). */
  picks?: Picks;
}

/** One titled part of the list (DevTools: "This tab", "Other tabs"). */
function Group(p: { id: string; title: string; flows: FlowSummary[]; selected: string | null; onSelect: (id: string) => void; none: string; virtual: { view: View; heights: Heights } | undefined; picks?: Picks | undefined }) {
  return (
    <section data-group={p.id} aria-labelledby={`flows-${p.id}`}>
      <h2 class="list-heading" id={`flows-${p.id}`}>
        {p.title} <span class="hint">({p.flows.length})</span>
      </h2>
      <Rows flows={p.flows} selected={p.selected} onSelect={p.onSelect} virtual={p.virtual} picks={p.picks}>
        {p.flows.length === 0 && <li class="pad hint">{p.none}</li>}
      </Rows>
    </section>
  );
}

export function FlowList(props: ListProps) {
  const { flows, selected, onSelect, inspectedTabId } = props;
  const nav = useRef<HTMLElement>(null);
  const heights = useRef<Heights>(new Map());
  const long = flows.length >= VIRTUAL_FROM;
  const view = useView(nav, long);
  const virtual = long ? { view, heights: heights.current } : undefined;
  if (inspectedTabId !== undefined && flows.length > 0) {
    const { here, others } = splitByTab(flows, inspectedTabId);
    return (
      <nav ref={nav} class="flow-list" aria-label="Flows" data-inspected-tab={inspectedTabId}>
        <Group id="this-tab" title="This tab" flows={here} selected={selected} onSelect={onSelect} none={props.noneHere ?? 'No flow has run in the inspected tab yet.'} virtual={virtual} picks={props.picks} />
        {others.length > 0 && <Group id="other-tabs" title="Other tabs" flows={others} selected={selected} onSelect={onSelect} none="" virtual={virtual} picks={props.picks} />}
      </nav>
    );
  }
  return (
    <nav ref={nav} class="flow-list" aria-label="Flows" data-inspected-tab={inspectedTabId}>
      <Rows flows={flows} selected={selected} onSelect={onSelect} virtual={virtual} picks={props.picks}>
        {flows.length === 0 && props.empty && <li class="pad">{props.empty}</li>}
      </Rows>
    </nav>
  );
}
