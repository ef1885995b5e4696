/**
 * The real demo-provider flows under test/fixtures/flows/ (recorded by record.fixtures.ts there), for
 * this folder's tests, and every secret value they hold, to prove none reaches a model.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Flow } from '../flow';
import { isSecretName } from '../secret-name';

export type FixtureName = 'code-pkce' | 'code-pkce-again' | 'code-pkce-refreshed' | 'implicit' | 'hybrid' | 'code-jwt-access' | 'spa-recorded';

export function loadFlow(name: FixtureName): Flow {
  return JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/flows', `${name}.json`), 'utf8')) as Flow;
}

/** Every value under a secret name in the flow's steps (codes, tokens, verifiers), plus state and nonce. */
export function secretValues(flow: Flow): string[] {
  const out = new Set<string>();
  const take = (o: Readonly<Record<string, unknown>> | undefined, withBinding = true) => {
    for (const [k, v] of Object.entries(o ?? {})) if (typeof v === 'string' && v.length >= 8 && (isSecretName(k) || (withBinding && (k === 'state' || k === 'nonce')))) out.add(v);
  };
  for (const s of flow.steps) {
    if (s.kind === 'authorization-request' || s.kind === 'callback' || s.kind === 'token-request') take(s.params, s.kind !== 'callback');
    if (s.kind === 'token-response' && s.result.ok) take(s.result.tokens);
  }
  return [...out];
}
