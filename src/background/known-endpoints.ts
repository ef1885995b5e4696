/**
 * Provider endpoints learned from discovery documents, so a userinfo endpoint at /me or a token
 * endpoint at an odd path is recognised by its URL (src/core/capture/recognise.ts). A discovery
 * document a page fetched is read from the page's response when a source saw it, else fetched once
 * here: a GET of the same public URL the page just fetched. Kept in storage.session for restarts.
 */
import { discoveryEndpoints } from '../core/capture/recognise';
import type { KnownEndpoints } from '../core/capture/types';
import browser from '../shared/browser';
import { KNOWN_ENDPOINTS_KEY } from '../shared/constants';
import { fetchText } from './http';

const KEY = KNOWN_ENDPOINTS_KEY;
const MAX = 500;

let known: KnownEndpoints = {};
const fetched = new Set<string>();
/** Discovery documents read, by URL: issuer and endpoints, for flows that guessed their issuer. */
const docs = new Map<string, Record<string, unknown>>();

export const knownEndpoints = (): KnownEndpoints => known;

export async function loadKnownEndpoints(): Promise<void> {
  const v = (await browser.storage.session.get(KEY))[KEY];
  if (typeof v === 'object' && v !== null) known = { ...(v as KnownEndpoints), ...known };
}

/** Learns a discovery document's endpoints; returns the document when one could be read. */
export async function learnDiscovery(url: string, bodyText: string | undefined): Promise<Record<string, unknown> | undefined> {
  let text = bodyText;
  if (!text) {
    if (fetched.has(url)) return docs.get(url);
    fetched.add(url);
    const got = await fetchText(url, { headers: { accept: 'application/json' } }, 10_000);
    if (!got.ok || got.answer.status !== 200) return undefined;
    text = got.answer.bodyText;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const learned = discoveryEndpoints(doc);
  if (Object.keys(learned).length === 0) return undefined;
  known = Object.fromEntries(Object.entries({ ...known, ...learned }).slice(-MAX));
  docs.set(url, doc as Record<string, unknown>);
  await browser.storage.session.set({ [KEY]: known });
  return doc as Record<string, unknown>;
}
