import type { APIRoute } from 'astro';
import { cachedPageBytes, getSiteData } from '../../build/site-data.ts';
import { definitionOf } from '../../metrics/registry/definitions.ts';
import { REGISTRY } from '../../metrics/registry/index.ts';

/** Every snapshot's live figures, with the registry's definitions. */
export const GET: APIRoute = async () => {
  const site = await getSiteData();
  // Kept between builds under the reviews' digests: the same figures give the same file.
  const text = cachedPageBytes('all-periods-json', site.reviewDigests, [FILE], () => {
    const body = { definitions: REGISTRY.map(definitionOf), reviews: site.reviews };
    return `${JSON.stringify(body, null, 2)}\n`;
  });
  return new Response(text, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};

/** This file, under `src/`: what writes the download besides the figures' code. */
const FILE = 'pages/data/all-periods.json.ts';
