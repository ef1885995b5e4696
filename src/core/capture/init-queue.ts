/**
 * Holds what arrives before its consumer is ready, then hands it over in arrival order.
 *
 * The recorder's worker is woken by the very event it must record (a navigation to an authorization
 * endpoint), and the browser delivers that event as soon as the listeners exist, while the worker is
 * still reading its settings, learned endpoints and capture store (issue 9, "no event lost at worker
 * start"). Events go through this gate: before `open()` they are kept; `open()` delivers them oldest
 * first and lets later ones straight through, so nothing overtakes what came before it.
 *
 * Kept events are bounded by count and by bytes (`sizeOf`, an estimate the caller gives), because the
 * pages that feed the recorder are not ours: a page flooding requests while the worker starts must
 * not grow the worker without bound. Under both bounds nothing is dropped. Past either, the NEWEST
 * event is refused (the oldest are the likeliest to start a flow) and counted in `dropped`, so the
 * caller can say so instead of losing it silently.
 */
export interface InitQueueLimits {
  maxItems: number;
  maxBytes: number;
}

export interface InitQueue<T> {
  /** Delivers now when open, else keeps `item`; false when the bounds refused it. */
  push(item: T): boolean;
  /** Delivers everything kept, in order, then delivers later pushes at once. Idempotent. */
  open(): void;
  readonly isOpen: boolean;
  /** Kept, not yet delivered. */
  readonly pending: number;
  readonly pendingBytes: number;
  /** Refused because a bound was reached, since this queue was made. */
  readonly dropped: number;
}

export function initQueue<T>(limits: InitQueueLimits, sizeOf: (item: T) => number, deliver: (item: T) => void): InitQueue<T> {
  let kept: { item: T; size: number }[] = [];
  let bytes = 0;
  let dropped = 0;
  let open = false;
  let draining = false;
  return {
    push(item) {
      // While open() drains, a delivery that pushes again (re-entrancy) queues behind the batch, so
      // order holds; it is not refused, the gate being open.
      if (open && !draining) {
        deliver(item);
        return true;
      }
      const size = Math.max(0, sizeOf(item));
      if (!open && (kept.length >= limits.maxItems || bytes + size > limits.maxBytes)) {
        dropped++;
        return false;
      }
      kept.push({ item, size });
      bytes += size;
      return true;
    },
    open() {
      if (open) return;
      open = true;
      draining = true;
      // One delivery that throws must not cost the others theirs: all are delivered, then the first
      // error is thrown.
      let failure: { error: unknown } | undefined;
      for (let i = 0; i < kept.length; i++) {
        bytes -= kept[i]!.size;
        try {
          deliver(kept[i]!.item);
        } catch (error) {
          failure ??= { error };
        }
      }
      kept = [];
      bytes = 0;
      draining = false;
      if (failure) throw failure.error;
    },
    get isOpen() {
      return open;
    },
    get pending() {
      return kept.length;
    },
    get pendingBytes() {
      return bytes;
    },
    get dropped() {
      return dropped;
    },
  };
}
