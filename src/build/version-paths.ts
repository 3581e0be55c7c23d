/** Static paths of every built report version, shared by the per-version endpoints. */
import type { ReportVersion } from './report-index.ts';
import { getSiteData, periodPageKey } from './site-data.ts';

export async function versionPaths(): Promise<
  Array<{
    params: { period: string; version: string };
    props: { version: ReportVersion };
    cacheKey: string | undefined;
  }>
> {
  const site = await getSiteData();
  return site.index.periods.flatMap((period) =>
    period.versions.map((version) => ({
      params: { period: period.period, version: `v${version.version}` },
      props: { version },
      cacheKey: periodPageKey(site, period),
    })),
  );
}
