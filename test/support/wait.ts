// Polling for tests that watch something settle (a lens after a watch event, a status after a fault).

/** Polls `probe` until it returns a value, or throws after `ms` naming what was awaited. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 15000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
