/**
 * The standalone decoder: paste anything (a JWT, a JWE, a callback URL, a token response, an
 * Authorization header, a DPoP proof) and see every token in it decoded, its claims explained, and
 * its signature checked against the issuer's keys or a key you paste. Works with no flow at all.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { decodeInput } from '../core/decode-input';
import { cutNotice } from '../core/menu-decode';
import type { Verification } from '../core/verify';
import { keysFromText, verifyWith } from '../core/verify';
import { useConnector } from '../ui/connector';
import { TextArea, TextField } from '../ui/fields';
import { originPattern } from '../ui/format';
import { TokenView, VerificationBadge } from '../ui/token-view';

const KIND_TEXT: Record<string, string> = {
  jwt: 'a JWT',
  jwe: 'an encrypted JWT (JWE)',
  opaque: 'an opaque token',
  'callback-url': 'a callback URL',
  'token-response': 'a token response',
  'authorization-header': 'an Authorization header',
  'dpop-proof': 'a DPoP proof',
  invalid: 'not something Grantscope can read',
  empty: 'nothing yet',
};

export function DecodeView({ initial }: { initial: string }) {
  const connector = useConnector();
  const [text, setText] = useState(initial);
  const [issuer, setIssuer] = useState('');
  const [pastedKey, setPastedKey] = useState('');
  const [results, setResults] = useState<Record<string, Verification>>({});
  const [error, setError] = useState<string | null>(null);
  // Where the text came from when "Decode with Grantscope" (the context menu) brought it, and what was cut.
  const [fromMenu, setFromMenu] = useState<{ source: string; cut: string | null } | null>(null);
  const decoded = useMemo(() => decodeInput(text), [text]);
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
    const tokenIss = jws[0]?.decoded.kind === 'jwt' ? jws[0].decoded.payload.iss : undefined;
    const iss = issuer.trim() || (typeof tokenIss === 'string' ? tokenIss : '');
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
      {fromMenu && (
        <div class="banner info" role="status" data-testid="decode-from-menu">
          Opened by “Decode with Grantscope” on {fromMenu.source}.
          {fromMenu.cut && <div class="detail">{fromMenu.cut}</div>}
        </div>
      )}
      <div class="hint" data-testid="decode-kind" data-kind={decoded.kind}>
        This is {KIND_TEXT[decoded.kind] ?? decoded.kind}
        {decoded.kind === 'invalid' && 'reason' in decoded ? `: ${String(decoded.reason)}` : ''}.
      </div>
      {jws.length > 0 && (
        <fieldset>
          <legend>Verify the signature</legend>
          <div class="grid2">
            <TextField name="verifyIssuer" label="Issuer" hint="its JWKS, via discovery; empty: the token's iss" value={issuer} onInput={setIssuer} />
            <TextArea name="verifyKey" label="…or a key" hint="JWKS, JWK, PEM public key or certificate, or a shared secret" value={pastedKey} onInput={setPastedKey} rows={2} />
          </div>
          <button type="button" class="primary" onClick={() => void verify()}>
            Verify
          </button>
          {error && <div class="banner err">{error}</div>}
        </fieldset>
      )}
      {decoded.tokens.map((t) => (
        <section class="card" key={t.name}>
          <TokenView name={t.name} value={t.value} />
          {results[t.name] && <VerificationBadge v={results[t.name]!} />}
        </section>
      ))}
    </main>
  );
}
