/**
 * Resolves when `condition` holds, re-checking every `recheckMs` (conditions on the database,
 * where nothing announces a change to the test); rejects after `timeoutMs`, a safety net only.
 */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 60_000, recheckMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise<void>((resolve) => setTimeout(resolve, recheckMs));
  }
}
