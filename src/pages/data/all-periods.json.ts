import type { APIRoute } from 'astro';
import { cachedPageBytes, getSiteData } from '../../build/site-data.ts';
import { definitionOf } from '../../metrics/registry/definitions.ts';
import { REGISTRY } from '../../metrics/registry/index.ts';

/** Every snapshot's live figures, with the registry's definitions. */
export const GET: APIRoute = async () => {
  const site = await getSiteData();
  // Kept between builds under the reviews' digests: the same figures give the same file.
  // Written without indentation, unlike a version's figures: this file grows with the history
  // (12 MB indented at 40 quarters, 6.4 MB without), and every copy of it the build makes counts
  // in its peak memory; a reader who wants it indented has `jq .` or any JSON viewer.
  const text = cachedPageBytes('all-periods-json', site.reviewDigests, [FILE], () => {
    const body = { definitions: REGISTRY.map(definitionOf), reviews: site.reviews };
    return `${JSON.stringify(body)}\n`;
  });
  return new Response(text, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};

/** This file, under `src/`: what writes the download besides the figures' code. */
const FILE = 'pages/data/all-periods.json.ts';
