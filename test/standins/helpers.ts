/** Small helpers for tests that drive the stand-ins. */

/** Awaits a promise that must reject and returns the rejection; fails if it resolves. */
export async function errorOf(promise: Promise<unknown>): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number }; code?: string }> {
  try {
    await promise;
  } catch (e) {
    return e as Error & { name: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
