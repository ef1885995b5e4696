/** Reading what a person typed into the Recording view's lists: one rule a line, one site to add. */
import { normalizeRule } from '../../core/capture/settings';

/** Each line as a rule (src/core/capture/settings.ts), repeats dropped; lines that are no rule listed apart. */
export function parseRules(text: string): { rules: string[]; rejected: string[] } {
  const rules: string[] = [];
  const rejected: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const r = normalizeRule(line);
    if (!r) rejected.push(line.trim());
    else if (!rules.includes(r)) rules.push(r);
  }
  return { rules, rejected };
}

export const rulesText = (rules: string[]): string => rules.join('\n');

/**
 * The origin of a site typed for page capture: "https://app.example.com/login" or "app.example.com"
 * (https assumed). Only http and https pages can run the page script.
 */
export function siteOrigin(input: string): { ok: true; origin: string } | { ok: false; error: string } {
  const s = input.trim();
  if (!s) return { ok: false, error: 'Type the site’s address, for example https://app.example.com.' };
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`);
  } catch {
    return { ok: false, error: `“${s}” is not a web address.` };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, error: 'Page capture works on http and https sites only.' };
  if (!u.hostname) return { ok: false, error: `“${s}” names no host.` };
  return { ok: true, origin: u.origin };
}
