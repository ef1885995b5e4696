/**
 * Moving between panel views from inside a view (issue 12: "Compare", "Compare with…", a token diff):
 * the app hands its own state setter down, so the URL's hash and history follow (view-state.ts). A
 * link is a real <a href="#/compare/…">, so a middle click or "Open link in new tab" opens the same
 * view in another tab; a plain click stays in this page.
 */
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { formatViewState, type ViewState } from '../view-state';

/** Without the app (a render test, a plain page), the hash is written and the app's listener reads it. */
export const NavigateContext = createContext<(s: ViewState) => void>((s) => {
  globalThis.location.hash = formatViewState(s);
});

export const useNavigate = (): ((s: ViewState) => void) => useContext(NavigateContext);

type Props = { to: ViewState; children: ComponentChildren; class?: string; title?: string; [data: `data-${string}`]: string | undefined };

/** A link to a panel view: a plain click moves this panel, any other (new tab, window) is the browser's. */
export function ViewLink({ to, children, ...rest }: Props) {
  const go = useNavigate();
  const href = formatViewState(to);
  return (
    <a
      {...rest}
      href={href}
      onClick={(e) => {
        if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        go(to);
      }}
    >
      {children}
    </a>
  );
}

/**
 * Opens the pasted token diff (#/tokens) with these tokens, handed over in memory: a token is a
 * secret and never goes in the URL. Decode's "Compare with another token" passes what it shows.
 */
export const TokenDiffContext = createContext<((a: string, b?: string) => void) | null>(null);
export const useTokenDiff = (): ((a: string, b?: string) => void) | null => useContext(TokenDiffContext);
