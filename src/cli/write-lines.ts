/** Writes generated CSV files line by line, for the benches and the tests at volume. */
import { createWriteStream } from 'node:fs';

/**
 * Writes `header` and `count` lines made by `line(i)` to `path`, in chunks of about a MiB, so a
 * file of millions of lines is never held whole in memory.
 */
export async function writeLines(
  path: string,
  header: string,
  count: number,
  line: (i: number) => string,
): Promise<void> {
  const out = createWriteStream(path);
  const write = (text: string) =>
    out.write(text)
      ? Promise.resolve()
      : new Promise<void>((done) => out.once('drain', () => done()));
  await write(`${header}\n`);
  let chunk = '';
  for (let i = 0; i < count; i++) {
    chunk += `${line(i)}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((done) => out.end(() => done()));
}
