import { describe, expect, it } from 'vitest';
import { levelSlug } from './segment-view.ts';

describe('levelSlug(level)', () => {
  it('writes a short level as its words', () => {
    expect(levelSlug('Public sector')).toBe('public-sector');
    expect(levelSlug('SMB <img src=x>')).toBe('smb-img-src-x');
    expect(levelSlug('客户')).toBe('level');
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
