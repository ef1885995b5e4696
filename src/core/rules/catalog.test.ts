import { describe, expect, it } from 'vitest';
import { CATALOG } from './catalog';
import { SET_MEMBERS } from './types';

describe('the rule catalog', () => {
  it('has one entry per id', () => {
    const ids = CATALOG.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.each(CATALOG.map((r) => [r.id, r] as const))('%s has a dotted id, a title, a clause with a link, a known set', (id, r) => {
    expect(id).toMatch(/^[a-z0-9]+(\.[a-z0-9_-]+)+$/);
    expect(r.title.length).toBeGreaterThan(3);
    expect(r.clause).toMatch(/^(RFC \d+|OIDC|OAuth|FAPI|JARM|draft)/);
    expect(r.link).toMatch(/^https:\/\//);
    expect(Object.keys(SET_MEMBERS)).toContain(r.set);
    for (const s of Object.keys(r.severityIn ?? {})) expect(Object.keys(SET_MEMBERS)).toContain(s);
  });
});
