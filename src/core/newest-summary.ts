/**
 * The popup's last flow (issue 11, item 3): flow/list's first row, newest createdAt and the first of
 * equals in list order, without its search text. The popup shows one flow; 1,000 summaries with up to
 * 2 KB of search text each are megabytes copied into it on every open.
 */
import type { FlowSummary } from './flow';

export function newestSummary(list: readonly FlowSummary[]): FlowSummary | null {
  let best: FlowSummary | undefined;
  for (const s of list) if (!best || s.createdAt > best.createdAt) best = s;
  if (!best) return null;
  const out = { ...best };
  delete out.searchText;
  return out;
}
