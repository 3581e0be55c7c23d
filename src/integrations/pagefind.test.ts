import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchablePages } from './pagefind.ts';

describe('searchablePages', () => {
  it('hands Pagefind the pages that mark a search body, by their path in the site', () => {
    const site = mkdtempSync(join(tmpdir(), 'pagefind-pages-'));
    const page = (path: string, body: string) => {
      mkdirSync(join(site, path, '..'), { recursive: true });
      writeFileSync(join(site, path), body);
    };
    page('index.html', '<main>home</main>');
    page('reports/2026-Q1/index.html', '<main data-pagefind-body>first</main>');
    page('reports/2026-Q1/v1/index.html', '<main>as published</main>');
    page('reports/2026-Q2/index.html', '<main data-pagefind-body="">second</main>');
    page('data/2026-Q2/figures.json', '{"note":"data-pagefind-body"}');
    expect(searchablePages(site)).toEqual([
      {
        sourcePath: 'reports/2026-Q1/index.html',
        content: '<main data-pagefind-body>first</main>',
      },
      {
        sourcePath: 'reports/2026-Q2/index.html',
        content: '<main data-pagefind-body="">second</main>',
      },
    ]);
  });

  it("keeps neighbouring elements' words apart, as the compressed HTML does not", () => {
    const site = mkdtempSync(join(tmpdir(), 'pagefind-pages-'));
    writeFileSync(
      join(site, 'index.html'),
      '<main data-pagefind-body><table><tr><th>Customer group</th><th>Responses</th></tr></table>' +
        '<blockquote>Arrived late.</blockquote><p>Detractor</p></main>',
    );
    const [only] = searchablePages(site);
    const text = only!.content.replace(/<[^>]*>/g, '');
    expect(text).toContain('Customer group Responses');
    expect(text).toContain('Arrived late. Detractor');
  });

  it('leaves out the charts, whose SVG Pagefind does not index, and keeps the text around them', () => {
    const site = mkdtempSync(join(tmpdir(), 'pagefind-pages-'));
    writeFileSync(
      join(site, 'index.html'),
      '<main data-pagefind-body><p>NPS rose.</p><figure><svg viewBox="0 0 9 9"><text>Q1 2026</text>' +
        '<title>Q1 2026: 41.2</title></svg><figcaption>NPS by quarter</figcaption></figure>' +
        '<svg><path d="M0,0"/></svg><p>&lt;svg&gt; is text here.</p></main>',
    );
    const [only] = searchablePages(site);
    expect(only!.content).not.toContain('<svg');
    expect(only!.content).not.toContain('41.2');
    const text = only!.content.replace(/<[^>]*>/g, '');
    expect(text).toContain('NPS rose.');
    expect(text).toContain('NPS by quarter');
    expect(text).toContain('&lt;svg&gt; is text here.');
  });
});
