/**
 * The standalone decoder: paste anything (a JWT, a JWE, a callback URL, a token response, an
 * Authorization header, a DPoP proof) and see every token in it decoded, its claims explained, and
 * its signature checked against the issuer's keys or a key you paste. Works with no flow at all.
 *
 * Verdict first (issue 11): a summary line the moment something is pasted (decode/summary-line.tsx),
 * then the ID token rules' verdict (decode/decode-verdict.tsx), then the evidence. What was pasted is
 * the person's own: shown in full, no Reveal.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { decodeInput, decodeInputAsync } from '../core/decode-input';
import { cutNotice } from '../core/menu-decode';
import { carried, judgeDecoded, judgedToken, verdictOf, type DecodeChecks } from '../core/tokens/decode-judge';
import { summarizeInput } from '../core/tokens/decode-summary';
import type { Verification } from '../core/verify';
import { keysFromText, verifyWith } from '../core/verify';
import { useConnector } from '../ui/connector';
import { TextArea } from '../ui/fields';
import { originPattern } from '../ui/format';
import { TokenView, VerificationBadge } from '../ui/token-view';
import { useNow } from '../ui/use-now';
import { CheckFields } from './decode/check-fields';
import { DecodeVerdictView } from './decode/decode-verdict';
import { SummaryLine } from './decode/summary-line';
import { CompareTokenButton } from './compare/compare-token-button';

/** RFC 7638 thumbprint of a pasted DPoP proof's key (the cnf.jkt a bound token carries), computed off the first render. */
function useThumbprint(text: string, isProof: boolean): string | undefined {
  const [thumb, setThumb] = useState<{ text: string; value?: string }>();
  useEffect(() => {
    if (!isProof) return;
    let live = true;
    void decodeInputAsync(text).then((d) => live && setThumb({ text, ...(d.kind === 'dpop-proof' && d.thumbprint ? { value: d.thumbprint } : {}) }));
    return () => {
      live = false;
    };
  }, [text, isProof]);
  return isProof && thumb?.text === text ? thumb.value : undefined;
}

export function DecodeView({ initial }: { initial: string }) {
  const connector = useConnector();
  const [text, setText] = useState(initial);
  const [checks, setChecks] = useState<DecodeChecks>({});
  const [pastedKey, setPastedKey] = useState('');
  const [toleranceSec, setTolerance] = useState(60);
  const [results, setResults] = useState<Record<string, Verification>>({});
  const [error, setError] = useState<string | null>(null);
  // Where the text came from when "Decode with Grantscope" (the context menu) brought it, and what was cut.
  const [fromMenu, setFromMenu] = useState<{ source: string; cut: string | null } | null>(null);
  const decoded = useMemo(() => decodeInput(text), [text]);
  const summary = useMemo(() => summarizeInput(decoded), [decoded]);
  const thumbprint = useThumbprint(text, decoded.kind === 'dpop-proof');
  // Time rules are judged again each second: a token that expires while shown turns red.
  const now = useNow(1000);
  const idToken = judgedToken(decoded);
  const findings = judgeDecoded(decoded, checks, idToken ? results[idToken.name] : undefined, now, toleranceSec);
  const verdict = findings && verdictOf(findings);
  const errors = verdict?.failed.filter((f) => f.severity === 'error' && f.id !== 'idtoken.signature').length ?? 0;
  const caveat = verdict?.neverValid ? 'But this token can never be valid: see the checks above.' : errors ? `But ${errors === 1 ? 'an ID token check' : `${errors} ID token checks`} failed: see above.` : undefined;
  useEffect(() => {
    // The menu's input waits in the worker (never in the URL: it may be a live token); taken once, as this view starts.
    let live = true;
    connector.send('decode/pending', null).then(
      (p) => {
        if (!live || !p) return;
        setText(p.text);
        setResults({});
        setFromMenu({ source: p.source === 'link' ? 'a link' : 'the selected text', cut: cutNotice(p) });
      },
      () => undefined, // nothing pending to show; the view works as before
    );
    return () => {
      live = false;
    };
  }, [connector]);
  const jws = decoded.tokens.filter((t) => t.decoded.kind === 'jwt');

  const verify = async () => {
    setError(null);
    const out: Record<string, Verification> = {};
    // Host access to the issuer is asked for first, inside the click (Firefox needs that).
    // Only a string iss: String() of a hostile array walks it recursively (issue 9).
    const first = idToken ?? jws[0];
    const tokenIss = first?.decoded.kind === 'jwt' ? first.decoded.payload.iss : undefined;
    const iss = (checks.issuer ?? '').trim() || (typeof tokenIss === 'string' ? tokenIss : '');
    const access = !pastedKey.trim() && iss ? connector.requestHostAccess([originPattern(iss)]).catch(() => false) : Promise.resolve(true);
    try {
      if (!(await access)) throw new Error(`Grantscope needs access to ${iss} to fetch its keys.`);
      if (pastedKey.trim()) {
        const keys = await keysFromText(pastedKey);
        if (!keys.ok) throw new Error(`Key: ${keys.error.message}`);
        for (const t of jws) out[t.name] = await verifyWith(t.value, keys.value, {});
      } else {
        if (!iss) throw new Error('The token names no issuer (iss): give the issuer, or paste a key.');
        for (const t of jws) out[t.name] = await connector.send('token/verify', { token: t.value, issuer: iss });
      }
      setResults(out);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <main class="flow-pane stack decode-view">
      <h2>Decode a token</h2>
      <TextArea
        name="decodeInput"
        label="Paste a token, a callback URL, a token response or an Authorization header"
        hint="stays in this page; nothing is sent anywhere unless you press Verify"
        value={text}
        onInput={(v) => {
          setText(v);
          setResults({});
          setFromMenu(null);
        }}
        rows={5}
      />
      {/* Issue 12: this token against another, header and claims side by side (#/tokens). */}
      <CompareTokenButton token={decoded.tokens[0]?.value ?? (text.trim() || undefined)} />
      {fromMenu && (
        <div class="banner info" role="status" data-testid="decode-from-menu">
          Opened by “Decode with Grantscope” on {fromMenu.source}.
          {fromMenu.cut && <div class="detail">{fromMenu.cut}</div>}
        </div>
      )}
      <SummaryLine summary={summary} results={results} toleranceSec={toleranceSec} caveat={idToken && caveat ? { token: idToken.name, text: caveat } : undefined} thumbprint={thumbprint} keyProblem={decoded.kind === 'dpop-proof' ? decoded.jwkProblem : undefined} />
      {verdict && <DecodeVerdictView v={verdict} />}
      {jws.length > 0 && (
        <CheckFields
          checks={checks}
          onChecks={setChecks}
          pastedKey={pastedKey}
          onKey={setPastedKey}
          onTolerance={setTolerance}
          verify={() => void verify()}
          error={error}
          judging={!!idToken}
          carried={carried(decoded)}
        />
      )}
      {decoded.tokens.map((t) => (
        <section class="card" key={t.name}>
          <TokenView name={t.name} value={t.value} owned />
          {results[t.name] && <VerificationBadge v={results[t.name]!} caveat={t.name === idToken?.name ? caveat : undefined} />}
        </section>
      ))}
    </main>
  );
}
