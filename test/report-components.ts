/** The components a report may use: the ones ReportView hands its MDX, read from its source. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './build-site.ts';

/** Names of the components in ReportView's `<Content components={{ … }} />`. */
export function reportComponents(): Set<string> {
  const source = readFileSync(join(ROOT, 'src/views/ReportView/ReportView.astro'), 'utf8');
  const list = /components=\{\{([^}]*)\}\}/.exec(source);
  if (!list) throw new Error('ReportView.astro: no components={{ … }} found');
  return new Set(
    list[1]!
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  );
}
