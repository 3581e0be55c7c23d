/**
 * A JSON file written piece by piece: the text JSON.stringify gives, except that any iterable
 * object that is not an array (a generator, an iterator's `map`) is written as an array, item
 * by item as it is iterated. A reduced snapshot of a million customers (reduced-snapshot.ts)
 * thus never exists as one string, nor are its ids and figures copied into arrays to be written:
 * each id is made (and pseudonymised) when its turn comes.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * A document of type T in which any array may instead be an iterable of its items (what
 * writeJsonFile writes as that array).
 */
export type Streamable<T> =
  T extends ReadonlyArray<infer U>
    ? Iterable<Streamable<U>>
    : T extends object
      ? { [K in keyof T]: Streamable<T[K]> }
      : T;

/** Text gathered before it is written: large enough that writes are few. */
const PIECE_CHARS = 1 << 20;

/** Text written to a file descriptor in pieces. */
class Pieces {
  private parts: string[] = [];
  private chars = 0;
  private readonly fd: number;

  constructor(fd: number) {
    this.fd = fd;
  }

  push(text: string): void {
    this.parts.push(text);
    this.chars += text.length;
    if (this.chars >= PIECE_CHARS) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.chars = 0;
  }
}

/** True for what JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = (value: unknown) =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** Writes one value as JSON.stringify would (see the file's comment for iterables). */
function write(out: Pieces, value: unknown): void {
  if (value === null || typeof value !== 'object') {
    out.push(JSON.stringify(value));
    return;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    out.push(JSON.stringify(value));
    return;
  }
  if (Array.isArray(value) || Symbol.iterator in value) {
    out.push('[');
    let first = true;
    for (const item of value as Iterable<unknown>) {
      if (!first) out.push(',');
      first = false;
      if (omitted(item)) out.push('null');
      else write(out, item);
    }
    out.push(']');
    return;
  }
  out.push('{');
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    if (omitted(item)) continue;
    if (!first) out.push(',');
    first = false;
    out.push(`${JSON.stringify(key)}:`);
    write(out, item);
  }
  out.push('}');
}

/**
 * Writes `value` to `path` as JSON followed by a newline (the text of
 * `${JSON.stringify(value)}\n` when it holds no iterable but arrays).
 * @throws what JSON.stringify throws (a bigint), and what writing the file throws
 */
export function writeJsonFile(path: string, value: unknown): void {
  const fd = openSync(path, 'w');
  try {
    const out = new Pieces(fd);
    write(out, value);
    out.push('\n');
    out.flush();
  } finally {
    closeSync(fd);
  }
}
