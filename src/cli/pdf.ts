/**
 * `npx review pdf`: the board pack of every published report version, printed by Chromium from
 * the built site with the print stylesheet, written beside the version's page as
 * `dist/reports/<period>/v<N>/board-pack.pdf`. A4 by default, Letter with `--format Letter`; a
 * running header names the review and version, the footer numbers the pages. `review build`
 * prints them on A4 already (printBoardPacks) when Chromium is there; this command prints again.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { replaceEntry } from '../build/snapshot-cache.ts';
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
type PaperFormat = (typeof FORMATS)[number];

/** What Chromium needs to print a built site's board packs. */
export interface BoardPackJob {
  /** The built site (or the build's staging folder). */
  dist: string;
  /** The base path the site was built for. */
  base: string;
  format: PaperFormat;
  /** Only this period's versions; every published one when absent. */
  period?: string;
  executablePath: string;
  /**
   * Where printed packs are kept between builds, by what decides them (the page, its styles and
   * scripts, the paper, the browser): a build that changed none of it copies the kept file.
   */
  cacheDir?: string;
}

/**
 * What a version's board pack is printed from, as one digest: its page's HTML, every style and
 * script of the site's own it loads, the paper, the running header and the browser.
 */
export function boardPackKey(dist: string, pagePath: string, job: BoardPackJob): string {
  const html = readFileSync(join(dist, pagePath, 'index.html'));
  const hash = createHash('sha256');
  hash.update(`${job.format}\0${job.executablePath}\0${HEADER_TEMPLATE}\0${FOOTER_TEMPLATE}\0`);
  hash.update(html);
  const assets = new Set(html.toString('utf8').match(/\/_astro\/[^"'\s)]+\.(?:css|js)/g) ?? []);
  for (const asset of [...assets].sort()) {
    const file = join(dist, asset.slice(1));
    hash.update(`\0${asset}\0`);
    if (existsSync(file)) hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/**
 * Prints the board pack of every published version in a built site, beside its page.
 * @returns the files written, and how many of them Chromium printed (the others were kept)
 */
export async function printBoardPacks(
  job: BoardPackJob,
): Promise<{ files: string[]; printed: number }> {
  const pages = publishedVersionPages(job.dist).filter(
    (p) => job.period === undefined || p.period === job.period,
  );
  const written: string[] = [];
  // Where each pack is kept, by the digest of what it is printed from (taken before printing).
  const jobs = pages.map(({ period, version }) => ({
    period,
    version,
    cached: job.cacheDir
      ? join(
          job.cacheDir,
          `${period}-${version}-${boardPackKey(job.dist, join('reports', period, version), job)}.pdf`,
        )
      : null,
  }));
  // Packs whose page, styles and browser are unchanged since a build printed them are copied.
  const toPrint = jobs.filter(({ period, version, cached }) => {
    if (!cached || !existsSync(cached)) return true;
    const file = join(job.dist, 'reports', period, version, BOARD_PACK);
    copyFileSync(cached, file);
    written.push(file);
    return false;
  });
  if (toPrint.length === 0) return { files: written, printed: 0 };
  const server = await serveStatic(job.dist, job.base.replace(/\/?$/, '/'));
  const browser = await launchChromium(job.executablePath);
  try {
    for (const { period, version, cached } of toPrint) {
      const page = await browser.newPage();
      await page.goto(`${server.url}reports/${period}/${version}/`, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print', colorScheme: 'light' });
      // Chromium prints its own running header here: the page's print header steps aside.
      await page.evaluate(() => document.documentElement.classList.add('pdf-export'));
      const file = join(job.dist, 'reports', period, version, BOARD_PACK);
      await page.pdf({
        path: file,
        format: job.format,
        printBackground: true,
        margin: { top: '18mm', bottom: '16mm', left: '16mm', right: '16mm' },
        displayHeaderFooter: true,
        headerTemplate: HEADER_TEMPLATE,
        footerTemplate: FOOTER_TEMPLATE,
      });
      await page.close();
      written.push(file);
      if (cached) keep(file, cached, `${period}-${version}-`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { files: written, printed: toPrint.length };
}

/** Keeps a printed pack under `cached`, in place of the version's earlier ones. */
function keep(file: string, cached: string, prefix: string): void {
  try {
    replaceEntry(cached, prefix, (partial) => copyFileSync(file, partial));
  } catch {
    // Not kept: the next build prints this pack again, nothing worse.
  }
}

/** The refusal when no Chromium is found, with how to get one. */
export const NO_CHROMIUM =
  'PDF export needs Chromium, and none was found. Install it with your system package manager (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: install Google Chrome), or set CHROMIUM_PATH to its executable.';

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
  if (!executablePath) throw new CliError(NO_CHROMIUM);
  const { files: written } = await printBoardPacks({
    dist,
    base: values.base,
    format,
    executablePath,
    ...(values.period === undefined ? {} : { period: values.period }),
  });
  if (written.length === 0)
    throw new CliError(
      values.period === undefined
        ? 'No published report version in the built site.'
        : `No published version of ${values.period} in the built site.`,
    );
  for (const file of written) nodeEffects.out(`wrote ${file}`);
}

if (import.meta.main) await runCli('pdf', main);
