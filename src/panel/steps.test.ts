/**
 * Step cards print URLs and server text only through the masking rule, and say when a step was cut
 * (issue 9). No DOM: StepView is a plain function, so its element tree is read directly.
 */
import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import type { FlowStep } from '../core/flow';
import { MaskedUrl } from '../ui/secret';
import { ExchangeView } from './exchange-steps';
import { StepView } from './steps';

type Props = Record<string, unknown> & { children?: unknown };

function elements(node: unknown): VNode<Props>[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!node || typeof node !== 'object' || !('type' in node)) return [];
  const v = node as VNode<Props>;
  return [v, ...elements(v.props.children)];
}

/** The text in a tree, components not expanded. */
const textOf = (node: unknown): string =>
  Array.isArray(node) ? node.map(textOf).join('') : typeof node === 'string' || typeof node === 'number' ? String(node) : node && typeof node === 'object' && 'props' in node ? textOf((node as VNode<Props>).props.children) : '';

const seen = { via: ['webrequest' as const], tabId: 1, frame: 'main' as const, requestId: 'wr:1' };

describe('StepView', () => {
  it('says what was cut when the step was recorded', () => {
    const step: FlowStep = { kind: 'callback', at: 1, url: 'https://app.example/cb?code=c', params: { code: 'c' }, source: 'query', findings: [], seen: { ...seen, cut: { url: 1_600_000 } } };
    const cut = elements(StepView({ step, since: '', mode: 'captured' })).find((e) => e.props['data-testid'] === 'step-cut');
    expect(textOf(cut)).toBe('Cut when recorded: URL cut at 16 KB (was 1.5 MB).');
  });

  it('has no cut line for a whole step', () => {
    const step: FlowStep = { kind: 'callback', at: 1, url: 'https://app.example/cb?code=c', params: { code: 'c' }, source: 'query', findings: [], seen };
    expect(elements(StepView({ step, since: '', mode: 'captured' })).some((e) => e.props['data-testid'] === 'step-cut')).toBe(false);
  });

  it('prints the token request and exchange URLs through MaskedUrl, never as plain text', () => {
    const url = 'https://idp.example/userinfo?access_token=2YotnFZFEjr1zCsicMWpAA';
    const exchange = ExchangeView({ step: { kind: 'exchange', label: 'Userinfo', at: 1, request: { url, method: 'GET', headers: {}, params: {} } } });
    expect(elements(exchange).find((e) => e.type === MaskedUrl)?.props.url).toBe(url);
    expect(textOf(exchange)).not.toContain('2YotnFZFEjr1zCsicMWpAA');
  });
});
