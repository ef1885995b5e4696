/**
 * Storing imported flows (issue 13): ids of their own, the file's id given back on export, an import
 * that does not fit refused whole (saying how many fit), and nothing else in storage touched.
 */
import { describe, expect, it, vi } from 'vitest';
import { bundleText, exportBundle } from '../core/export/bundle';
import { CHROME_FLOWS, FIREFOX_FLOWS } from '../core/export/export.fixtures';
import { fitting, importHandlers, IMPORT_BYTES, IMPORT_MAX, isImportedId, makeImportStore } from './import-handlers';
import { memoryKV } from './kv';

// Confirming an issuer (only on the person's click) reaches the browser; nothing here does.
vi.mock('../shared/browser', () => ({ default: {} }));

const NOW = new Date(1_795_000_000_000);

describe('fitting', () => {
  it.each([
    [[10, 10], { flows: 0, bytes: 0 }, 2],
    [[10, 10], { flows: IMPORT_MAX - 1, bytes: 0 }, 1],
    [[10, 10], { flows: 0, bytes: IMPORT_BYTES - 15 }, 1],
    [[IMPORT_BYTES + 1], { flows: 0, bytes: 0 }, 0],
  ])('%j beside %j: %i fit', (sizes, kept, n) => expect(fitting(sizes, kept)).toBe(n));
});

describe('flow/import', () => {
  it('stores a bundle’s flows under imp- ids, marked with the file, and export gives back the same bundle', async () => {
    const kv = memoryKV();
    kv.data.set('flows', ['launched-1']);
    const store = makeImportStore(kv);
    const h = importHandlers(store);
    // Both fixtures number their flows alike: the Firefox ones get ids of their own.
    const first = exportBundle([...CHROME_FLOWS(), ...FIREFOX_FLOWS().map((f) => ({ ...f, id: `ff-${f.id}` }))], { now: NOW });
    const r = await h['flow/import']({ file: 'ticket.json', text: bundleText(first) });
    expect(r.imported).toBe(first.flows.length);
    expect(r.ids.every(isImportedId)).toBe(true);
    const stored = await store.all();
    expect(stored.every((f) => f.imported?.file === 'ticket.json')).toBe(true);
    const again = exportBundle([...stored].sort((a, b) => first.flows.findIndex((f) => f.id === a.imported!.id) - first.flows.findIndex((f) => f.id === b.imported!.id)), { now: NOW });
    expect(bundleText(again)).toBe(bundleText(first));
    expect(kv.data.get('flows')).toEqual(['launched-1']);
    expect((await store.summaries())[0]!.imported?.file).toBe('ticket.json');
  });

  it('refuses an import that does not fit, whole, saying how many fit, and keeps what was there', async () => {
    const store = makeImportStore(memoryKV());
    const h = importHandlers(store);
    const one = exportBundle(CHROME_FLOWS(), { now: NOW });
    for (let i = 0; i < IMPORT_MAX - 1; i++) await store.add({ ...one.flows[0]!, id: `imp-${i}`, imported: { file: 'old.json', at: 1 } });
    const two = bundleText(exportBundle([...CHROME_FLOWS(), ...CHROME_FLOWS().map((f) => ({ ...f, id: `${f.id}-b` }))], { now: NOW }));
    await expect(h['flow/import']({ file: 'two.json', text: two })).rejects.toThrow(/two\.json has 2 flows .*only 1 fit beside the 199 imported flows kept.*Nothing was imported/);
    expect((await store.summaries()).length).toBe(IMPORT_MAX - 1);
  });

  it('names a broken bundle and stores nothing', async () => {
    const store = makeImportStore(memoryKV());
    await expect(importHandlers(store)['flow/import']({ file: 'x.json', text: '{"format":"grantscope-bundle","version":7}' })).rejects.toThrow(/version 7/);
    expect(await store.summaries()).toEqual([]);
  });
});
