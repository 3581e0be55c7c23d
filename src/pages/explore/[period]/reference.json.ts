import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../../../build/site-data.ts';
import { explorePaths } from '../../../build/static-paths.ts';
import { referenceResponse } from '../_reference.ts';

export const getStaticPaths = explorePaths satisfies GetStaticPaths;

/** The build's figures of the period page's reference selections, for checking the page's. */
export const GET: APIRoute = async ({ props }) => {
  const site = await getSiteData();
  return referenceResponse(site, { from: props.id, to: props.id }, [props.id]);
};
