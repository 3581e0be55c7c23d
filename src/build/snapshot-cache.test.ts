import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedBytes, replaceEntry } from './snapshot-cache.ts';

const cachedText = (...args: Parameters<typeof cachedBytes>) =>
  Buffer.from(cachedBytes(...args)).toString('utf8');

describe('cachedBytes', () => {
  it('computes once per key, keeps one entry per name, and computes again what it cannot trust', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cached-text-')), 'pages');
    let computed = 0;
    const text = (key: string, value: string) =>
      cachedText(dir, 'explore-reference-2026-Q3', key, () => {
        computed++;
        return value;
      });
    expect(text('a', 'first')).toBe('first');
    expect(text('a', 'not computed')).toBe('first');
    expect(computed).toBe(1);
    // Another key (the data or the code changed): computed, and the old entry is gone.
    expect(text('b', 'second')).toBe('second');
    expect(computed).toBe(2);
    expect(readdirSync(dir)).toEqual(['explore-reference-2026-Q3-b.json']);
    // Another name keeps its own entry beside it.
    cachedText(dir, 'explore-reference-all', 'b', () => 'all');
    expect(readdirSync(dir).sort()).toEqual([
      'explore-reference-2026-Q3-b.json',
      'explore-reference-all-b.json',
    ]);
  });

  it('a folder it cannot write to costs the computation, not the build', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cached-text-')), 'a-file');
    writeFileSync(file, '');
    // The cache folder is a file: nothing can be written under it.
    expect(cachedText(join(file, 'pages'), 'name', 'k', () => 'computed')).toBe('computed');
    expect(existsSync(join(file, 'pages'))).toBe(false);
  });
});

describe('replaceEntry', () => {
  it('removes the earlier states of an entry, not another process’s write under way', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replace-entry-'));
    writeFileSync(join(dir, 'figures-old.json'), 'old');
    writeFileSync(join(dir, 'other-old.json'), 'another entry');
    // A running process's write (this one's pid stands for it), and one whose process is gone.
    const writing = `figures-next.json.${process.pid}.partial`;
    const leftOver = `figures-next.json.${spawnSync('true').pid}.partial`;
    writeFileSync(join(dir, writing), '{');
    writeFileSync(join(dir, leftOver), '{');
    replaceEntry(join(dir, 'figures-new.json'), 'figures-', (partial) =>
      writeFileSync(partial, 'new'),
    );
    expect(readdirSync(dir).sort()).toEqual(['figures-new.json', writing, 'other-old.json']);
  });
});
