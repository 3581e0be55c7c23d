/**
 * Streams one CSV file: hashes the raw bytes, decodes them in the declared encoding, detects the
 * delimiter, and hands each record to a callback with its spreadsheet row number. Memory stays
 * flat whatever the file size. Parse problems become diagnostics, never exceptions.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { CsvScanner, type ScannedRecord } from './csv-scanner.ts';
import { diagnostic, type Diagnostic } from './diagnostics.ts';

export interface CsvFormat {
  delimiter?: string;
  encoding: 'utf-8' | 'windows-1252' | 'latin1';
  headerRow: number;
}

export interface CsvReadResult {
  /** sha256 of the file's bytes, hex. */
  sha256: string;
  /** Data records seen (after the header, blank lines skipped). */
  records: number;
  delimiter: string;
  header: string[] | null;
  diagnostics: Diagnostic[];
}

/** Guesses the delimiter from the header line: the candidate that occurs most outside quotes. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
  let inQuotes = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [candidate, count] of counts) {
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

class DecodeAndHash extends Transform {
  readonly hash = createHash('sha256');
  private readonly decoder: TextDecoder;

  constructor(encoding: string) {
    super({ decodeStrings: true, readableObjectMode: false });
    this.setEncoding('utf8');
    this.decoder = new TextDecoder(encoding === 'latin1' ? 'windows-1252' : encoding);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    const text = this.decoder.decode(chunk, { stream: true });
    done(null, text);
  }

  override _flush(done: TransformCallback): void {
    const rest = this.decoder.decode();
    done(null, rest.length > 0 ? rest : undefined);
  }
}

/**
 * Reads `path`, calling `onHeader` once and `onRecord` per data record.
 * @param displayPath the path shown in diagnostics
 */
export async function readCsv(
  path: string,
  displayPath: string,
  format: CsvFormat,
  onHeader: (header: string[]) => void,
  onRecord: (cells: string[], row: number) => void,
): Promise<CsvReadResult> {
  const diagnostics: Diagnostic[] = [];
  const encoding = format.encoding === 'latin1' ? 'windows-1252' : format.encoding;
  const headText = new TextDecoder(encoding).decode(readHead(path, 65536));
  const headerLine = headText.split(/\r?\n/)[format.headerRow - 1] ?? '';
  const delimiter = format.delimiter ?? detectDelimiter(headerLine);

  const decoder = new DecodeAndHash(encoding);
  let header: string[] | null = null;
  let recordIndex = 0; // 1-based index of non-blank records, header row included
  let records = 0;
  let badBytes: { row: number; column: number; value: string; count: number } | null = null;

  const onScanned = ({ fields: cells, quoteError }: ScannedRecord) => {
    recordIndex += 1;
    if (quoteError) {
      diagnostics.push(
        diagnostic('unclosed-quote', {
          file: displayPath,
          row: recordIndex,
          message:
            'a quoted field starts in this row and is never closed properly, so the rows after it are swallowed into one cell',
          hint: 'close the quote, or double any quote character inside a quoted field ("")',
        }),
      );
    }
    if (recordIndex < format.headerRow) return;
    if (recordIndex === format.headerRow) {
      header = cells.map((h) => h.trim());
      onHeader(header);
      return;
    }
    if (cells.every((c) => c.trim() === '')) return;
    records += 1;
    for (let i = 0; i < cells.length; i++) {
      if (cells[i]!.includes('\uFFFD')) {
        if (badBytes) badBytes.count += 1;
        else badBytes = { row: recordIndex, column: i, value: cells[i]!, count: 1 };
      }
    }
    onRecord(cells, recordIndex);
  };

  const scanner = new CsvScanner(delimiter, onScanned);
  await new Promise<void>((resolve, reject) => {
    const source = createReadStream(path);
    source.once('error', reject);
    decoder.on('data', (text: string) => scanner.push(text));
    decoder.once('end', () => {
      scanner.end();
      resolve();
    });
    decoder.once('error', reject);
    source.pipe(decoder);
  });

  const bad = badBytes as { row: number; column: number; value: string; count: number } | null;
  if (bad) {
    diagnostics.push(
      diagnostic('invalid-encoding', {
        file: displayPath,
        row: bad.row,
        column: (header as string[] | null)?.[bad.column] ?? `column ${bad.column + 1}`,
        value: bad.value,
        message: `${bad.count} cell(s) hold bytes that are not valid ${format.encoding} (shown as �)`,
        hint: 'the file is probably in another encoding (often windows-1252): set "format": { "encoding": "windows-1252" } for this table in manifest.json, or re-export it as UTF-8',
      }),
    );
  }
  return { sha256: decoder.hash.digest('hex'), records, delimiter, header, diagnostics };
}

/** The first `bytes` bytes of a file (for sniffing delimiter and encoding). */
export function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
