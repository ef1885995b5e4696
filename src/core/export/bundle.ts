/**
 * The Grantscope bundle (issue 13): flows as a versioned JSON file that Grantscope imports back,
 * losslessly apart from redacted values. Its schema is schemas/grantscope-bundle.v1.schema.json.
 *
 *   { format: 'grantscope-bundle', version: 1, exportedAt, redacted, receipt, flows }
 *
 * Import is bounded (BUNDLE_TEXT_MAX before parsing, BUNDLE_DEPTH_MAX after), migrates older versions
 * (MIGRATIONS, one step per version), checks each flow's shape, and marks every flow imported with
 * the file's name. Export -> import -> export gives the same bundle: the export drops the import
 * mark, placeholders already in a flow are kept as they are, and the receipt is read off the output.
 */
import type { Flow, FlowStatus, FlowStep } from '../flow';
import { parseJsonBounded, sizeText } from '../json-bounds';
import type { Problem, Result } from '../result';
import { ruleById } from '../rules/catalog';
import { findingsOk, stepProblem } from './bundle-shape';
import { portable, redactFlows } from './redact-flow';
import type { RedactorOptions } from './redactor';
import { emptyReceipt, type Receipt } from './receipt';

export const BUNDLE_FORMAT = 'grantscope-bundle';
export const BUNDLE_VERSION = 1;
/** A bundle of a few hundred flows is a few MB; a file past this is no bundle Grantscope wrote. */
export const BUNDLE_TEXT_MAX = 20 * 1024 * 1024;
/** Bundle -> flows -> flow -> steps -> step -> result -> JSON answer fields: well below this. */
export const BUNDLE_DEPTH_MAX = 72;
/**
 * Steps a bundle may hold, in one flow or across all: a week of auto-refresh is ~4,000, a HAR gives at most HAR_ENTRIES_MAX.
 * A forged flow of 100,000 tiny steps stalled the worker for seconds in fitFlow (it drops steps one
 * by one), blocking the recorder and every token action meanwhile.
 */
export const BUNDLE_STEPS_MAX = 20_000;

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  /** ISO 8601. */
  exportedAt: string;
  /** False only when the person chose to export secrets; every view of the bundle says so first. */
  redacted: boolean;
  receipt: Receipt;
  flows: Flow[];
}

export interface ExportOptions extends RedactorOptions {
  now?: Date;
}

export function exportBundle(flows: readonly Flow[], opts: ExportOptions = {}): Bundle {
  const { flows: out, receipt } = redactFlows(flows, opts);
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exportedAt: (opts.now ?? new Date()).toISOString(), redacted: receipt.redacted, receipt, flows: out };
}

/** The file's text: indented, so a bundle attached to a ticket can be read and diffed. */
export const bundleText = (b: Bundle): string => `${JSON.stringify(b, null, 2)}\n`;

export type BundleProblemCode = 'too-large' | 'not-json' | 'too-deep' | 'not-bundle' | 'unknown-version' | 'bad-flow';
export interface BundleProblem extends Problem {
  code: BundleProblemCode;
}

export interface ImportedBundle {
  bundle: Bundle;
  /** The bundle's flows, each marked imported from `file`. */
  flows: Flow[];
  /** The version the file was written in, before migration. */
  fromVersion: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const problem = (code: BundleProblemCode, message: string): { ok: false; error: BundleProblem } => ({ ok: false, error: { code, message } });

/**
 * Version 0: flows as the worker keeps them, written the way profile export writes profiles
 * ({format: 'grantscope-flows', version: 0 or none, exportedAt, flows}), or a bare array of flows.
 * Nothing was redacted then (no such export redacted), so it says redacted: false.
 */
function migrate0(v: unknown): Record<string, unknown> | undefined {
  const flows = Array.isArray(v) ? v : isObj(v) ? v.flows : undefined;
  if (!Array.isArray(flows)) return undefined;
  const exportedAt = isObj(v) && typeof v.exportedAt === 'string' ? v.exportedAt : new Date(0).toISOString();
  return { format: BUNDLE_FORMAT, version: 1, exportedAt, redacted: false, receipt: emptyReceipt(false), flows };
}

/** One step per version: MIGRATIONS[n] turns version n into n + 1. */
export const MIGRATIONS: Readonly<Record<number, (v: unknown) => Record<string, unknown> | undefined>> = { 0: migrate0 };

function versionOf(v: unknown): number | undefined {
  if (Array.isArray(v)) return 0;
  if (!isObj(v)) return undefined;
  if (v.format === BUNDLE_FORMAT) return typeof v.version === 'number' && Number.isInteger(v.version) ? v.version : undefined;
  if (v.format === 'grantscope-flows' || (v.format === undefined && Array.isArray(v.flows))) return v.version === undefined ? 0 : typeof v.version === 'number' ? v.version : undefined;
  return undefined;
}

const STATUSES: readonly FlowStatus[] = ['authorizing', 'callback-received', 'redeeming', 'polling', 'complete', 'observed', 'failed', 'interrupted'];
const KINDS: readonly FlowStep['kind'][] = ['authorization-request', 'callback', 'exchange', 'device-poll', 'token-request', 'token-response', 'check'];

/** Why a flow is not one Grantscope can show, or undefined. The fields every view reads, by type. */
export function flowProblem(f: unknown): string | undefined {
  if (!isObj(f)) return 'is not an object';
  if (typeof f.id !== 'string' || f.id === '' || f.id.length > 200) return 'has no id';
  for (const k of ['createdAt', 'updatedAt'] as const) if (typeof f[k] !== 'number' || !Number.isFinite(f[k])) return `has no ${k}`;
  if (f.source !== 'launched' && f.source !== 'captured') return 'has no source';
  if (typeof f.grant !== 'string') return 'has no grant';
  if (!STATUSES.includes(f.status as FlowStatus)) return 'has an unknown status';
  if (!isObj(f.profile) || typeof f.profile.issuer !== 'string' || typeof f.profile.clientId !== 'string') return 'has no profile';
  if (!isObj(f.metadata)) return 'has no metadata';
  if (!Array.isArray(f.findings)) return 'has no findings list';
  if (!Array.isArray(f.steps)) return 'has no steps';
  if (f.steps.length > BUNDLE_STEPS_MAX) return `has ${f.steps.length} steps, more than the ${BUNDLE_STEPS_MAX} a flow can hold`;
  if (!findingsOk(f.findings)) return 'has an unreadable finding';
  const bad = f.steps.findIndex((s) => !isObj(s) || !KINDS.includes(s.kind as FlowStep['kind']) || typeof s.at !== 'number');
  if (bad >= 0) return `has an unreadable step ${bad + 1}`;
  for (let i = 0; i < f.steps.length; i++) {
    const why = stepProblem(f.steps[i] as Record<string, unknown>);
    if (why) return `has a step ${i + 1} (${String((f.steps[i] as Record<string, unknown>).kind)}) without a readable ${why}`;
  }
  return undefined;
}

/** A bundle file read back: bounded, migrated, checked; every flow marked imported from `file`. Never throws. */
export function importBundle(text: string, file: string, now = Date.now()): Result<ImportedBundle, BundleProblem> {
  if (typeof text !== 'string') return problem('not-json', 'The file is not text');
  if (text.length > BUNDLE_TEXT_MAX) return problem('too-large', `The file is ${sizeText(text.length)}, more than the ${sizeText(BUNDLE_TEXT_MAX)} a bundle can be`);
  const parsed = parseJsonBounded(text, 'The file', { maxChars: BUNDLE_TEXT_MAX, maxDepth: BUNDLE_DEPTH_MAX });
  if (!parsed.ok) return problem(parsed.error.code, parsed.error.message);
  let v: unknown = parsed.value;
  const fromVersion = versionOf(v);
  if (fromVersion === undefined) return problem('not-bundle', 'The file is not a Grantscope bundle (no "format": "grantscope-bundle")');
  if (fromVersion > BUNDLE_VERSION || fromVersion < 0) return problem('unknown-version', `The bundle is version ${fromVersion}; this Grantscope reads versions 0 to ${BUNDLE_VERSION}`);
  for (let n = fromVersion; n < BUNDLE_VERSION; n++) {
    const next = MIGRATIONS[n]?.(v);
    if (!next) return problem('not-bundle', `The version ${n} bundle could not be read`);
    v = next;
  }
  if (!isObj(v) || typeof v.exportedAt !== 'string' || typeof v.redacted !== 'boolean' || !isObj(v.receipt) || !Array.isArray(v.flows)) {
    return problem('not-bundle', 'The bundle is missing exportedAt, redacted, receipt or flows');
  }
  let steps = 0;
  for (let i = 0; i < v.flows.length; i++) {
    const why = flowProblem(v.flows[i]);
    if (why) return problem('bad-flow', `Flow ${i + 1} of the bundle ${why}`);
    steps += (v.flows[i] as { steps: unknown[] }).steps.length;
  }
  // Across the bundle too: each flow is fitted to storage one by one (fitFlow), and 2 MB of imports
  // hold far fewer steps than this anyway.
  if (steps > BUNDLE_STEPS_MAX) return problem('too-large', `The bundle holds ${steps} steps, more than the ${BUNDLE_STEPS_MAX} an import reads`);
  const bundle = v as unknown as Bundle;
  const name = file.slice(0, 200);
  const flows = bundle.flows.map((f) => unlinked({ ...structuredClone(portable(f)), imported: { file: name, at: now } }));
  return { ok: true, value: { bundle, flows, fromVersion } };
}

/**
 * A finding's link is the catalog's (the engine stamps it on known rules); one a file chose, under an
 * id no catalog knows, could be javascript: or a phishing page that the panel and reports would show
 * as the spec's link. Such links are dropped on import; a known rule's link is kept as the catalog has it.
 */
function unlinked(f: Flow): Flow {
  const fix = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const x of list as { id?: unknown; link?: unknown }[]) {
      if (x && typeof x === 'object' && 'link' in x && (typeof x.id !== 'string' || ruleById(x.id)?.link !== x.link)) delete x.link;
    }
  };
  fix(f.findings);
  for (const s of f.steps as unknown as Record<string, unknown>[]) {
    fix(s.findings);
    fix(s.idTokenFindings);
  }
  return f;
}
