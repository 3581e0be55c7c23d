/**
 * A file's bytes in chunks, read ahead: the next chunk is read (on libuv's threads) while the
 * caller works on the current one. Two buffers take turns, so reading a file of any size
 * allocates two chunks; a stream allocates one per chunk, and on a file of a hundred megabytes
 * the engine's collector ran a few times a second to keep up with that external memory.
 */
import { open } from 'node:fs/promises';

/**
 * Bytes read at a time: small enough that a chunk stays in the core's cache (L2) while it is
 * scanned and its cells read, large enough that each read's fixed cost is paid rarely.
 */
export const CHUNK_BYTES = 1 << 18;

/**
 * Yields the file's bytes in order. A chunk is valid until the loop asks for the next one (its
 * buffer is then refilled): copy what must outlive it.
 */
export async function* fileChunks(path: string, size = CHUNK_BYTES): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
  let turn = 0;
  let position = 0;
  let pending: Promise<{ bytesRead: number }> | null = file.read(buffers[0]!, 0, size, 0);
  try {
    for (;;) {
      const { bytesRead } = await pending;
      pending = null;
      if (bytesRead === 0) return;
      const current = buffers[turn]!;
      position += bytesRead;
      turn ^= 1;
      pending = file.read(buffers[turn]!, 0, size, position);
      yield current.subarray(0, bytesRead);
    }
  } finally {
    // A loop left early still has a read in flight: it ends before the file is closed.
    await pending?.catch(() => undefined);
    await file.close();
  }
}
