/**
 * Steps that are neither the front channel nor a token call: PAR, device authorization and polling.
 * URLs and parameters go through the one masking rule (a /userinfo?access_token=... shows no token).
 */
import type { DevicePollStep, ExchangeStep } from '../core/flow';
import { clockTime } from '../ui/format';
import { ParamTable } from '../ui/param-table';
import { QrCode } from '../ui/qr-code';
import { MaskedUrl } from '../ui/secret';

/** `marks`: rows Grantscope added (a launched PAR push: state, nonce, PKCE, ...), as ParamTable marks them. */
export function ExchangeView({ step, marks }: { step: ExchangeStep; marks?: Record<string, string> | undefined }) {
  return (
    <>
      <div class="mono hint">
        {step.request.method} <MaskedUrl url={step.request.url} label="request URL" />
        {step.response ? ` · HTTP ${step.response.status}` : ''}
      </div>
      <ParamTable params={step.request.params} testid="exchange-params" {...(marks ? { marks } : {})} />
      {step.originNote && (
        <div class="hint" data-testid="origin-note">
          {step.originNote}
        </div>
      )}
      {step.problem && <div class="banner err">{step.problem}</div>}
      {step.summary && <ParamTable params={step.summary} testid="exchange-summary" />}
    </>
  );
}

function safeHref(url: string | undefined): string | undefined {
  try {
    return url && /^https?:$/.test(new URL(url).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `imported`: the flow came from a file, so its verification URI is whatever the file says. It is
 * shown as text, with no link and no QR code: an imported file must not hand the person a live link
 * to a page of its choosing (a phishing page dressed as the provider's).
 */
export function DevicePollView({ step, imported = false }: { step: DevicePollStep; imported?: boolean }) {
  const complete = imported ? undefined : safeHref(step.verificationUriComplete);
  const href = imported ? undefined : safeHref(step.verificationUri);
  return (
    <div class="device row wrap">
      <div class="stack">
        <div class="hint">On any device, open</div>
        {href ? (
          <a class="mono" href={href} target="_blank" rel="noreferrer">
            {step.verificationUri}
          </a>
        ) : (
          <span class="mono" data-testid="verification-uri-text" title={imported ? 'From an imported file: shown as text, not a link' : 'Not an http(s) address: shown as text'}>
            {step.verificationUri}
          </span>
        )}
        <div class="hint">and enter</div>
        <div class="user-code mono" data-testid="user-code">
          {step.userCode}
        </div>
        <div class="hint">
          Code expires {clockTime(step.expiresAt)} · polling every {step.intervalSec} s (RFC 8628 3.5)
        </div>
        <ol class="polls hint" data-testid="device-polls">
          {step.polls.map((p, i) => (
            <li key={i}>
              {clockTime(p.at)} <span class="mono">{p.result}</span>
            </li>
          ))}
        </ol>
      </div>
      {complete && <QrCode text={complete} label={`QR code for ${complete}`} />}
    </div>
  );
}

