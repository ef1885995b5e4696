/**
 * "Copy as cURL" for back-channel requests (issue 13): token requests (any grant, refresh included),
 * introspection, revocation, userinfo, device authorization and PAR. Redacted by default with the
 * export's Redactor, so a command pasted in a ticket replays nothing; unredacted only when asked.
 * Every argument is single-quoted for a POSIX shell (a ' inside becomes '\'' ), so no value from a
 * server or a page can end the quote and run a command. Form values go through --data-urlencode, so
 * placeholders stay readable and curl encodes what it sends.
 */
import type { Flow, FlowStep } from '../flow';
import { redactFlow, redactFlows } from './redact-flow';
import { Redactor, type RedactorOptions } from './redactor';

/** One argument for sh, bash, zsh: single quotes, each ' closed, escaped and reopened; NUL dropped. */
export function shellQuote(s: string): string {
  return `'${s.replaceAll('\0', '').replaceAll("'", `'\\''`)}'`;
}

/** Exchange labels that are back-channel requests a person may replay (not discovery or JWKS). */
const BACK_CHANNEL = /^(userinfo|introspection|revocation|device authorization|pushed authorization request|par)\b/i;

export function isBackChannel(s: FlowStep): boolean {
  return s.kind === 'token-request' || (s.kind === 'exchange' && BACK_CHANNEL.test(s.label));
}

/** Hop-by-hop and browser-set headers a replay does not need (RFC 9110 7.6.1, Fetch forbidden names). */
const DROP = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'cookie', 'origin', 'referer', 'user-agent', 'sec-fetch-dest', 'sec-fetch-mode', 'sec-fetch-site']);

function command(req: { method: string; url: string; headers: Record<string, string>; params: Record<string, string> }): string {
  // --url: a URL from a file that starts with '-' ('-o/home/x/.bashrc') would otherwise be an option.
  const lines = [`curl -X ${shellQuote(req.method)} --url ${shellQuote(req.url)}`];
  for (const [k, v] of Object.entries(req.headers)) if (!DROP.has(k.toLowerCase())) lines.push(`-H ${shellQuote(`${k}: ${v}`)}`);
  // curl reads "name@file" as a file to send, and expects the name already encoded: encoding it
  // (an '@' becomes %40) sends what was sent and reads no file.
  if (req.method !== 'GET') for (const [k, v] of Object.entries(req.params)) lines.push(`--data-urlencode ${shellQuote(`${encodeURIComponent(k)}=${v}`)}`);
  return lines.join(' \\\n  ');
}

export interface CurlCommand {
  /** Index in flow.steps. */
  step: number;
  label: string;
  command: string;
}

function stepCommand(s: FlowStep, i: number): CurlCommand | undefined {
  if (s.kind === 'token-request') return { step: i, label: `token request${s.params.grant_type ? ` (${s.params.grant_type})` : ''}`, command: command(s) };
  if (s.kind === 'exchange' && isBackChannel(s)) return { step: i, label: s.label, command: command(s.request) };
  return undefined;
}

/** A command for every back-channel request of the flow, placeholders shared across them. */
export function curlCommands(flow: Flow, opts: RedactorOptions = {}): CurlCommand[] {
  const red = redactFlow(flow, new Redactor(opts));
  return red.steps.flatMap((s, i) => stepCommand(s, i) ?? []);
}

/** "Copy as cURL" on one step; undefined when the step is not a back-channel request. */
export function curlForStep(flow: Flow, step: number, opts: RedactorOptions = {}): string | undefined {
  return curlCommands(flow, opts).find((c) => c.step === step)?.command;
}

/**
 * The commands of several flows as one shell script for a ticket: a NOT REDACTED warning on top when
 * the person chose so, each command under a comment naming its step, and the receipt as comments at
 * the end. Comments are one line each, so no value can start a command.
 */
export function curlScript(flows: readonly Flow[], opts: RedactorOptions = {}): string {
  const { flows: red, receipt } = redactFlows(flows, opts);
  const comment = (s: string) => `# ${s.replace(/[\r\n]+/g, ' ')}`;
  const out = [receipt.redacted ? comment('Redacted by Grantscope: secrets are placeholders, so these commands replay nothing as they stand.') : comment('NOT REDACTED: these commands hold secrets (tokens, codes, credentials). Treat this text as a secret.'), ''];
  red.forEach((f, fi) => {
    for (const s of f.steps.flatMap((x, i) => stepCommand(x, i) ?? [])) out.push(comment(`flow ${fi + 1}, step ${s.step + 1}: ${s.label}`), s.command, '');
  });
  out.push(comment('Redaction receipt'));
  if (!receipt.redacted) out.push(comment('nothing was redacted'));
  for (const i of receipt.items) out.push(comment(`${i.label}${i.jwt ? ' (JWT, signature removed)' : ''}: ${i.count} time(s), ${i.where.join('; ')}`));
  return `${out.join('\n')}\n`;
}
