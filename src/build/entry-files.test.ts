import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntryRefSchema } from '../contracts/collection-schemas.ts';
import {
  entryFileExists,
  readEntryFile,
  removeOtherEntryFiles,
  writeEntryFile,
} from './entry-files.ts';

const explore = (id: string) => JSON.stringify({ kind: 'explore', explore: { id, format: 1 } });

describe('entry files', () => {
  it('an entry is written once, under its digest, and read back as written', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'entries-')), 'entries');
    const text = explore('2026-Q1');
    const ref = writeEntryFile(dir, 'explore', text);
    expect(EntryRefSchema.parse(ref)).toEqual(ref);
    expect(basename(ref.file)).toBe(`explore-${ref.sha256}.json`);
    expect(readFileSync(ref.file, 'utf8')).toBe(text);
    expect(readEntryFile(ref)).toEqual(JSON.parse(text));
    expect(writeEntryFile(dir, 'explore', text)).toEqual(ref);
    expect(readdirSync(dir)).toHaveLength(1);
    expect(writeEntryFile(dir, 'explore', explore('2026-Q2')).sha256).not.toBe(ref.sha256);
  });

  it('a file changed, removed or of another kind stops the build with the file named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'entries-'));
    const ref = writeEntryFile(dir, 'explore', explore('2026-Q1'));
    writeFileSync(ref.file, explore('2026-Q9'));
    expect(() => readEntryFile(ref)).toThrow(/data cache changed[\s\S]*contents changed/);
    expect(() => readEntryFile({ ...ref, file: join(dir, 'gone.json') })).toThrow(
      /gone\.json: it cannot be read/,
    );
    expect(entryFileExists({ ...ref, file: join(dir, 'gone.json') })).toBe(false);
    const other = writeEntryFile(dir, 'explore', explore('2026-Q3'));
    expect(() => readEntryFile({ ...other, kind: 'review' })).toThrow(/holds a explore entry/);
    try {
      readEntryFile(ref);
    } catch (error) {
      expect((error as Error).name).toBe('DataValidationError');
    }
  });

  it('files no entry refers to are removed; another process’s file being written is not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'entries-'));
    const keep = writeEntryFile(dir, 'explore', explore('2026-Q1'));
    const old = writeEntryFile(dir, 'explore', explore('2026-Q0'));
    // A running process's write (this one's pid stands for it), and one whose process is gone.
    const writing = join(dir, `${basename(old.file)}.${process.pid}.partial`);
    const leftOver = join(dir, `${basename(old.file)}.${spawnSync('true').pid}.partial`);
    writeFileSync(writing, '{');
    writeFileSync(leftOver, '{');
    removeOtherEntryFiles(dir, new Set([keep.file]));
    expect(existsSync(keep.file)).toBe(true);
    expect(existsSync(old.file)).toBe(false);
    expect(existsSync(writing)).toBe(true);
    expect(existsSync(leftOver)).toBe(false);
    removeOtherEntryFiles(join(dir, 'none'), new Set());
  });
});
