/**
 * The parameter table masks by the one rule (isSecretName), not by a list: session_token, x-api-key
 * and assertion-like names are masked until revealed; state, scope and client_id are shown.
 * No DOM here: the components are plain functions, so their element trees are read directly.
 */
import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { ParamTable } from './param-table';
import { NamedValue, Secret } from './secret';

type Props = { children?: unknown; name?: string; value?: string; 'data-param'?: string };

/** Every element in a tree, depth first. */
function elements(node: unknown): VNode<Props>[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!node || typeof node !== 'object' || !('type' in node)) return [];
  const v = node as VNode<Props>;
  return [v, ...elements(v.props.children)];
}

describe('ParamTable', () => {
  it.each([
    ['session_token', true], ['x-api-key', true], ['client_assertion', true], ['jwt_assertion', true], ['code', true], ['Authorization', true],
    ['cookie', true], ['password', true], ['state', false], ['scope', false], ['client_id', false], ['redirect_uri', false], ['code_challenge_method', false],
  ])('%s masked: %s', (name, masked) => {
    const tree = ParamTable({ params: { [name]: 'v4lue-123' } });
    const cell = elements(tree).find((e) => e.type === NamedValue)!;
    expect(cell.props).toEqual({ name, value: 'v4lue-123' });
    const shown = NamedValue({ name, value: 'v4lue-123' }) as VNode<Props>;
    expect(shown.type === Secret).toBe(masked);
  });
});

describe('a launched step’s client-secret marker (step-record.ts)', () => {
  it.each([
    ['client_secret', '‹client secret, 22 chars, not kept›'],
    ['Authorization', 'Basic ‹client_id:secret, not kept›'],
  ])('%s: shown as "not kept" text, with no Reveal or Copy', (name, value) => {
    const shown = NamedValue({ name, value }) as VNode<Props & { 'data-testid'?: string }>;
    expect(shown.type).toBe('span');
    expect(shown.props['data-testid']).toBe('not-kept');
    expect(shown.props.children).toBe(value);
    expect(elements(shown).some((e) => e.type === 'button')).toBe(false);
  });

  it('a real secret next to it is still masked', () => {
    expect((NamedValue({ name: 'client_secret', value: 'grantscope-demo-secret' }) as VNode).type).toBe(Secret);
  });
});
