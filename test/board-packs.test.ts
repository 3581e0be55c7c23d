import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasChromium } from './browser.ts';
import { buildSite, FIXTURE_SITE } from './build-site.ts';

const data = join(FIXTURE_SITE, 'data');
const reports = join(FIXTURE_SITE, 'reports');
const pack = (site: string, period: string) =>
  readFileSync(join(site, 'reports', period, 'v1', 'board-pack.pdf'));

describe.skipIf(!hasChromium)('board packs printed by the build', { timeout: 180_000 }, () => {
  it('are kept between builds while their page is unchanged, and printed again when it changes', () => {
    const cache = mkdtempSync(join(tmpdir(), 'board-pack-cache-'));
    const env = { REVIEW_BOARD_PACKS: 'yes', ASTRO_CACHE_DIR: cache };
    const first = buildSite(data, reports, env);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain('board packs: 2 (A4; 0 kept from an earlier build, 2 printed)');
    const again = buildSite(data, reports, env);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain('board packs: 2 (A4; 2 kept from an earlier build, 0 printed)');
    for (const period of ['2026-Q1', '2026-Q2'])
      expect(pack(again.outDir, period).equals(pack(first.outDir, period))).toBe(true);
    // Another site title is on every page: each pack is printed again, with it.
    const retitled = buildSite(data, reports, { ...env, REVIEW_SITE_TITLE: 'Board review' });
    expect(retitled.code, retitled.output).toBe(0);
    expect(retitled.output).toContain(
      'board packs: 2 (A4; 0 kept from an earlier build, 2 printed)',
    );
  });
});
