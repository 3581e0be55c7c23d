/**
 * In `astro dev`, no page is served with figures older than the data. When a file under the
 * data folder changes, the reviews loader runs again (Astro's `refreshContent`, which returns
 * once the content store is written and the pages' modules are invalidated); it reads only the
 * snapshots that changed (build/snapshot-cache.ts). A page asked for meanwhile waits for it, and
 * past `WAIT_MS` is answered 503 "Recomputing…" with a page that reloads itself. A request that
 * comes before the file watcher has reported a change (it lags a write) finds it too: the data
 * folder's files (path, size, modified time, and the contents of those modified within a tick of
 * the file system's clock of the last run) are compared with those of the last run. If the data
 * then has an error, every page answers 500 with the report, never the last good figures as if
 * current, until the data is fixed.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REVIEWS_LOADER, reviewsLoaderRuns } from '../build/reviews-loader.ts';
import { siteSettings } from '../site-settings.ts';

/** How long a page waits for its figures before it is answered "Recomputing…". */
const WAIT_MS = 15_000;

/**
 * How long a refresh keeps asking Astro to run the loader when it answers without running it
 * (it does while it reloads the content config), and how often.
 */
const UNRUN_MS = 30_000;
const RETRY_MS = 100;

/**
 * How long after a file's modified time another write may leave that time unchanged: file
 * systems keep times to a clock tick, some to a second or two.
 */
const TIME_GRAIN_MS = 2_000;

/** A file's size and modified time. */
interface FileStat {
  size: number;
  mtimeMs: number;
}

/** The data folder as last read: each file's size and modified time. */
interface DataState {
  files: Map<string, FileStat>;
  /** The contents' digests of files modified within TIME_GRAIN_MS of the read (git's "racy" files). */
  racy: Map<string, string>;
}

/** Every file under `dir` with its size and modified time. */
function listFiles(dir: string): Map<string, FileStat> {
  const entries = new Map<string, FileStat>();
  const walk = (folder: string) => {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      // A folder removed while it is listed: the next change event lists again.
      return;
    }
    for (const name of names.sort()) {
      const path = join(folder, name);
      try {
        const stat = statSync(path);
        if (stat.isDirectory()) walk(path);
        else entries.set(relative(dir, path), { size: stat.size, mtimeMs: stat.mtimeMs });
      } catch {
        // Removed between the listing and the stat: as if not listed.
      }
    }
  };
  walk(dir);
  return entries;
}

const digest = (dir: string, file: string): string => {
  try {
    return createHash('sha256')
      .update(readFileSync(join(dir, file)))
      .digest('hex');
  } catch {
    return 'unreadable';
  }
};

/**
 * The data folder now. A file modified just before this moment could be written again within the
 * same tick of its file system's clock, keeping its size and time: its contents are digested.
 */
function dataState(dir: string): DataState {
  const at = Date.now();
  const files = listFiles(dir);
  const racy = new Map<string, string>();
  for (const [file, stat] of files)
    if (stat.mtimeMs >= at - TIME_GRAIN_MS) racy.set(file, digest(dir, file));
  return { files, racy };
}

/** Whether the data folder differs from `seen`: a file added, removed, resized, retimed, or rewritten. */
function differs(dir: string, seen: DataState): boolean {
  const now = listFiles(dir);
  if (now.size !== seen.files.size) return true;
  for (const [file, stat] of now) {
    const before = seen.files.get(file);
    if (before?.size !== stat.size || before.mtimeMs !== stat.mtimeMs) return true;
  }
  for (const [file, hash] of seen.racy) {
    if (digest(dir, file) !== hash) return true;
    // Unchanged a whole tick after its time: a later write would show in the time.
    if (Date.now() > seen.files.get(file)!.mtimeMs + TIME_GRAIN_MS) seen.racy.delete(file);
  }
  return false;
}

/** Whether a request is for a page or a data download (not a script, style or module). */
function isPage(url: string | undefined): boolean {
  const path = (url ?? '/').split('?')[0]!;
  if (/^\/(@|node_modules\/|_astro\/|src\/|\.astro\/)/.test(path)) return false;
  return !/\.[a-z0-9]+$/i.test(path) || /\.(html|json|csv)$/i.test(path);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page with a title and a text, both shown as text. */
function page(title: string, text: string, reload: boolean): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${reload ? '<meta http-equiv="refresh" content="1">' : ''}</head><body><h1>${escapeHtml(title)}</h1><pre>${escapeHtml(text)}</pre></body></html>`;
}

/** The integration; `astro build` does not use it (a build reads the data once). */
export function dataRefreshIntegration(): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'satisfaction-review:data-refresh',
    hooks: {
      'astro:config:setup': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:server:setup': ({ server, refreshContent, logger }) => {
        if (!refreshContent) return;
        const refreshReviews = refreshContent;
        const dataDir = resolve(root, siteSettings.dataDir);
        let seen = dataState(dataDir);
        let running: Promise<void> | null = null;
        let again = false;
        let failure: string | null = null;

        /** Runs the loader until the data it read is the data on disk. */
        const refresh = (): Promise<void> => {
          if (running) {
            again = true;
            return running;
          }
          running = (async () => {
            const since = Date.now();
            do {
              again = false;
              seen = dataState(dataDir);
              const runs = reviewsLoaderRuns();
              try {
                await refreshReviews({ loaders: [REVIEWS_LOADER] });
                failure = null;
              } catch (error) {
                failure = error instanceof Error ? error.message : String(error);
                logger.error(failure);
              }
              // Astro answered without running the loader: the figures are those of the data
              // before, so ask again (never serve them as current).
              if (failure === null && reviewsLoaderRuns() === runs) {
                if (Date.now() - since > UNRUN_MS) {
                  failure = `Astro did not run the data loader for ${UNRUN_MS / 1000} s after the data changed; restart \`npm run dev\`.`;
                  logger.error(failure);
                  break;
                }
                await new Promise((done) => setTimeout(done, RETRY_MS));
                again = true;
              }
            } while (again || differs(dataDir, seen));
          })().finally(() => {
            running = null;
          });
          return running;
        };
        const changed = () => !running && differs(dataDir, seen);

        server.watcher.add(dataDir);
        for (const event of ['add', 'change', 'unlink', 'unlinkDir'] as const) {
          server.watcher.on(event, (path: string) => {
            if ((resolve(path) === dataDir || resolve(path).startsWith(dataDir + sep)) && changed())
              void refresh();
          });
        }

        server.middlewares.use(
          async (request: IncomingMessage, response: ServerResponse, next: () => void) => {
            if (!isPage(request.url)) return next();
            if (changed()) void refresh();
            if (running) {
              let timer: NodeJS.Timeout | undefined;
              const late = new Promise((done) => (timer = setTimeout(done, WAIT_MS)));
              await Promise.race([running, late]);
              clearTimeout(timer);
            }
            if (running) {
              response.writeHead(503, {
                'content-type': 'text/html; charset=utf-8',
                'retry-after': '1',
              });
              response.end(
                page(
                  'Recomputing…',
                  `The data under ${siteSettings.dataDir}/ changed and its figures are being recomputed. This page reloads when they are current.`,
                  true,
                ),
              );
              return;
            }
            if (failure !== null) {
              response.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
              response.end(
                page(
                  'The data has errors',
                  `The figures were not recomputed, and no page is shown with the earlier ones. Fix the data; this page shows the site again once it loads.\n\n${failure}`,
                  false,
                ),
              );
              return;
            }
            next();
          },
        );
      },
    },
  };
}
