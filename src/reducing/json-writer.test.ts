import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeJsonFile } from './json-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'json-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text writeJsonFile writes for `value`. */
function written(value: unknown): string {
  const path = join(dir, 'out.json');
  writeJsonFile(path, value);
  return readFileSync(path, 'utf8');
}

function* numbers(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i / 3;
}

describe('writeJsonFile', () => {
  it('writes what JSON.stringify writes, an iterable as the array of its items', () => {
    const value = {
      text: 'quote " and \u2028 and é',
      nothing: null,
      skipped: undefined,
      list: [1, undefined, 'two', { nested: [true, false] }],
      date: new Date(0),
      empty: {},
    };
    expect(written(value)).toBe(`${JSON.stringify(value)}\n`);
    const streamed = { ids: new Set(['a', 'b']).values(), values: numbers(5) };
    const whole = { ids: ['a', 'b'], values: [...numbers(5)] };
    expect(written(streamed)).toBe(`${JSON.stringify(whole)}\n`);
  });

  it('writes a document larger than one piece whole', () => {
    const items = Array.from({ length: 200_000 }, (_, i) => `id-${i}`);
    expect(JSON.parse(written({ items: items.values() }))).toEqual({ items });
  });
});
