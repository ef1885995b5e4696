/**
 * A view loaded when first shown (bundle-size bench: the panel at most 150 KB gzipped). Compare, the
 * token diff and the export dialog (with the export core: redactor, HAR, bundle, reports) are chunks of
 * their own, fetched from the extension's own origin by import(): MV3's `script-src 'self'` allows it.
 * The module is fetched once per panel; a failed fetch says so and is tried again on the next open.
 */
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

type View<P> = (props: P) => JSX.Element | null;

export function lazy<P extends object>(load: () => Promise<View<P>>, label: string, quiet = false): ComponentType<P> {
  let loaded: View<P> | undefined;
  let pending: Promise<View<P>> | undefined;
  return function Lazy(props: P) {
    const [C, setC] = useState<View<P> | undefined>(() => loaded);
    const [error, setError] = useState<string>();
    useEffect(() => {
      if (C) return;
      let live = true;
      pending ??= load().then((c) => (loaded = c));
      pending.then(
        (c) => live && setC(() => c),
        (e: unknown) => {
          pending = undefined;
          if (live) setError(e instanceof Error ? e.message : String(e));
        },
      );
      return () => {
        live = false;
      };
    }, [C]);
    if (error) return <div class="banner err">Could not load {label}: {error}</div>;
    if (!C) return quiet ? null : <p class="hint" aria-busy="true">Loading {label}…</p>;
    // Its own component (its hooks its own), not called as a function inside this one.
    const Loaded = C as unknown as ComponentType<P>;
    return <Loaded {...props} />;
  };
}
