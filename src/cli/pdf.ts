/**
 * `npx review pdf`: one PDF per published report version, printed by Chromium from the built site
 * with the print stylesheet (A4, page numbers). Writes `dist/pdf/<snapshot>-v<N>.pdf` (and a
 * copy next to each version page) so the site can link them. Needs `npm run build` first.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/** Prints the published versions to PDF; see `npx review pdf --help`. */
export async function main(argv: readonly string[]): Promise<void> {
  const args = parseCommand('pdf', argv);
  if (!args) return;
  const { values } = args;
  const dist = resolve(values.dist);
  requireBuiltSite(dist, values.dist);
  const executablePath = findChromium();
  if (!executablePath) {
    throw new CliError(
      'PDF export needs Chromium, and none was found. Install it with your system package manager (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: install Google Chrome), or set CHROMIUM_PATH to its executable.',
    );
  }
  const pages = publishedVersionPages(dist);
  if (pages.length === 0) throw new CliError('No published report version in the built site.');
  const base = values.base.replace(/\/?$/, '/');
  const server = await serveStatic(dist, base);
  const browser = await launchChromium(executablePath);
  try {
    mkdirSync(join(dist, 'pdf'), { recursive: true });
    for (const { period, version } of pages) {
      const page = await browser.newPage();
      await page.goto(`${server.url}reports/${period}/${version}/`, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const file = join(dist, 'pdf', `${period}-${version}.pdf`);
      await page.pdf({
        path: file,
        format: 'A4',
        printBackground: true,
        margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate:
          '<div style="font-size:8px;width:100%;text-align:center;color:#555"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
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
