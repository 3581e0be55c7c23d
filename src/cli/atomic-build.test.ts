import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAtomically } from './atomic-build.ts';

/** A project folder with a published site holding one page. */
function published(): { root: string; site: string; scratch: string } {
  const root = mkdtempSync(join(tmpdir(), 'atomic-'));
  const site = join(root, 'dist');
  mkdirSync(join(site, 'reports'), { recursive: true });
  writeFileSync(join(site, 'index.html'), 'previous site');
  writeFileSync(join(site, 'reports/old.html'), 'previous report');
  return { root, site, scratch: join(root, '.astro') };
}

describe('buildAtomically(target, scratch, build)', () => {
  it('replaces the previous site with the finished one and leaves nothing beside it', async () => {
    const { root, site, scratch } = published();
    await buildAtomically(site, scratch, async (out) => {
      writeFileSync(join(out, 'index.html'), 'new site');
    });
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toBe('new site');
    expect(existsSync(join(site, 'reports/old.html'))).toBe(false);
    expect(readdirSync(root).sort()).toEqual(['.astro', 'dist']);
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('a build that fails half-way leaves the previous site as it was and no staging folder', async () => {
    const { root, site, scratch } = published();
    const failure = buildAtomically(site, scratch, async (out) => {
      writeFileSync(join(out, 'index.html'), 'half-written');
      mkdirSync(join(out, '.prerender'));
      throw new Error('the data has an error');
    });
    await expect(failure).rejects.toThrow('the data has an error');
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toBe('previous site');
    expect(readFileSync(join(site, 'reports/old.html'), 'utf8')).toBe('previous report');
    expect(readdirSync(root).sort()).toEqual(['.astro', 'dist']);
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('creates the site folder when there was none', async () => {
    const root = mkdtempSync(join(tmpdir(), 'atomic-'));
    await buildAtomically(join(root, 'out/site'), join(root, '.astro'), async (out) => {
      writeFileSync(join(out, 'index.html'), 'first site');
    });
    expect(readFileSync(join(root, 'out/site/index.html'), 'utf8')).toBe('first site');
  });
});
