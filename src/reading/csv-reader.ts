/**
 * Streams one CSV file: hashes the raw bytes, scans them as UTF-8 (single-byte encodings are
 * transcoded first), detects the delimiter, and hands each record to a callback with its
 * spreadsheet row number. Memory stays flat whatever the file size. Parse problems become
 * diagnostics, never exceptions.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { fileChunks } from './file-chunks.ts';
import { CsvScanner, type CsvRecord } from './csv-scanner.ts';
import { diagnostic, DiagnosticCollector, type Diagnostic } from './diagnostics.ts';
import { asWindows1252, cp850Misread, MisreadingTally } from './encoding-check.ts';

export interface CsvFormat {
  delimiter?: string;
  encoding: 'utf-8' | 'windows-1252' | 'latin1';
  headerRow: number;
}

export interface CsvReadResult {
  /** sha256 of the file's bytes, hex; null when the caller hashes the file itself. */
  sha256: string | null;
  /** Data records seen (after the header, blank lines skipped). */
  records: number;
  delimiter: string;
  header: string[] | null;
  diagnostics: Diagnostic[];
}

/**
 * The delimiter an Excel "sep=" line names when it is the text's first line: some locales' Excel
 * writes "sep=;" before the header, and reads the file with that delimiter; null otherwise.
 * @example excelSepDelimiter('sep=;\r\nId;Score') // ';'
 */
export function excelSepDelimiter(text: string): string | null {
  return /^\uFEFF?sep=(.)\r?(?:\n|$)/i.exec(text)?.[1] ?? null;
}

/**
 * The UTF-16 encoding a file's byte order mark names ("Unicode Text" from Excel, some CRM
 * exports); null for any other start.
 */
export function utf16Of(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * The error of a table file the readers cannot take as it starts, before anything is read: a
 * UTF-16 file, or an Excel "sep=" line where the manifest says the header is on the first row
 * (the header would be that line); null for any other file.
 */
export function fileStartProblem(
  path: string,
  displayPath: string,
  format: Pick<CsvFormat, 'headerRow'>,
): Diagnostic | null {
  const head = readHead(path, 64);
  if (utf16Of(head)) {
    return diagnostic('utf16-file', {
      file: displayPath,
      message: 'the file is UTF-16 (as Excel saves "Unicode Text"), which is not read',
      hint: 'save it from Excel as "CSV UTF-8", or convert it (`iconv -f UTF-16 -t UTF-8 in.txt > out.csv`); npm run new-snapshot converts it when it copies the export',
    });
  }
  const sep = format.headerRow === 1 ? excelSepDelimiter(head.toString('latin1')) : null;
  if (sep === null) return null;
  return diagnostic('excel-sep-line', {
    file: displayPath,
    row: 1,
    value: `sep=${sep}`,
    message: `the file starts with the line "sep=${sep}", which Excel writes before the header to name the delimiter`,
    hint: `declare "format": { "headerRow": 2, "delimiter": ${JSON.stringify(sep)} } for this table in manifest.json (npm run new-snapshot drafts it so)`,
  });
}

/**
 * A survey platform's second header row, right after the header, never data: a Qualtrics
 * export's ImportId row ({"ImportId":"QID1"} in every filled cell; its header rows are column
 * codes, question texts, then this), or a SurveyMonkey export's row under its questions:
 * "Response" or "Open-Ended Response" under a question of one column, and under a question of
 * several columns (a matrix of rated rows, a "select all" list, an "Other (please specify)"
 * column) the label of each column, where the header holds the question's text in its first
 * column only. Labels are recognised only with the `header` they stand under, and only beside
 * at least one "Response": a data row of numbers with one answer "Response" is data.
 * @param header the header row's cells (its question texts); without it, labels are data
 * @example isSubHeaderRow(['', 'Response', 'Delivery', 'Price'], ['Respondent ID', 'Recommend?', 'Rate us', '']) // true
 */
export function isSubHeaderRow(cells: readonly string[], header: readonly string[] = []): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.length === 0) return false;
  if (filled.every(isImportId)) return true;
  if (filled.every(isResponseLabel)) return true;
  if (!filled.some(isResponseLabel)) return false;
  const questions = questionsOf(header);
  return cells.every(
    (c, i) => c.trim() === '' || isResponseLabel(c.trim()) || (questions[i]?.spans ?? false),
  );
}

/**
 * The names of a file's columns once `subHeader`, the row after `header`, is known to be a
 * survey platform's second header row (isSubHeaderRow): a column of a SurveyMonkey question of
 * several columns is named by the question's text, " — " (an em dash between spaces) and its
 * label in that row ("How satisfied are you with… — Delivery"); every other column keeps its
 * header (a question of one column, a metadata column, a Qualtrics export's every column).
 * @example columnNames(['Rate us', '', 'Id'], ['Delivery', 'Price', '']) // ['Rate us — Delivery', 'Rate us — Price', 'Id']
 */
export function columnNames(header: readonly string[], subHeader: readonly string[]): string[] {
  const names = header.map((h) => h.trim());
  if (subHeader.some((c) => isImportId(c.trim()))) return names;
  const questions = questionsOf(names);
  return names.map((name, i) => {
    const label = (subHeader[i] ?? '').trim();
    const question = questions[i];
    if (label === '' || isResponseLabel(label) || !question?.spans) return name;
    return `${question.text} — ${label}`;
  });
}

/** A Qualtrics ImportId cell ({"ImportId":"QID1"}). */
function isImportId(cell: string): boolean {
  return /^\{\s*"ImportId"\s*:/.test(cell);
}

/** "Response" or "Open-Ended Response": SurveyMonkey's word under a question's answer. */
function isResponseLabel(cell: string): boolean {
  return /^(open-ended )?response$/i.test(cell);
}

/**
 * For each column, the question it stands under in a SurveyMonkey header: the nearest filled
 * cell at or before it, and whether that question spans several columns (the cell after its
 * first is empty). A column before any filled cell (a spreadsheet's row-index column) stands
 * under none, so an empty first header never makes a data row look like labels.
 */
function questionsOf(header: readonly string[]): Array<{ text: string; spans: boolean } | null> {
  const questions: Array<{ text: string; spans: boolean } | null> = [];
  let current: { text: string; spans: boolean } | null = null;
  header.forEach((cell, i) => {
    const text = cell.trim();
    if (text !== '')
      current = { text, spans: i + 1 < header.length && header[i + 1]!.trim() === '' };
    questions.push(current);
  });
  return questions;
}

/**
 * The first `count` records of a file, as text: what is read of a file before reading it
 * (the records must lie in its first 64 KiB).
 */
export function headRecords(path: string, delimiter: string, count: number): string[][] {
  const records: string[][] = [];
  const scanner = new CsvScanner(delimiter, (record) => {
    if (records.length < count) records.push(record.fields());
  });
  scanner.push(readHead(path, 1 << 16));
  return records;
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

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Watches a UTF-8 byte stream for invalid sequences without decoding it: each chunk is checked
 * up to its last whole character, the few bytes of a character cut by the chunk's end with the
 * next chunk.
 */
class Utf8Watch {
  invalid = false;
  private carry: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    if (this.invalid) return;
    const whole = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = lastCharacterStart(whole);
    this.invalid = !isUtf8(whole.subarray(0, cut));
    this.carry = Buffer.from(whole.subarray(cut));
  }

  end(): void {
    if (!this.invalid && this.carry.length > 0) this.invalid = !isUtf8(this.carry);
  }
}

/**
 * Where the last character of `bytes` starts when it may be incomplete: the last lead byte within
 * the final four bytes; bytes.length when the buffer ends on an ASCII byte.
 */
function lastCharacterStart(bytes: Buffer): number {
  const length = bytes.length;
  if (length === 0 || bytes[length - 1]! < 0x80) return length;
  for (let i = length - 1; i >= Math.max(0, length - 4); i--) {
    const b = bytes[i]!;
    if (b >= 0xc0) return i; // a lead byte: its character may continue in the next chunk
    if (b < 0x80) return i + 1;
  }
  return length; // four continuation bytes in a row: invalid anyway, let isUtf8 see them
}

/**
 * Reads `path`, calling `onHeader` once and `onRecord` per data record (the record object is
 * reused: read it inside the callback). A survey platform's second header row (isSubHeaderRow)
 * is no record: `onHeader` is called once it is seen, with the columns it names (columnNames).
 * @param displayPath the path shown in diagnostics
 * @param hash false when the caller hashes the file elsewhere (e.g. on another thread)
 */
export async function readCsv(
  path: string,
  displayPath: string,
  format: CsvFormat,
  onHeader: (header: string[]) => void,
  onRecord: (record: CsvRecord, row: number) => void,
  hash = true,
): Promise<CsvReadResult> {
  const diagnostics = new DiagnosticCollector();
  const encoding = format.encoding === 'latin1' ? 'windows-1252' : format.encoding;
  const headText = new TextDecoder(encoding).decode(readHead(path, 65536));
  const headerLine = headText.split(/\r?\n/)[format.headerRow - 1] ?? '';
  const delimiter = format.delimiter ?? detectDelimiter(headerLine);

  const hasher = hash ? createHash('sha256') : null;
  // Single-byte encodings are turned into UTF-8 chunk by chunk (no character spans two chunks).
  const transcoder = encoding === 'utf-8' ? null : new TextDecoder(encoding);
  const utf8 = encoding === 'utf-8' ? new Utf8Watch() : null;
  let header: string[] | null = null;
  let headerCalled = false;
  let recordIndex = 0; // 1-based index of non-blank records, header row included
  let records = 0;
  let badBytes: {
    row: number;
    column: number;
    value: string;
    count: number;
    raw: Buffer;
  } | null = null;
  // Cells of a single-byte file whose text shows another encoding (its bytes are all valid).
  const misread = transcoder ? new MisreadingTally() : null;

  const onScanned = (record: CsvRecord) => {
    recordIndex += 1;
    if (record.quoteError) {
      const row = recordIndex;
      diagnostics.report('unclosed-quote', displayPath, () =>
        diagnostic('unclosed-quote', {
          file: displayPath,
          row,
          message:
            'a quoted field starts in this row and is never closed properly, so the rows after it are swallowed into one cell',
          hint: 'close the quote, or double any quote character inside a quoted field ("")',
        }),
      );
    }
    if (recordIndex < format.headerRow) return;
    if (recordIndex === format.headerRow) {
      // Named once the next row is seen: a survey platform's second header row names some
      // columns (a SurveyMonkey question of several columns).
      header = record.fields().map((h) => h.trim());
      return;
    }
    if (recordIndex === format.headerRow + 1) {
      const cells = record.fields();
      const second = isSubHeaderRow(cells, header!);
      if (second) header = columnNames(header!, cells);
      onHeader(header!);
      headerCalled = true;
      if (second) return;
    }
    let blank = true;
    for (let i = 0; i < record.count && blank; i++) blank = record.isBlank(i);
    if (blank) return;
    records += 1;
    // Only a file with invalid bytes pays for decoding every cell to find them.
    if (utf8?.invalid) {
      for (let i = 0; i < record.count; i++) {
        const text = record.text(i);
        if (!text.includes('\uFFFD')) continue;
        if (badBytes) badBytes.count += 1;
        else {
          const raw = Buffer.from(record.bytes.subarray(record.starts[i], record.ends[i]));
          badBytes = { row: recordIndex, column: i, value: text, count: 1, raw };
        }
      }
    }
    if (misread) {
      for (let i = 0; i < record.count; i++)
        if (hasNonAscii(record, i)) misread.check(record.text(i), recordIndex, i);
    }
    onRecord(record, recordIndex);
  };

  const scanner = new CsvScanner(delimiter, onScanned);
  let first = true;
  for await (const data of fileChunks(path)) {
    let chunk = data;
    hasher?.update(chunk);
    if (transcoder) chunk = Buffer.from(transcoder.decode(chunk, { stream: true }), 'utf8');
    else if (first && chunk.subarray(0, 3).equals(BOM)) chunk = chunk.subarray(3);
    first = false;
    utf8?.push(chunk);
    scanner.push(chunk);
  }
  if (transcoder) scanner.push(Buffer.from(transcoder.decode(), 'utf8'));
  utf8?.end();
  scanner.end();
  // A file of a header and no rows.
  const onlyHeader = headerCalled ? null : (header as string[] | null);
  if (onlyHeader) onHeader(onlyHeader);

  const columnName = (i: number) => (header as string[] | null)?.[i] ?? `column ${i + 1}`;
  const bad = badBytes as {
    row: number;
    column: number;
    value: string;
    count: number;
    raw: Buffer;
  } | null;
  if (bad) {
    const cp850 = cp850Misread(asWindows1252(bad.raw));
    diagnostics.push(
      diagnostic('invalid-encoding', {
        file: displayPath,
        row: bad.row,
        column: columnName(bad.column),
        value: bad.value,
        message: `${bad.count} cell(s) hold bytes that are not valid ${format.encoding} (shown as �)${cp850 ? `; they read as DOS code page 850 (CP850): "${cp850}"` : ''}`,
        hint: cp850
          ? CP850_FIX
          : 'the file is probably in another encoding (often windows-1252): set "format": { "encoding": "windows-1252" } for this table in manifest.json, or re-export it as UTF-8',
      }),
    );
  }
  const { utf8: asUtf8, cp850: asCp850 } = misread ?? { utf8: null, cp850: null };
  if (asUtf8) {
    diagnostics.push(
      diagnostic('encoding-mismatch', {
        file: displayPath,
        row: asUtf8.row,
        column: columnName(asUtf8.column),
        value: asUtf8.text,
        message: `${asUtf8.count} cell(s) read as ${format.encoding} spell UTF-8 characters in two or three letters ("${asUtf8.text}" is "${asUtf8.repaired}" in UTF-8): the file is most likely UTF-8`,
        hint: 'set "format": { "encoding": "utf-8" } for this table in manifest.json (or remove "encoding": UTF-8 is the default)',
      }),
    );
  }
  if (asCp850) {
    diagnostics.push(
      diagnostic('encoding-mismatch', {
        file: displayPath,
        row: asCp850.row,
        column: columnName(asCp850.column),
        value: asCp850.text,
        message: `${asCp850.count} cell(s) read as ${format.encoding} put symbols inside words ("${asCp850.text}" is "${asCp850.repaired}" in DOS code page 850): the file is most likely CP850`,
        hint: CP850_FIX,
      }),
    );
  }
  return {
    sha256: hasher?.digest('hex') ?? null,
    records,
    delimiter,
    header,
    diagnostics: diagnostics.list(),
  };
}

/** Field i holds a byte beyond ASCII (a character the encoding checks look at). */
function hasNonAscii(record: CsvRecord, i: number): boolean {
  const bytes = record.bytes;
  for (let p = record.starts[i]!; p < record.ends[i]!; p++) if (bytes[p]! >= 0x80) return true;
  return false;
}

/** What to do with a CP850 file, which the manifest cannot declare. */
const CP850_FIX =
  'convert the file to UTF-8 (e.g. `iconv -f CP850 -t UTF-8 in.csv > out.csv`, or re-export it as UTF-8) and set "format": { "encoding": "utf-8" }: code page 850 cannot be declared';

/**
 * Bytes a file is hashed by at a time when nothing scans them: each read has a fixed cost, and
 * no cache needs them as small as the scanner's chunks.
 */
const HASH_BLOCK_BYTES = 1 << 20;

/** sha256 of a file's bytes, hex (what readCsv reports when it hashes). */
export async function hashFile(path: string): Promise<string> {
  const hasher = createHash('sha256');
  for await (const chunk of fileChunks(path, HASH_BLOCK_BYTES)) hasher.update(chunk);
  return hasher.digest('hex');
}

/**
 * `hashFile` without yielding: the same sha256 (hex) read in one go. A build that
 * checks every snapshot's files against its cache (reading/snapshot-identity.ts) runs inside
 * Astro, whose own work would otherwise run in every pause of the stream and be counted as the
 * data phase's.
 */
export function hashFileSync(path: string): string {
  const hasher = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const block = Buffer.alloc(HASH_BLOCK_BYTES);
    for (let read = readSync(fd, block); read > 0; read = readSync(fd, block))
      hasher.update(block.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hasher.digest('hex');
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
