/**
 * `npx review pdf`: the board pack of every published report version, printed by Chromium from
 * the built site with the print stylesheet, written beside the version's page as
 * `dist/reports/<period>/v<N>/board-pack.pdf` (the page links to it). A4 by default, Letter with
 * `--format Letter`; a running header names the review and version, the footer numbers the
 * pages. Needs `npm run build` first.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BOARD_PACK } from '../views/paths.ts';
import { findChromium, launchChromium } from './chromium.ts';
import { serveStatic } from './static-server.ts';
import { CliError, nodeEffects, requireBuiltSite, runCli } from './cli-support.ts';
import { parseCommand } from './command-line.ts';

/** Published version pages in a built site: dist/reports/<period>/v<N>/index.html not marked draft. */
export function publishedVersionPages(dist: string): Array<{ period: string; version: string }> {
  const reports = join(dist, 'reports');
  if (!existsSync(reports)) return [];
  return readdirSync(reports, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((period) =>
      readdirSync(join(reports, period.name), { withFileTypes: true })
        .filter((v) => v.isDirectory() && /^v\d+$/.test(v.name))
        .filter((v) =>
          readFileSync(join(reports, period.name, v.name, 'index.html'), 'utf8').includes(
            'data-status="published"',
          ),
        )
        .map((v) => ({ period: period.name, version: v.name })),
    )
    .sort(
      (a, b) =>
        a.period.localeCompare(b.period) ||
        a.version.localeCompare(b.version, 'en', { numeric: true }),
    );
}

/**
 * Chromium's running header and footer. Their text comes from Chromium's own fields (the
 * page's title, which names the review and version, and the page numbers), never from data
 * pasted into markup here.
 */
export const HEADER_TEMPLATE =
  '<div style="font-size:8px;width:100%;padding:0 16mm;color:#4b535c;font-family:sans-serif"><span class="title"></span></div>';
export const FOOTER_TEMPLATE =
  '<div style="font-size:8px;width:100%;padding:0 16mm;text-align:right;color:#4b535c;font-family:sans-serif">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

const FORMATS = ['A4', 'Letter'] as const;

/** Prints the published versions to PDF; see `npx review pdf --help`. */
export async function main(argv: readonly string[]): Promise<void> {
  const args = parseCommand('pdf', argv);
  if (!args) return;
  const { values } = args;
  const format = FORMATS.find((f) => f.toLowerCase() === values.format.toLowerCase());
  if (!format) throw new CliError(`--format must be A4 or Letter, not "${values.format}".`, 2);
  const dist = resolve(values.dist);
  requireBuiltSite(dist, values.dist);
  const executablePath = findChromium();
  if (!executablePath) {
    throw new CliError(
      'PDF export needs Chromium, and none was found. Install it with your system package manager (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: install Google Chrome), or set CHROMIUM_PATH to its executable.',
    );
  }
  const pages = publishedVersionPages(dist).filter(
    (p) => values.period === undefined || p.period === values.period,
  );
  if (pages.length === 0)
    throw new CliError(
      values.period === undefined
        ? 'No published report version in the built site.'
        : `No published version of ${values.period} in the built site.`,
    );
  const base = values.base.replace(/\/?$/, '/');
  const server = await serveStatic(dist, base);
  const browser = await launchChromium(executablePath);
  try {
    for (const { period, version } of pages) {
      const page = await browser.newPage();
      await page.goto(`${server.url}reports/${period}/${version}/`, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print', colorScheme: 'light' });
      // Chromium prints its own running header here: the page's print header steps aside.
      await page.evaluate(() => document.documentElement.classList.add('pdf-export'));
      const file = join(dist, 'reports', period, version, BOARD_PACK);
      await page.pdf({
        path: file,
        format,
        printBackground: true,
        margin: { top: '18mm', bottom: '16mm', left: '16mm', right: '16mm' },
        displayHeaderFooter: true,
        headerTemplate: HEADER_TEMPLATE,
        footerTemplate: FOOTER_TEMPLATE,
      });
      await page.close();
      nodeEffects.out(`wrote ${file}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.main) await runCli('pdf', main);
