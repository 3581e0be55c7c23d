import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFileSync } from '../reading/csv-reader.ts';
import { FileStamps } from './file-stamps.ts';

/** Stamps whose clock reads `ahead` ms late, and a count of the files they read. */
function counted(file: string, ahead: number) {
  const reads: string[] = [];
  const stamps = new FileStamps(file, {
    hashFile: (path) => {
      reads.push(path);
      return hashFileSync(path);
    },
    now: () => Date.now() + ahead,
  });
  return { stamps, reads };
}

describe('file stamps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stamps-'));
  const store = join(dir, 'stamps.json');

  it('reuse a settled file’s digest, within a build and in the next one, and see an edit that keeps size and mtime', () => {
    const data = join(dir, 'survey.csv');
    writeFileSync(data, 'id,score\n1,4\n');
    // A modification time of whole seconds, which can be put back exactly after the edit.
    const mtime = 1_700_000_000;
    utimesSync(data, mtime, mtime);
    const first = counted(store, 5000);
    const digest = first.stamps.hash(data);
    expect(digest).toBe(hashFileSync(data));
    expect(first.stamps.hash(data)).toBe(digest);
    expect(first.reads).toEqual([data]);
    first.stamps.save(true);

    const next = counted(store, 5000);
    expect(next.stamps.hash(data)).toBe(digest);
    expect(next.reads).toEqual([]);

    // Same size, the modification time put back: only the change time moves.
    writeFileSync(data, 'id,score\n1,5\n');
    utimesSync(data, mtime, mtime);
    expect(statSync(data, { bigint: true }).mtimeNs).toBe(BigInt(mtime) * 1_000_000_000n);
    const edited = next.stamps.hash(data);
    expect(edited).not.toBe(digest);
    expect(edited).toBe(hashFileSync(data));
    expect(next.reads).toEqual([data]);
  });

  it('hash a file changed less than a second before its hashing again next time', () => {
    const data = join(dir, 'orders.csv');
    writeFileSync(data, 'order,amount\nA,1\n');
    const { stamps, reads } = counted(join(dir, 'fresh.json'), 0);
    const digest = stamps.hash(data);
    expect(stamps.hash(data)).toBe(digest);
    expect(reads).toEqual([data, data]);
  });

  it('keep, after a pass over every snapshot, only the stamps of the files asked for', () => {
    const [a, b] = [join(dir, 'a.csv'), join(dir, 'b.csv')];
    writeFileSync(a, 'x\n1\n');
    writeFileSync(b, 'x\n2\n');
    const file = join(dir, 'pruned.json');
    const both = counted(file, 5000);
    both.stamps.hash(a);
    both.stamps.hash(b);
    both.stamps.save(true);
    const partial = counted(file, 5000);
    partial.stamps.hash(a);
    partial.stamps.save(false);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).stamps).sort()).toEqual([a, b]);
    partial.stamps.save(true);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).stamps)).toEqual([a]);
  });

  it('read stamps it cannot parse as none', () => {
    const data = join(dir, 'tickets.csv');
    writeFileSync(data, 'id\n1\n');
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"format": 1, "stamps": {"x": 3}');
    const { stamps, reads } = counted(file, 5000);
    expect(stamps.hash(data)).toBe(hashFileSync(data));
    expect(reads).toEqual([data]);
  });
});
