/**
 * An incremental RFC 4180 scanner: text arrives in chunks of any size, records leave as arrays
 * of fields. It reads what papaparse reads (quoted fields with doubled quotes, delimiters and
 * line breaks inside quotes, CRLF, LF or CR line ends, blank lines skipped) with a tight
 * char-code loop, and reports a quote that is never closed properly, as papaparse does with
 * MissingQuotes / InvalidQuotes. Kept separate from the file reading so it can be tested
 * against papaparse on generated input.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

export interface ScannedRecord {
  fields: string[];
  /** A quoted field of this record was not closed properly. */
  quoteError: boolean;
}

export class CsvScanner {
  private pending = '';
  private readonly delimiter: number;
  private readonly onRecord: (record: ScannedRecord) => void;

  constructor(delimiter: string, onRecord: (record: ScannedRecord) => void) {
    if (delimiter.length !== 1) throw new Error('CsvScanner requires a one-character delimiter');
    this.delimiter = delimiter.charCodeAt(0);
    this.onRecord = onRecord;
  }

  /** Feeds the next chunk of text. */
  push(chunk: string): void {
    this.pending = this.scan(this.pending.length > 0 ? this.pending + chunk : chunk, false);
  }

  /** Ends the input: the last record may lack a line end; an open quote is an error. */
  end(): void {
    if (this.pending.length > 0) this.scan(this.pending, true);
    this.pending = '';
  }

  /** Scans whole records of `text`; returns the unfinished tail to keep for the next chunk. */
  private scan(text: string, final: boolean): string {
    const delimiter = this.delimiter;
    const length = text.length;
    let pos = 0;
    while (pos < length) {
      const recordStart = pos;
      const fields: string[] = [];
      let quoteError = false;
      for (;;) {
        // One field starts at pos.
        if (pos < length && text.charCodeAt(pos) === QUOTE) {
          let value = '';
          let from = pos + 1;
          let closedAt = -1;
          for (;;) {
            const q = text.indexOf('"', from);
            if (q < 0) break;
            if (q + 1 < length && text.charCodeAt(q + 1) === QUOTE) {
              value += text.slice(from, q + 1);
              from = q + 2;
              continue;
            }
            if (q + 1 >= length && !final) break; // the character after the quote has not arrived
            const next = q + 1 < length ? text.charCodeAt(q + 1) : -1;
            if (next === -1 || next === delimiter || next === LF || next === CR) {
              value += text.slice(from, q);
              closedAt = q;
              break;
            }
            // A quote followed by text: malformed; keep it and look for the real closing quote.
            quoteError = true;
            value += text.slice(from, q + 1);
            from = q + 1;
          }
          if (closedAt < 0) {
            if (!final) return text.slice(recordStart);
            // Never closed: the rest of the input is this field, as papaparse reads it.
            fields.push(value + text.slice(from));
            this.onRecord({ fields, quoteError: true });
            return '';
          }
          fields.push(value);
          pos = closedAt + 1;
        } else {
          let end = pos;
          while (end < length) {
            const c = text.charCodeAt(end);
            if (c === delimiter || c === LF || c === CR) break;
            end += 1;
          }
          if (end >= length && !final) return text.slice(recordStart);
          fields.push(text.slice(pos, end));
          pos = end;
        }
        // After a field: a delimiter, a line end, or the end of the input.
        if (pos >= length) {
          if (!final) return text.slice(recordStart);
          break;
        }
        const c = text.charCodeAt(pos);
        if (c === delimiter) {
          pos += 1;
          if (pos >= length && !final) return text.slice(recordStart);
          if (pos >= length) {
            fields.push('');
            break;
          }
          continue;
        }
        if (c === CR) {
          if (pos + 1 >= length && !final) return text.slice(recordStart);
          pos += pos + 1 < length && text.charCodeAt(pos + 1) === LF ? 2 : 1;
        } else pos += 1; // LF
        break;
      }
      // Every way out of the loop above ends a record; a blank line is one empty field.
      if (!(fields.length === 1 && fields[0] === '')) this.onRecord({ fields, quoteError });
    }
    return '';
  }
}
