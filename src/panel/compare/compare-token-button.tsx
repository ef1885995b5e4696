/**
 * Decode's way into the token diff (issue 12, item 3): "Compare with another token" opens #/tokens
 * with the decoded token as A (handed over in memory, never in the URL), for a second one pasted as B.
 * Shown only where the panel can open the diff (the app provides it).
 */
import { useTokenDiff } from './nav';

export function CompareTokenButton({ token }: { token: string | undefined }) {
  const open = useTokenDiff();
  if (!open) return null;
  return (
    <button type="button" class="link" data-testid="compare-token" onClick={() => open(token ?? '')} title="Paste a second token and see both side by side, header and claims">
      Compare with another token
    </button>
  );
}
