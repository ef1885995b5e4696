/**
 * Two flows side by side (issue 12, item 1), at #/compare/<idA>/<idB>: the verdict first (what
 * changes from A to B, headline.ts), then groups of rows that answer the questions people ask (where
 * each token travelled and who could see it, what came back, protections, claims, findings, time).
 * Differences are marked; "Show only differences" is one click and is kept in the URL (?only=diff).
 */
import { useMemo, useState } from 'preact/hooks';
import { compareFlows } from '../../core/compare/compare';
import { headline } from '../../core/compare/headline';
import { type Comparison, type Group, type Row, onlyDifferences } from '../../core/compare/types';
import type { Flow } from '../../core/flow';
import type { RuleSetId } from '../../core/rules/types';
import { compareState, DEFAULT_VIEW_STATE, tokenDiffState, type ViewState } from '../view-state';
import { ExportButton } from '../export/export-button';
import { DiffTable } from './diff-table';
import { FlowPicker } from './flow-picker';
import { useNavigate, ViewLink } from './nav';
import { useFlowsPair } from './use-flows';
import './compare.css';

export interface CompareViewProps {
  pair?: { a: string; b: string } | undefined;
  onlyDiff?: boolean | undefined;
  set?: RuleSetId | undefined;
}

/** "fail", "warn" on either side: a findings row worth reading; pass against n/a is quieter. */
const loud = (r: Row): boolean => /\b(fail|warn)\b/.test(`${r.a} ${r.b}`);

const TONE: Record<string, string> = { fail: 'err', warn: 'warn', pass: 'ok', 'not-seen': 'unseen', 'n/a': 'info' };

/** A findings cell ("pass", "pass, n/a") as the outcome badges the flow detail uses. */
const outcomes = (text: string) =>
  text.split(', ').map((o, i) => (
    <span key={i} class={`badge ${TONE[o] ?? 'info'}`}>
      {o}
    </span>
  ));

/** Findings: those either side fails or warns on first, then the rest in the engine's order. */
function ordered(g: Group): Row[] {
  return g.key === 'findings' ? [...g.rows.filter(loud), ...g.rows.filter((r) => !loud(r))] : g.rows;
}

/** The tokens both flows got, each a link to diff them (header and claims side by side). */
function TokenLinks({ c }: { c: Comparison }) {
  const names = (['id_token', 'access_token', 'refresh_token'] as const).filter((n) => {
    const r = c.groups.flatMap((g) => g.rows).find((x) => x.key === `returned.${n}`);
    return r && r.a.startsWith('present') && r.b.startsWith('present');
  });
  if (names.length === 0) return null;
  const label = { id_token: 'ID tokens', access_token: 'access tokens', refresh_token: 'refresh tokens' } as const;
  return (
    <p class="hint token-links" data-testid="token-diff-links">
      Diff the two flows’ tokens, header and claims:{' '}
      {names.map((n, i) => (
        <span key={n}>
          {i > 0 && ' · '}
          <ViewLink to={tokenDiffState(c.a.id, c.b.id, { name: n, set: 0 }, { name: n, set: 0 })} data-token-diff={n}>
            {label[n]}
          </ViewLink>
        </span>
      ))}
    </p>
  );
}

function Comparing({ a, b, onlyDiff, set }: { a: Flow; b: Flow; onlyDiff: boolean; set?: RuleSetId | undefined }) {
  const go = useNavigate();
  // Times and per-run values (ids, nonces, token values) differ between any two runs: hidden with
  // "only differences" unless asked for.
  const [withVarying, setWithVarying] = useState(false);
  const full = useMemo(() => compareFlows(a, b, set ? { set } : {}), [a, b, set]);
  const lines = useMemo(() => headline(full), [full]);
  const shown = onlyDiff ? onlyDifferences(full, { ignoreVarying: !withVarying }) : full;
  const heads: [string, string] = [`A · ${full.a.title}`, `B · ${full.b.title}`];
  const here = { ...compareState(a.id, b.id, { onlyDiff }), ...(set ? { set } : {}) };
  return (
    <>
      <section class="compare-verdict" data-testid="compare-verdict" aria-label="What changes from A to B">
        {lines.map((l, i) => (i === 0 ? <strong key={i}>{l}</strong> : <p key={i}>{l}</p>))}
      </section>
      <div class="row wrap compare-tools">
        <button type="button" aria-pressed={onlyDiff} class={onlyDiff ? 'primary' : ''} data-testid="only-differences" onClick={() => go({ ...here, onlyDiff: !onlyDiff })}>
          Show only differences
        </button>
        {onlyDiff && (
          <label class="check-label row">
            <input type="checkbox" checked={withVarying} onChange={(e) => setWithVarying((e.target as HTMLInputElement).checked)} />
            include times and per-run values
          </label>
        )}
        <span class="hint" data-testid="difference-count">
          {full.differences} {full.differences === 1 ? 'row differs' : 'rows differ'}
          {onlyDiff && shown.differences !== full.differences ? ` · ${shown.differences} shown` : ''}
        </span>
        <span class="spacer" />
        <button type="button" onClick={() => go({ ...here, pair: { a: b.id, b: a.id } })} title="Put B on the left">
          Swap A and B
        </button>
        <ExportButton flows={[a, b]} what="comparison" names={['A', 'B']} />
      </div>
      <TokenLinks c={full} />
      {shown.groups.length === 0 && <p class="hint">No row differs{withVarying ? '' : ' beyond times and per-run values'}.</p>}
      {shown.groups.map((g) => {
        const rows = ordered(g);
        // Checks neither side fails or warns on (pass against n/a, not seen) fold away: the ones that
        // fail or warn on one side are what the comparison is for.
        const folded = g.key === 'findings' ? rows.filter((r) => !loud(r)) : [];
        const open = g.key === 'findings' ? rows.filter(loud) : rows;
        return (
          <section key={g.key} class="compare-group" data-group={g.key}>
            <h3>{g.title}</h3>
            {open.length > 0 ? <DiffTable rows={open} heads={heads} testId={`group-${g.key}`} {...(g.key === 'findings' ? { cell: outcomes } : {})} /> : <p class="hint">Neither flow fails or warns on a check {onlyDiff ? 'the other passes' : 'here'}.</p>}
            {folded.length > 0 && (
              <details class="compare-fold">
                <summary>
                  {folded.length === 1 ? 'One more check' : `${folded.length} more checks`} neither fails nor warns on
                  {onlyDiff ? ' (they differ between pass, not seen and n/a)' : ` (${folded.filter((r) => !r.same).length} differ between pass, not seen and n/a)`}
                </summary>
                <DiffTable rows={folded} heads={heads} minor={() => true} cell={outcomes} />
              </details>
            )}
          </section>
        );
      })}
    </>
  );
}

export function CompareView({ pair, onlyDiff = false, set }: CompareViewProps) {
  const go = useNavigate();
  const { list, a, b, error } = useFlowsPair(pair);
  const pick = (side: 'a' | 'b', id: string) => {
    const other = side === 'a' ? (pair?.b ?? list.find((f) => f.id !== id)?.id) : (pair?.a ?? list.find((f) => f.id !== id)?.id);
    if (!id || !other) return;
    go({ ...compareState(side === 'a' ? id : other, side === 'a' ? other : id, { onlyDiff }), ...(set ? { set } : {}) });
  };
  const missing = pair && (a === null || b === null);
  return (
    <main class="flow-pane stack compare-view" data-testid="compare-view">
      <div class="row wrap">
        <h2>Compare two flows</h2>
        <span class="spacer" />
        <ViewLink to={DEFAULT_VIEW_STATE} class="hint">
          Back to the flows
        </ViewLink>
      </div>
      <div class="row wrap compare-pickers">
        <FlowPicker name="compareA" label="A" list={list} value={pair?.a} onPick={(id) => pick('a', id)} />
        <FlowPicker name="compareB" label="B" list={list} value={pair?.b} onPick={(id) => pick('b', id)} />
      </div>
      {pair && (
        <p class="hint compare-open">
          Open <ViewLink to={{ ...DEFAULT_VIEW_STATE, flowId: pair.a }}>flow A</ViewLink> or <ViewLink to={{ ...DEFAULT_VIEW_STATE, flowId: pair.b }}>flow B</ViewLink> on its own; this comparison’s
          address can be bookmarked or opened in another tab.
        </p>
      )}
      {error && <div class="banner err">{error}</div>}
      {!pair && <p class="hint">Pick two flows above, or tick two in the Flows list and press Compare.</p>}
      {missing && (
        <div class="banner warn" data-testid="compare-missing">
          {a === null && b === null ? 'Neither flow is kept here any more (cleared, or from another browser). Pick two above.' : `Flow ${a === null ? 'A' : 'B'} is no longer kept here (cleared, or from another browser). Pick another above.`}
        </div>
      )}
      {a && b && <Comparing a={a} b={b} onlyDiff={onlyDiff} set={set} />}
    </main>
  );
}

export type { ViewState };
