import type { APIRoute } from 'astro';
import { getSiteData } from '../../build/site-data.ts';
import { METRICS } from '../../metrics/registry.ts';

/** Every snapshot's figures and changes, with the metric definitions. */
export const GET: APIRoute = async () => {
  const site = await getSiteData();
  const body = { metrics: METRICS, snapshots: site.snapshots, changes: site.changes };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
