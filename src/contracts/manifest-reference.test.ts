import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../test/build-site.ts';
import { formatMarkdown } from '../../test/format-markdown.ts';
import { manifestReference, withReference } from './manifest-reference.ts';

describe('manifest reference', () => {
  it('lists every field of the schema with its meaning', () => {
    const table = manifestReference();
    for (const field of [
      '`id`',
      '`items.<item>.scale`',
      '`tables.survey.columns`',
      '`tables.survey.format.encoding`',
      '`weighting.method`',
    ]) {
      expect(table).toContain(field);
    }
  });

  it('the committed analyst guide is up to date with the schema (run npm run docs:manifest)', async () => {
    const guide = readFileSync(`${ROOT}/docs/analyst-guide.md`, 'utf8');
    expect(guide).toBe(await formatMarkdown(withReference(guide)));
  });
});
