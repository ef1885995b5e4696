/**
 * Marks beside a flow's status, in its detail header and its list row: its tokens are known to be
 * revoked (a revocation, the reuse test or an introspection said so), and a negative test's expected
 * outcome (the launch's `expect`), so "failed: access_denied" reads as what the tester asked for.
 */
import type { FlowSummary } from '../core/flow';
import { clockTime } from '../ui/format';

type Marked = Pick<FlowSummary, 'revoked'> & { expect?: string | undefined };

export function FlowMarks({ flow }: { flow: Marked }) {
  const expect = flow.expect;
  return (
    <>
      {flow.revoked && (
        <span class="badge warn" data-testid="revoked-mark" title={`${flow.revoked.why} (${clockTime(flow.revoked.at)})`}>
          tokens revoked
        </span>
      )}
      {expect && expect !== 'success' && (
        <span class="badge info" data-testid="expect-mark" title="The outcome this negative test expects">
          expects {expect}
        </span>
      )}
    </>
  );
}
