/**
 * Checking every letter grows the main thread's young generation to its
 * largest (some 30 MB), and V8 keeps it that size while the thread is
 * quiet, as it is while the PDF threads work: memory the whole build holds
 * to its end for nothing. A collection for low memory, the kind the
 * inspector's `HeapProfiler.collectGarbage` asks for, gives it back. The
 * inspector is used in this thread only, and opens no port.
 */
export async function releaseMemory(): Promise<void> {
  // Node can be built without the inspector: then the memory stays, and nothing else changes.
  const inspector = await import('node:inspector/promises').catch(() => undefined);
  if (!inspector) return;
  const session = new inspector.Session();
  session.connect();
  try {
    await session.post('HeapProfiler.collectGarbage');
  } finally {
    session.disconnect();
  }
}
