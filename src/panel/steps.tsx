/** Each kind of step, shown as a card: what was sent or received, parameters as a table, secrets masked. */
import type { CallbackStep, Flow, FlowStep, TokenRequestStep, TokenResponseStep } from '../core/flow';
import { tabLabels } from '../core/capture/tab-labels';
import { AddedList, addedMarks, pushedMarks, ScopeLine } from './step-extras';
import { DevicePollView, ExchangeView } from './exchange-steps';
import type { RedirectMode } from '../core/profile';
import { Findings } from '../ui/findings';
import { cutText } from '../core/capture/limits';
import { redactText, redactUrl } from '../core/redact';
import { ParamTable } from '../ui/param-table';
import { MaskedUrl } from '../ui/secret';
import { TokenView } from '../ui/token-view';
import { RawToggle, SeenLine, StepTime } from './step-meta';
import { isBackChannel } from '../core/export/curl';
import { CopyCurl } from './export/copy-curl';

const TITLES: Record<FlowStep['kind'], string> = {
  'authorization-request': 'Authorization request',
  callback: 'Callback',
  exchange: 'Request',
  'device-poll': 'User code and polling',
  'token-request': 'Token request',
  'token-response': 'Token response',
  check: 'Check',
};

const TOKEN_FIELDS = ['id_token', 'access_token', 'refresh_token'] as const;

/** The most of a server's error text shown in a card: what the server picked, redacted (issue 9). */
const SHOWN_MAX = 4096;

/**
 * The URL without its query and fragment: the parameters (code among them) go in the masked table.
 * Through redactUrl too, for a JWT in the path.
 */
function bareUrl(url: string): string {
  try {
    const u = new URL(url);
    return redactUrl(`${u.origin}${u.pathname}`);
  } catch {
    return '(unparseable URL)';
  }
}

/** How the callback went on: stopped by Grantscope, let through, or (recorded flows) only watched. */
export type RedirectNote = RedirectMode | 'captured';

const titleOf = (step: FlowStep) => (step.kind === 'exchange' ? step.label : step.kind === 'check' ? step.title : TITLES[step.kind]);

/**
 * `flow` and `index` (optional, for callers that have them) let the card say what it knows from the
 * rest of the flow: scope asked against granted, tabs in words (issue 11, item 6).
 */
export function StepView({ step, since, mode, firstTab, flow, index }: { step: FlowStep; since: string; mode: RedirectNote; firstTab?: number | undefined; flow?: Flow; index?: number }) {
  const seen = 'seen' in step ? step.seen : undefined;
  const labels = flow?.capture ? tabLabels(flow.capture.tabIds, flow.capture.openers) : undefined;
  return (
    <section class="card stack" aria-label={titleOf(step)}>
      <div class="row wrap">
        <h3>{titleOf(step)}</h3>
        {step.kind === 'callback' && step.orphan && (
          <span class="badge warn" data-testid="orphan-callback" title="No recorded authorization request led to this callback">
            no request recorded
          </span>
        )}
        <span class="spacer" />
        <StepTime at={step.at} since={since} />
      </div>
      {seen && <SeenLine seen={seen} firstTab={firstTab} labels={labels} />}
      {seen?.cut && Object.keys(seen.cut).length > 0 && (
        <div class="hint" data-testid="step-cut" title="Recorded traffic is held to fixed sizes, so no page can fill storage or stall the recorder.">
          Cut when recorded: {cutText(seen.cut)}.
        </div>
      )}
      {(step.kind === 'callback' || step.kind === 'token-response') && <ScopeLine flow={flow} index={index} />}
      {step.kind === 'authorization-request' && (
        <>
          <div class="mono hint">GET {bareUrl(step.url)}</div>
          <ParamTable params={step.params} testid="authz-params" marks={addedMarks(step.added, step.params)} />
          <AddedList added={step.added} />
        </>
      )}
      {step.kind === 'callback' && <CallbackView step={step} mode={mode} />}
      {step.kind === 'exchange' && <ExchangeView step={step} marks={pushedMarks(flow, step)} />}
      {step.kind === 'device-poll' && <DevicePollView step={step} imported={!!flow?.imported} />}
      {step.kind === 'check' && (step.findings.length ? <Findings findings={step.findings} title="Verdict" /> : <div class="hint">No verdict: see the exchanges above.</div>)}
      {step.kind === 'token-request' && <TokenRequestView step={step} />}
      {step.kind === 'token-response' && <TokenResponseView step={step} />}
      {flow && index !== undefined && isBackChannel(step) && <CopyCurl flow={flow} index={index} />}
      <RawToggle step={step} />
    </section>
  );
}

const SOURCE_TEXT: Record<CallbackStep['source'], string> = {
  query: 'in the query',
  fragment: 'in the fragment',
  both: 'in the query and the fragment',
  none: 'none',
  form_post: 'in a form POST body',
};

const REDIRECT_TEXT: Record<RedirectNote, string> = {
  block: 'Grantscope stopped this redirect: the app did not receive it.',
  observe: 'Observe-only: the app received this redirect.',
  extension: 'The redirect went to the extension’s own redirect URI (browser sign-in window).',
  captured: 'Recorded: the app received this redirect; Grantscope only watched.',
};

function CallbackView({ step, mode }: { step: CallbackStep; mode: RedirectNote }) {
  const tokens = (['id_token', 'access_token'] as const).filter((k) => step.params[k]);
  return (
    <>
      <div class="mono hint">
        {bareUrl(step.url)} · parameters {SOURCE_TEXT[step.source]}
      </div>
      <ParamTable params={step.params} testid="callback-params" />
      <div class="hint">{REDIRECT_TEXT[mode]}</div>
      {tokens.map((k) => (
        <TokenView key={k} name={k} value={step.params[k]!} {...(k === 'id_token' && step.verification ? { verification: step.verification } : {})} />
      ))}
      {step.idTokenFindings && <Findings findings={step.idTokenFindings} title="ID token checks (OIDC Core 3.2.2.11, 3.3.2.12)" />}
      <Findings findings={step.findings} title="Callback checks" />
    </>
  );
}

function TokenRequestView({ step }: { step: TokenRequestStep }) {
  return (
    <>
      <div class="mono hint">
        {step.method} <MaskedUrl url={step.url} label="request URL" />
      </div>
      {Object.keys(step.headers).length > 0 && (
        <>
          <div class="hint">Headers</div>
          <ParamTable params={step.headers} testid="token-request-headers" />
        </>
      )}
      {step.originNote && (
        <div class="hint" data-testid="origin-note">
          {step.originNote}
        </div>
      )}
      <div class="hint">Form body</div>
      <ParamTable params={step.params} testid="token-request-params" />
    </>
  );
}

function TokenResponseView({ step }: { step: TokenResponseStep }) {
  const r = step.result;
  return (
    <>
      <div class="mono hint">
        {step.status ? `HTTP ${step.status}` : 'no HTTP answer'}
        {step.headers['content-type'] ? ` · ${step.headers['content-type']}` : ''}
      </div>
      {!r.ok && (
        <div class="banner err" data-testid="token-error" data-problem={r.problem}>
          <strong>{r.message}</strong>
          {'error' in r && r.error && (
            <div class="detail">
              error: <span class="mono">{redactText(r.error, SHOWN_MAX)}</span>
            </div>
          )}
          {'errorDescription' in r && r.errorDescription && <div class="detail">{redactText(r.errorDescription, SHOWN_MAX)}</div>}
          {'challenge' in r && r.challenge && (
            <div class="detail">
              WWW-Authenticate: <span class="mono">{redactText(r.challenge, SHOWN_MAX)}</span>
            </div>
          )}
          {'preview' in r && r.preview && (
            <div class="detail">
              Body starts: <span class="mono">{r.preview}</span>
            </div>
          )}
        </div>
      )}
      {r.ok && (
        <>
          <ParamTable
            params={Object.fromEntries(
              Object.entries(r.tokens)
                .filter(([k]) => !(TOKEN_FIELDS as readonly string[]).includes(k))
                .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
            )}
            testid="token-fields"
          />
          {TOKEN_FIELDS.map((k) => {
            const v = r.tokens[k];
            return v ? <TokenView key={k} name={k} value={v} {...(k === 'id_token' && step.verification ? { verification: step.verification } : {})} /> : null;
          })}
          {step.findings && <Findings findings={step.findings} title="ID token checks (OIDC Core 3.1.3.7)" />}
          <Findings findings={r.warnings} title="Token response checks" />
        </>
      )}
    </>
  );
}
