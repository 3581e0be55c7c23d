import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { reportsLoader } from './reports-loader.ts';

/** A reports folder under `root` holding one report, 2026-Q2/v1.mdx. */
function reportsFolder(root: string, name: string, title: string): string {
  mkdirSync(join(root, name, '2026-Q2'), { recursive: true });
  writeFileSync(join(root, name, '2026-Q2', 'v1.mdx'), `---\ntitle: ${title}\n---\n\nText.\n`);
  return name;
}

/** What Astro hands a loader, kept between syncs as Astro keeps it: one store, one meta. */
function astroContext(root: string) {
  const entries = new Map<
    string,
    { id: string; data: unknown; filePath?: string; digest?: string }
  >();
  const store = {
    get: (id: string) => entries.get(id),
    set: (entry: { id: string; data: unknown; filePath?: string; digest?: string }) => {
      entries.set(entry.id, entry);
      return true;
    },
    keys: () => [...entries.keys()],
    values: () => [...entries.values()],
    entries: () => [...entries.entries()],
    delete: (id: string) => void entries.delete(id),
    clear: () => entries.clear(),
    has: (id: string) => entries.has(id),
    addModuleImport: () => {},
    addAssetImports: () => {},
  };
  const warn = vi.fn();
  const context = {
    collection: 'reports',
    store,
    meta: new Map<string, string>(),
    logger: { warn, error: vi.fn(), info: vi.fn(), debug: vi.fn(), label: 'reports' },
    config: { root: pathToFileURL(`${root}/`), srcDir: pathToFileURL(`${root}/src/`) },
    parseData: async ({ data }: { data: unknown }) => data,
    generateDigest: (text: string) => String(text.length) + text.slice(0, 40),
    entryTypes: new Map([
      [
        '.mdx',
        {
          getEntryInfo: ({ contents }: { contents: string }) => ({
            data: { title: /title: (.*)/.exec(contents)?.[1] },
            body: contents,
          }),
        },
      ],
    ]),
  };
  return { context, entries, warn };
}

describe('reportsLoader', () => {
  it('loads the reports of the folder it is given, under ids written as the paths are', async () => {
    const root = mkdtempSync(join(tmpdir(), 'reports-loader-'));
    const { context, entries } = astroContext(root);
    await reportsLoader(reportsFolder(root, 'reports', 'Demo')).load(context as never);
    expect([...entries.keys()]).toEqual(['2026-Q2/v1']);
    expect(entries.get('2026-Q2/v1')!.data).toEqual({ title: 'Demo' });
  });

  it('starts from an empty store when the folder changed: no other site’s report, no duplicate warning', async () => {
    const root = mkdtempSync(join(tmpdir(), 'reports-loader-'));
    const fixture = reportsFolder(root, 'fixture-reports', 'Fixture');
    const demo = reportsFolder(root, 'reports', 'Demo');
    const { context, entries, warn } = astroContext(root);
    await reportsLoader(fixture).load(context as never);
    expect(entries.get('2026-Q2/v1')!.data).toEqual({ title: 'Fixture' });
    await reportsLoader(demo).load(context as never);
    expect(warn).not.toHaveBeenCalled();
    expect(entries.get('2026-Q2/v1')!.data).toEqual({ title: 'Demo' });
    expect(entries.get('2026-Q2/v1')!.filePath).toBe('reports/2026-Q2/v1.mdx');
  });
});
