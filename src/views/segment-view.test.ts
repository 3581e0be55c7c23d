import { describe, expect, it } from 'vitest';
import type { HistoryFigures } from '../contracts/figures-schema.ts';
import { levelSlug, listSegments } from './segment-view.ts';

describe('levelSlug(level)', () => {
  it('writes a plain level as its words', () => {
    expect(levelSlug('Public sector')).toBe('public-sector');
    expect(levelSlug('Month-to-month')).toBe('month-to-month');
    expect(levelSlug('SMB')).toBe('smb');
  });

  it('gives every other level its words and a hash, so levels a slug would merge keep their own pages', () => {
    expect(levelSlug('SMB <img src=x>')).toMatch(/^smb-img-src-x-[0-9a-f]{8}$/);
    expect(levelSlug('Île-de-France')).toMatch(/^ile-de-france-[0-9a-f]{8}$/);
    expect(levelSlug('客户')).toMatch(/^level-[0-9a-f]{8}$/);
    const levels = [
      '华东',
      '华南',
      'A+B',
      'A/B',
      'A B',
      'Ile de France',
      'Île-de-France',
      'Öl',
      'Ol',
    ];
    expect(new Set(levels.map((level) => levelSlug(level))).size).toBe(levels.length);
    for (const level of levels) expect(levelSlug(level)).toMatch(/^[a-z0-9-]+$/);
  });

  it('keeps a long level within a file name, distinct from another with the same start', () => {
    const start = 'A very long customer group name '.repeat(10);
    const a = levelSlug(`${start}north`);
    const b = levelSlug(`${start}south`);
    expect(a.length).toBeLessThanOrEqual(69);
    expect(a).toMatch(/^a-very-long-customer-group-name-[a-z0-9-]*-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });
});

describe('listSegments(history)', () => {
  it('gives each level of a dimension its own page, plain levels with the same words included', () => {
    const levels = ['Month-to-month', 'Month to month', 'One year', '华东', '华南'];
    const history = {
      segments: { contract: { label: 'Contract', levels } },
    } as unknown as HistoryFigures;
    const slugs = listSegments(history).map((s) => s.slug);
    expect(new Set(slugs).size).toBe(levels.length);
    expect(slugs[2]).toBe('one-year');
    expect(slugs[0]).toMatch(/^month-to-month-[0-9a-f]{8}$/);
  });
});
