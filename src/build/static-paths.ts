/**
 * The static paths of the pages and files made per period, shared by their routes, each with
 * the key Astro keeps its output under between builds (site-data.ts).
 */
import type { ReportPeriod, ReportVersion } from './report-index.ts';
import { getSiteData, periodPageKey, sitePageKey } from './site-data.ts';

/** Every built report version: its page and its downloads. */
export async function versionPaths(): Promise<
  Array<{
    params: { period: string; version: string };
    props: { period: ReportPeriod; version: ReportVersion };
    cacheKey: string | undefined;
  }>
> {
  const site = await getSiteData();
  return site.index.periods.flatMap((period) =>
    period.versions.map((version) => ({
      params: { period: period.period, version: `v${version.version}` },
      props: { period, version },
      cacheKey: periodPageKey(site, period),
    })),
  );
}

/** Every period with a built report: its page (the latest version). */
export async function periodPaths(): Promise<
  Array<{
    params: { period: string };
    props: { period: ReportPeriod };
    cacheKey: string | undefined;
  }>
> {
  const site = await getSiteData();
  return site.index.periods.map((period) => ({
    params: { period: period.period },
    props: { period },
    cacheKey: periodPageKey(site, period),
  }));
}

/** Every period's Explore page and its files. */
export async function explorePaths(): Promise<
  Array<{ params: { period: string }; props: { id: string }; cacheKey: string | undefined }>
> {
  const site = await getSiteData();
  return site.explore.map((p) => ({
    params: { period: p.id },
    props: { id: p.id },
    cacheKey: sitePageKey(site),
  }));
}
