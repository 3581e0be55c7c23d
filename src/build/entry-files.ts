/**
 * The files the `reviews` collection's entries live in (contracts/collection-schemas.ts says why
 * the content store holds references, not the entries): one file per entry, named by the sha256
 * of its text, in a folder the build owns beside the snapshot cache. The loader writes an entry
 * only after validating it; a reader checks the text against the digest its reference records,
 * so a page renders from exactly the validated text or the build stops.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntryRef, ReviewsEntry } from '../contracts/collection-schemas.ts';
import { DataValidationError } from './data-validation-error.ts';
import { isWriteUnderWay, textDigest, writeWhole } from './snapshot-cache.ts';

/** The folder of the entries' files inside a data folder's cache folder (`dataCacheDir`). */
export function entryFilesDir(dataCache: string): string {
  return join(dataCache, 'entries');
}

/**
 * Writes an entry's text (already validated) unless its file is there, and returns its reference.
 * Files are named by their text's digest, so an existing file holds that text.
 */
export function writeEntryFile(dir: string, kind: EntryRef['kind'], text: string): EntryRef {
  const sha256 = textDigest(text);
  const file = join(dir, `${kind}-${sha256}.json`);
  if (!existsSync(file)) writeWhole(file, (partial) => writeFileSync(partial, text));
  return { kind, file, sha256 };
}

/** Whether an entry's file is still there (another build may have removed it). */
export function entryFileExists(ref: EntryRef): boolean {
  return existsSync(ref.file);
}

/**
 * Removes the files of `dir` that no entry refers to any more (earlier states of the data), and
 * not another process's file being written.
 * @param kept the files still referred to
 */
export function removeOtherEntryFiles(dir: string, kept: ReadonlySet<string>): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (!kept.has(file) && !isWriteUnderWay(name)) rmSync(file, { force: true });
  }
}

/**
 * An entry from its file, as the loader validated it.
 * @throws DataValidationError when the file is gone or its text is not the one referred to (the
 *   build's cache changed under it): the build stops rather than render other figures
 */
export function readEntryFile(ref: EntryRef): ReviewsEntry {
  let text: string;
  try {
    text = readFileSync(ref.file, 'utf8');
  } catch (error) {
    throw changedUnderBuild(ref, `it cannot be read (${(error as Error).message})`);
  }
  if (textDigest(text) !== ref.sha256) throw changedUnderBuild(ref, 'its contents changed');
  const entry = JSON.parse(text) as ReviewsEntry;
  if (entry.kind !== ref.kind) throw changedUnderBuild(ref, `it holds a ${entry.kind} entry`);
  return entry;
}

function changedUnderBuild(ref: EntryRef, what: string): DataValidationError {
  return new DataValidationError(
    `The build's data cache changed while it ran; nothing was built.\nerror ${ref.file}: ${what} — run the build again (another build or \`astro dev\` on the same data may have replaced it)`,
  );
}
