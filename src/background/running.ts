/**
 * Flows this worker instance is working on right now. It is empty after a restart, by design: a flow
 * stored as "redeeming" that is not in here was cut off by a restart (see resumeFlows).
 */
export const running = new Set<string>();

/** Runs `fn` with `id` marked as running here; a second call for the same id does nothing. */
export async function exclusive(id: string, fn: () => Promise<void>): Promise<void> {
  if (running.has(id)) return;
  running.add(id);
  try {
    await fn();
  } finally {
    running.delete(id);
  }
}
