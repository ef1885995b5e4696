/**
 * The token diff (issue 12, item 3): two tokens, header and claims side by side. Either two tokens
 * pasted in Decode (#/tokens: the values stay in this page's memory, never in the URL), or a token of
 * flow A against a token of flow B (#/tokens/<a>/<b>?ta=id_token&tb=access_token.1, named by member
 * and token set). The model (diffTokens) describes secret-named claims and compares them by hash.
 */
import { useMemo, useState } from 'preact/hooks';
import { diffTokens, type TokenDiff } from '../../core/compare/token-diff';
import { type Flow, flowTitle, tokenSets } from '../../core/flow';
import { TextArea } from '../../ui/fields';
import { compareState, TOKEN_NAMES, type TokenName, type TokenPick, tokenDiffState, type ViewState } from '../view-state';
import { DiffTable } from './diff-table';
import { FlowPicker } from './flow-picker';
import { useNavigate, ViewLink } from './nav';
import { useFlowsPair } from './use-flows';
import './compare.css';

const NAME: Record<TokenName, string> = { access_token: 'Access token', id_token: 'ID token', refresh_token: 'Refresh token' };
const KIND: Record<TokenDiff['kinds'][0], string> = { jwt: 'JWT', jwe: 'JWE (encrypted)', opaque: 'opaque', invalid: 'not a token' };

/** The tokens a flow holds, as picks: each member of each token set (the first answer, then refreshes). */
export function picksOf(flow: Flow): { pick: TokenPick; label: string; value: string }[] {
  const out: { pick: TokenPick; label: string; value: string }[] = [];
  tokenSets(flow).forEach((s, i) => {
    for (const name of TOKEN_NAMES) {
      const v = s.tokens[name];
      if (typeof v === 'string' && v) out.push({ pick: { name, set: i }, label: `${NAME[name]}${i === 0 ? '' : ` (answer ${i + 1})`}`, value: v });
    }
  });
  return out;
}

const sameSide = (x: TokenPick, y: TokenPick) => x.name === y.name && x.set === y.set;

/** "JWT (609 chars)", "opaque (43 chars)": the kind and length, never the value. */
const sizeOf = (kind: TokenDiff['kinds'][0], size: string): string => `${KIND[kind]} (${/\((\d+) chars\)/.exec(size)?.[1] ?? '?'} chars)`;

/** What the two are, in words, then header and claims side by side. */
export function TokenDiffResult({ d, heads }: { d: TokenDiff; heads: [string, string] }) {
  return (
    <div class="stack" data-testid="token-diff">
      <div class={`banner ${d.identical ? 'info' : 'warn'}`} data-testid="token-diff-verdict" data-identical={d.identical}>
        <strong>{d.identical ? 'The same token.' : 'Two different tokens.'}</strong> A: {sizeOf(d.kinds[0], d.sizes[0])} · B: {sizeOf(d.kinds[1], d.sizes[1])}
        {d.claims.length > 0 && ` · ${d.claims.filter((r) => !r.same).length} of ${d.claims.length} claims differ`}
      </div>
      {d.header.length > 0 && (
        <section>
          <h3>Header</h3>
          <DiffTable rows={d.header} heads={heads} testId="token-diff-header" />
        </section>
      )}
      {d.claims.length > 0 ? (
        <section>
          <h3>Claims</h3>
          <DiffTable rows={d.claims} heads={heads} testId="token-diff-claims" />
        </section>
      ) : (
        <p class="hint">{d.kinds.includes('jwe') ? 'An encrypted token’s claims cannot be read without its key.' : 'Opaque tokens have no claims to read: compared by length and equality only.'}</p>
      )}
    </div>
  );
}

function TokenSelect(p: { label: string; name: string; flow: Flow; value: TokenPick; onPick: (t: TokenPick) => void }) {
  const picks = picksOf(p.flow);
  const at = picks.findIndex((x) => sameSide(x.pick, p.value));
  return (
    <label class="inline-field">
      {p.label}
      <select name={p.name} value={String(at)} onChange={(e) => p.onPick(picks[Number((e.target as HTMLSelectElement).value)]!.pick)}>
        {at < 0 && <option value="-1">{NAME[p.value.name]} (not in this flow)</option>}
        {picks.map((x, i) => (
          <option key={i} value={String(i)}>
            {x.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function FromFlows({ pair, tokens }: { pair: { a: string; b: string }; tokens: { a: TokenPick; b: TokenPick } }) {
  const go = useNavigate();
  const { list, a, b } = useFlowsPair(pair);
  const to = (next: Partial<{ a: string; b: string; ta: TokenPick; tb: TokenPick }>): ViewState => tokenDiffState(next.a ?? pair.a, next.b ?? pair.b, next.ta ?? tokens.a, next.tb ?? tokens.b);
  const value = (f: Flow, t: TokenPick) => picksOf(f).find((x) => sameSide(x.pick, t))?.value;
  const va = a ? value(a, tokens.a) : undefined;
  const vb = b ? value(b, tokens.b) : undefined;
  const d = useMemo(() => (va && vb ? diffTokens(va, vb) : undefined), [va, vb]);
  const title = (f: Flow) => flowTitle({ ...f, ...(f.capture?.grantType ? { grantType: f.capture.grantType } : {}) });
  return (
    <>
      <div class="row wrap token-pair">
        <div class="stack">
          <FlowPicker name="tokenFlowA" label="Flow A" list={list} value={pair.a} onPick={(id) => id && go(to({ a: id }))} />
          {a && <TokenSelect label="token" name="tokenA" flow={a} value={tokens.a} onPick={(t) => go(to({ ta: t }))} />}
        </div>
        <div class="stack">
          <FlowPicker name="tokenFlowB" label="Flow B" list={list} value={pair.b} onPick={(id) => id && go(to({ b: id }))} />
          {b && <TokenSelect label="token" name="tokenB" flow={b} value={tokens.b} onPick={(t) => go(to({ tb: t }))} />}
        </div>
      </div>
      {(a === null || b === null) && <div class="banner warn">{a === null ? 'Flow A' : 'Flow B'} is no longer kept here. Pick another above.</div>}
      {a && b && (!va || !vb) && <div class="banner info">{!va ? `Flow A has no ${NAME[tokens.a.name]} there` : `Flow B has no ${NAME[tokens.b.name]} there`}: pick another token above.</div>}
      {a && b && d && <TokenDiffResult d={d} heads={[`A · ${NAME[tokens.a.name]} · ${title(a)}`, `B · ${NAME[tokens.b.name]} · ${title(b)}`]} />}
    </>
  );
}

/** Pasted tokens: the person's own, kept in memory only. A "Bearer " prefix or spaces around are dropped. */
const bare = (s: string): string => s.trim().replace(/^bearer\s+/i, '');

function Pasted({ initial }: { initial: { a: string; b: string } }) {
  const [a, setA] = useState(initial.a);
  const [b, setB] = useState(initial.b);
  const d = useMemo(() => (bare(a) && bare(b) ? diffTokens(bare(a), bare(b)) : undefined), [a, b]);
  return (
    <>
      <div class="row wrap token-pair">
        <TextArea name="tokenA" label="Token A" hint="stays in this page" value={a} onInput={setA} rows={4} />
        <TextArea name="tokenB" label="Token B" hint="stays in this page" value={b} onInput={setB} rows={4} />
      </div>
      {d ? <TokenDiffResult d={d} heads={['A', 'B']} /> : <p class="hint">Paste two tokens (JWT, JWE or opaque) to see their header and claims side by side.</p>}
    </>
  );
}

export interface TokenDiffViewProps {
  pair?: { a: string; b: string } | undefined;
  tokens?: { a: TokenPick; b: TokenPick } | undefined;
  /** Tokens handed over in memory (Decode's "Compare with another token"). */
  pasted: { a: string; b: string };
}

export function TokenDiffView({ pair, tokens, pasted }: TokenDiffViewProps) {
  return (
    <main class="flow-pane stack compare-view" data-testid="token-diff-view">
      <div class="row wrap">
        <h2>Compare two tokens</h2>
        <span class="spacer" />
        {pair && (
          <ViewLink to={compareState(pair.a, pair.b)} class="hint">
            Compare the two flows
          </ViewLink>
        )}
      </div>
      {pair && tokens ? <FromFlows pair={pair} tokens={tokens} /> : <Pasted initial={pasted} />}
    </main>
  );
}
