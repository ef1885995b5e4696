/**
 * Flows read from a file (issue 13, import): a Grantscope bundle, or a HAR the panel turned into one.
 *
 * Why the panel parses a HAR and the worker reads only bundle text: a HAR may be 32 MB of a whole
 * browsing session, and recognising and correlating 20,000 entries is seconds of work. In the panel
 * that costs the panel; in the worker it would stall the recorder's events and the token actions of
 * every other flow. So the panel reads the File (its size checked before reading), runs importHar,
 * and sends the flows it found as a bundle; the worker then reads that text as it reads any bundle:
 * its length refused past BUNDLE_TEXT_MAX before parsing (validate.ts, and again here), parsed with
 * its depth bounded, every flow's shape checked (importBundle, src/core/export/bundle.ts).
 *
 * Where imported flows live: a store of their own (same FlowStore, keys imports / imp: / impmeta:),
 * in storage.session like the recorded ring by default: a HAR holds the tokens of the session it
 * recorded, and the file is still the person's; gone when the browser closes. Its room is bounded by
 * count and bytes, and it never makes room: no recorded or launched flow is dropped for an import,
 * and no earlier import either. An import that does not fit is refused whole, saying how many fit.
 *
 * Imported flows are evidence, not sessions: ids of their own (IMPORT_ID_PREFIX) so no live path
 * (recorder, redeem, auto-refresh, restore sweep, interrupted ledger, token actions) ever finds them.
 * Keys are fetched only when the person asks (confirm issuer, Verify in Decode).
 */
import { formatBytes, fitFlow, jsonBytes } from '../core/capture/fit-flow';
import { importBundle } from '../core/export/bundle';
import type { Flow } from '../core/flow';
import { randomToken } from '../core/pkce';
import { sizeText } from '../core/json-bounds';
import type { Req, Res } from '../shared/messages';
import { checkCapturedIdTokens } from './capture-id-token';
import { FlowStore } from './flow-store';
import type { KV } from './kv';
import { LaunchError } from './metadata';

export const IMPORT_ID_PREFIX = 'imp-';
/** Imported flows kept at once: a ticket's bundle or a login's HAR is a few; a session's HAR, dozens. */
export const IMPORT_MAX = 200;
/** Their share of storage.session (10 MB, with the recorded ring's 5.5 MB and launched flows). */
export const IMPORT_BYTES = 2 * 1024 * 1024;

const KEYS = { index: 'imports', flow: 'imp:', secret: 'impsecret:', meta: 'impmeta:' };

export function makeImportStore(kv: KV): FlowStore {
  return new FlowStore(kv, IMPORT_MAX, {
    keys: KEYS,
    noun: 'imported flow',
    byteBudget: IMPORT_BYTES,
    // Never made room for: storage full refuses the import, and drops nothing.
    evictFloor: Number.MAX_SAFE_INTEGER,
    fit: (f, budget) => fitFlow(f, budget).flow,
  });
}

export const isImportedId = (id: string): boolean => id.startsWith(IMPORT_ID_PREFIX);

/** How many of `sizes` (in order) fit beside what is kept, by count and by bytes. */
export function fitting(sizes: readonly number[], kept: { flows: number; bytes: number }, max = IMPORT_MAX, budget = IMPORT_BYTES): number {
  let n = 0;
  let bytes = kept.bytes;
  for (const s of sizes) {
    if (kept.flows + n >= max || bytes + s > budget) break;
    bytes += s;
    n++;
  }
  return n;
}

export function importHandlers(imports: FlowStore) {
  return {
    'flow/import': async ({ file, text }: Req<'flow/import'>): Promise<Res<'flow/import'>> => {
      const read = importBundle(text, file);
      if (!read.ok) throw new LaunchError(read.error.message);
      // More than could ever be kept: refused before each flow is fitted and measured (a bundle of
      // 60,000 empty flows is 19 MB of text).
      if (read.value.flows.length > IMPORT_MAX) {
        throw new LaunchError(`${file.slice(0, 200)} has ${read.value.flows.length} flows, more than the ${IMPORT_MAX} imported flows Grantscope keeps. Nothing was imported.`);
      }
      const flows: Flow[] = read.value.flows.map((f) => {
        const id = `${IMPORT_ID_PREFIX}${randomToken(9)}`;
        return fitFlow({ ...f, id, imported: { ...f.imported!, id: f.id } }).flow;
      });
      const sizes = flows.map((f) => jsonBytes(f) ?? 0);
      const kept = await imports.usage();
      const fit = fitting(sizes, kept);
      if (fit < flows.length) {
        const total = sizes.reduce((a, b) => a + b, 0);
        throw new LaunchError(
          `${file.slice(0, 200)} has ${flows.length} flow${flows.length === 1 ? '' : 's'} (${sizeText(total)}); only ${fit} fit beside the ${kept.flows} imported flows kept (${formatBytes(kept.bytes)} of ${formatBytes(IMPORT_BYTES)}, at most ${IMPORT_MAX} flows). Nothing was imported: remove imported flows first.`,
        );
      }
      // Oldest first, so the file's newest flow is the list's newest import.
      for (const f of [...flows].sort((a, b) => a.createdAt - b.createdAt)) await imports.add(f);
      return { imported: flows.length, ids: flows.map((f) => f.id), redacted: read.value.bundle.redacted, fromVersion: read.value.fromVersion };
    },
    'flow/import-clear': async (): Promise<null> => {
      await imports.clear();
      return null;
    },
  };
}

/** Confirm issuer on an imported recorded flow: only when the person asks (the panel's button). */
export async function confirmImportedIssuer(imports: FlowStore, id: string): Promise<void> {
  const f = await imports.get(id);
  if (f?.source === 'captured') await checkCapturedIdTokens(imports, id);
}
