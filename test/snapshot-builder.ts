/** Writes small snapshot folders into a temporary directory for loader tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SURVEY_HEADER = 'Response ID,Date,Group,Recommend,Satisfaction,Comment';

export function baseManifest(id: string): Record<string, unknown> {
  return {
    id,
    period: 'Q1 2026',
    start: '2026-01-01',
    end: '2026-03-31',
    segments: {
      group: { label: 'Group', levels: { A: { population: 100 }, B: { population: 100 } } },
    },
    items: {
      recommend: { scale: [0, 10] },
      satisfaction: { scale: [1, 5], notApplicable: ['N/A'] },
    },
    tables: {
      survey: {
        file: 'survey.csv',
        columns: {
          response_id: 'Response ID',
          date: 'Date',
          group: 'Group',
          recommend: 'Recommend',
          satisfaction: 'Satisfaction',
          comment: 'Comment',
        },
        values: { satisfaction: { 'Very satisfied': 5 } },
      },
    },
  };
}

/**
 * The base manifest of 2026-Q1 with its survey's columns replaced by `columns` (field → header);
 * the survey's table entry is handed back to be changed further.
 */
export function manifestWithSurveyColumns(columns: Record<string, string>): {
  manifest: Record<string, unknown>;
  survey: Record<string, unknown>;
} {
  const manifest = baseManifest('2026-Q1');
  const survey = (manifest.tables as { survey: Record<string, unknown> }).survey;
  survey.columns = columns;
  return { manifest, survey };
}

/**
 * A manifest whose survey ("Response ID,Customer,Recommend", and "Satisfaction" when asked)
 * takes its group from a lookup file, customers.csv ("id,Segment").
 */
export function lookupManifest(satisfaction = false): Record<string, unknown> {
  const { manifest, survey } = manifestWithSurveyColumns({
    response_id: 'Response ID',
    customer_id: 'Customer',
    recommend: 'Recommend',
    ...(satisfaction ? { satisfaction: 'Satisfaction' } : {}),
  });
  if (!satisfaction) delete (manifest.items as Record<string, unknown>).satisfaction;
  survey.lookups = [
    {
      field: 'group',
      file: 'customers.csv',
      key: 'customer_id',
      lookupKey: 'id',
      lookupValue: 'Segment',
    },
  ];
  return manifest;
}

/** A data folder holding one snapshot; returns the data folder. */
export function writeSnapshot(
  files: Record<string, string | Buffer>,
  manifest: Record<string, unknown> = baseManifest('2026-Q1'),
): { dataDir: string; dir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'review-data-'));
  const dir = join(dataDir, String(manifest.id));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return { dataDir, dir };
}

/** n valid survey rows after the header. */
export function validRows(n: number, start = 1): string[] {
  return Array.from(
    { length: n },
    (_, i) => `R${start + i},2026-02-01,${i % 2 ? 'A' : 'B'},${i % 11},${(i % 5) + 1},ok`,
  );
}
