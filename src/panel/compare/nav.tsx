/**
 * Moving between panel views from inside a view (issue 12: "Compare", "Compare with…", a token diff):
 * the app hands its own state setter down, so the URL's hash and history follow (view-state.ts). A
 * link is a real <a href="#/compare/…">, so a middle click or "Open link in new tab" opens the same
 * view in another tab; a plain click stays in this page.
 */
import type { ComponentChildren, JSX } from 'preact';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { formatViewState, type ViewState } from '../view-state';

/** Without the app (a render test, a plain page), the hash is written and the app's listener reads it. */
export const NavigateContext = createContext<(s: ViewState) => void>((s) => {
  globalThis.location.hash = formatViewState(s);
});

export const useNavigate = (): ((s: ViewState) => void) => useContext(NavigateContext);

type Props = { to: ViewState; children: ComponentChildren } & Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick'>;

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
