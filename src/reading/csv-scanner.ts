/**
 * An incremental RFC 4180 scanner over bytes: UTF-8 arrives in chunks of any size (a chunk may
 * end inside a character, a field or a quoted line break), records leave as field offsets into
 * the bytes, with no string made until a consumer asks for one. It reads what papaparse reads
 * (quoted fields with doubled quotes, delimiters and line breaks inside quotes, CRLF, LF or CR
 * line ends, blank lines skipped) and reports a quote that is never closed properly, as
 * papaparse does with MissingQuotes / InvalidQuotes. The delimiter, quote and line ends are
 * ASCII, which never occurs inside a multi-byte UTF-8 character, so scanning bytes is exact.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;
const EMPTY = Buffer.alloc(0);

/**
 * One record, reused from record to record: read what you need inside the callback (the
 * offsets and bytes change with the next record).
 */
export class CsvRecord {
  bytes: Buffer = EMPTY;
  /** Number of fields. */
  count = 0;
  /** Byte offsets of each field's content (inside the quotes for a quoted field). */
  starts = new Int32Array(32);
  ends = new Int32Array(32);
  /** 1 when a quoted field holds quote characters that text() must unescape. */
  quotes = new Uint8Array(32);
  /** A quoted field of this record was not closed properly. */
  quoteError = false;

  /** The text of field i. */
  text(i: number): string {
    const text = this.bytes.toString('utf8', this.starts[i], this.ends[i]);
    return this.quotes[i] === 1 ? text.replaceAll('""', '"') : text;
  }

  /** Every field as text (for headers and tests; the hot path reads offsets). */
  fields(): string[] {
    return Array.from({ length: this.count }, (_, i) => this.text(i));
  }

  /** Field i is empty or only spaces and tabs. */
  isBlank(i: number): boolean {
    const bytes = this.bytes;
    for (let p = this.starts[i]!; p < this.ends[i]!; p++) {
      const c = bytes[p]!;
      if (c !== 32 && c !== 9) return false;
    }
    return true;
  }

  add(start: number, end: number, quotes: boolean): void {
    if (this.count === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const next = make(a.length * 2);
        next.set(a);
        return next;
      };
      this.starts = grow(this.starts, (n) => new Int32Array(n));
      this.ends = grow(this.ends, (n) => new Int32Array(n));
      this.quotes = grow(this.quotes, (n) => new Uint8Array(n));
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.quotes[this.count] = quotes ? 1 : 0;
    this.count += 1;
  }
}

export class CsvScanner {
  /** The unfinished record carried to the next chunk, at the start of a buffer that doubles. */
  private store: Buffer = EMPTY;
  private pendingLength = 0;
  private readonly delimiter: number;
  private readonly record = new CsvRecord();
  private readonly onRecord: (record: CsvRecord) => void;

  constructor(delimiter: string, onRecord: (record: CsvRecord) => void) {
    if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 127) {
      throw new Error('CsvScanner requires a one-character ASCII delimiter');
    }
    this.delimiter = delimiter.charCodeAt(0);
    this.onRecord = onRecord;
  }

  /** Feeds the next chunk of bytes (the scanner keeps what it needs of it). */
  push(chunk: Buffer): void {
    let bytes = chunk;
    if (this.pendingLength > 0) {
      // A record longer than a chunk (a long quoted field) grows the store geometrically, so
      // carrying it across many chunks copies each byte a bounded number of times.
      this.reserve(this.pendingLength + chunk.length);
      chunk.copy(this.store, this.pendingLength);
      bytes = this.store.subarray(0, this.pendingLength + chunk.length);
    }
    const rest = this.scan(bytes, false);
    this.pendingLength = bytes.length - rest;
    if (this.pendingLength === 0) return;
    if (bytes === chunk) {
      this.reserve(this.pendingLength);
      chunk.copy(this.store, 0, rest);
    } else this.store.copyWithin(0, rest, bytes.length);
  }

  /** Ends the input: the last record may lack a line end; an open quote is an error. */
  end(): void {
    if (this.pendingLength > 0) this.scan(this.store.subarray(0, this.pendingLength), true);
    this.pendingLength = 0;
    this.store = EMPTY;
  }

  private reserve(length: number): void {
    if (this.store.length >= length) return;
    const grown = Buffer.allocUnsafe(Math.max(length, this.store.length * 2, 1 << 16));
    this.store.copy(grown, 0, 0, this.pendingLength);
    this.store = grown;
  }

  /**
   * Scans whole records of `bytes`, handing each to the callback.
   * @returns where the unfinished record starts (bytes.length when every record is whole)
   */
  private scan(bytes: Buffer, final: boolean): number {
    const delimiter = this.delimiter;
    const length = bytes.length;
    const record = this.record;
    record.bytes = bytes;
    let pos = 0;
    while (pos < length) {
      const recordStart = pos;
      record.count = 0;
      record.quoteError = false;
      for (;;) {
        // One field starts at pos.
        if (pos < length && bytes[pos] === QUOTE) {
          const start = pos + 1;
          let from = start;
          let closedAt = -1;
          let quotes = false;
          for (;;) {
            const q = bytes.indexOf(QUOTE, from);
            if (q < 0) break;
            if (q + 1 < length && bytes[q + 1] === QUOTE) {
              quotes = true;
              from = q + 2;
              continue;
            }
            if (q + 1 >= length && !final) break; // the byte after the quote has not arrived
            const next = q + 1 < length ? bytes[q + 1]! : -1;
            if (next === -1 || next === delimiter || next === LF || next === CR) {
              closedAt = q;
              break;
            }
            // A quote followed by text: malformed; keep it and look for the real closing quote.
            record.quoteError = true;
            quotes = true;
            from = q + 1;
          }
          if (closedAt < 0) {
            if (!final) return recordStart;
            // Never closed: the rest of the input is this field, as papaparse reads it.
            record.add(start, length, true);
            record.quoteError = true;
            this.onRecord(record);
            return length;
          }
          record.add(start, closedAt, quotes);
          pos = closedAt + 1;
        } else {
          let end = pos;
          while (end < length) {
            const c = bytes[end]!;
            if (c === delimiter || c === LF || c === CR) break;
            end += 1;
          }
          if (end >= length && !final) return recordStart;
          record.add(pos, end, false);
          pos = end;
        }
        // After a field: a delimiter, a line end, or the end of the input.
        if (pos >= length) {
          if (!final) return recordStart;
          break;
        }
        const c = bytes[pos]!;
        if (c === delimiter) {
          pos += 1;
          if (pos >= length && !final) return recordStart;
          if (pos >= length) {
            record.add(pos, pos, false);
            break;
          }
          continue;
        }
        if (c === CR) {
          if (pos + 1 >= length && !final) return recordStart;
          pos += pos + 1 < length && bytes[pos + 1] === LF ? 2 : 1;
        } else pos += 1; // LF
        break;
      }
      // Every way out of the loop above ends a record; a blank line is one empty field.
      if (!(record.count === 1 && record.ends[0] === record.starts[0])) this.onRecord(record);
    }
    return length;
  }
}
