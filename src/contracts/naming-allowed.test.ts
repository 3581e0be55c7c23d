import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  baseManifest,
  SURVEY_HEADER,
  validRows,
  writeSnapshot,
} from '../../test/snapshot-builder.ts';
import { readManifest } from '../reading/read-manifest.ts';
import { namingAllowed } from './naming-allowed.ts';

const Schema = z.strictObject({
  scale: z.array(z.number()),
  format: z.strictObject({ encoding: z.enum(['utf-8', 'windows-1252', 'latin1']) }),
});

describe('namingAllowed', () => {
  it('an unknown key names the keys its object takes and the closest one', () => {
    const result = Schema.safeParse(
      { scale: [1, 5], format: { encoding: 'utf-8', encodng: 'x' } },
      { error: namingAllowed },
    );
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'format',
        'unknown key "encodng" (did you mean "encoding"?); the keys allowed here are encoding',
      ],
    ]);
  });

  it('a value outside a list names the list and the closest value', () => {
    const result = Schema.safeParse(
      { scale: [1, 5], format: { encoding: 'utf8' } },
      { error: namingAllowed },
    );
    expect(result.error!.issues[0]!.message).toBe(
      '"utf8" is not allowed (did you mean "utf-8"?); use one of "utf-8", "windows-1252", "latin1"',
    );
  });

  it('leaves other issues to zod', () => {
    const result = Schema.safeParse(
      { scale: 'x', format: { encoding: 'latin1' } },
      { error: namingAllowed },
    );
    expect(result.error!.issues[0]!.message).toMatch(/^Invalid input: expected array/);
  });
});

describe('readManifest with a misspelt key', () => {
  it('points at the unknown key’s own line and lists the keys the item takes', () => {
    const manifest = baseManifest('2026-Q1');
    (manifest.items as Record<string, Record<string, unknown>>).recommend!.rol = 'recommend';
    const { dir } = writeSnapshot(
      { 'survey.csv': [SURVEY_HEADER, ...validRows(3)].join('\n') },
      manifest,
    );
    const read = readManifest(dir, 'data/2026-Q1');
    const [problem] = read.diagnostics;
    expect(problem).toMatchObject({ id: 'manifest-invalid', column: 'items.recommend' });
    expect(problem!.message).toMatch(
      /^unknown key "rol" \(did you mean "role"\?\); the keys allowed here are label, scale, .*role/,
    );
    const text = JSON.stringify(manifest, null, 2).split('\n');
    expect(text[problem!.row! - 1]).toContain('"rol"');
  });
});
