import { describe, expect, it } from 'vitest';
import { failed, passed } from '../finding';
import type { Flow } from '../flow';
import { evaluate, storedFindings, summaryOf } from './engine';

const flow = (over: Partial<Flow> = {}): Flow =>
  ({
    id: 'f1',
    createdAt: 1,
    updatedAt: 2,
    source: 'launched',
    grant: 'authorization',
    responseType: 'code',
    profile: { id: 'p', name: 'P', issuer: 'https://as.example', clientId: 'c' },
    findings: [],
    metadata: {},
    status: 'complete',
    steps: [],
    ...over,
  }) as unknown as Flow;

describe('the rules engine', () => {
  it('keeps a stored finding no rule claims, and names the step it was stored on', () => {
    const f = flow({ steps: [{ kind: 'check', at: 5, title: 't', findings: [failed('zz.unknown', 'error', 'RFC 1 1', 'odd')] }] });
    expect(storedFindings(f)[0]!.step).toBe(0);
    const v = evaluate(f);
    expect(v.findings.find((x) => x.id === 'zz.unknown')).toMatchObject({ status: 'fail', step: 0 });
  });

  it('orders failures first and counts them; a summary names the first failure', () => {
    const f = flow({ findings: [passed('zz.a', 'RFC 1 1', 'fine'), failed('zz.b', 'warning', 'RFC 1 2', 'meh'), failed('zz.c', 'error', 'RFC 1 3', 'bad')] });
    const v = evaluate(f);
    const unknown = v.findings.filter((x) => x.id.startsWith('zz.'));
    expect(unknown.map((x) => x.id)).toEqual(['zz.c', 'zz.b', 'zz.a']);
    expect(v.worst).toBe('fail');
    expect(summaryOf(v).first).toMatchObject({ id: 'zz.c', message: 'bad' });
  });
});
