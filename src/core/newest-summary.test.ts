import { describe, expect, it } from 'vitest';
import type { FlowSummary } from './flow';
import { newestSummary } from './newest-summary';

const row = (id: string, createdAt: number): FlowSummary =>
  ({ id, createdAt, updatedAt: createdAt, grant: 'authorization', clientId: 'c', issuer: 'https://op.example', status: 'complete', source: 'captured', searchText: 'x'.repeat(2000) }) as FlowSummary;

describe('flow/last (the popup reads one summary, not the list)', () => {
  it('is flow/list first row: newest createdAt, the first of equals, without its search text', () => {
    const list = [row('a', 5), row('b', 9), row('c', 9), row('d', 1)];
    const sorted = [...list].sort((x, y) => y.createdAt - x.createdAt);
    const last = newestSummary(list);
    expect(last?.id).toBe(sorted[0]!.id);
    expect(last).not.toHaveProperty('searchText');
    expect(list[1]!.searchText).toHaveLength(2000);
  });
  it('is null with no flow', () => {
    expect(newestSummary([])).toBeNull();
  });
});
