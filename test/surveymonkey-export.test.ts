/**
 * A SurveyMonkey CSAT export whose matrix question spans three columns, read through the
 * snapshot reader with a manifest that maps the matrix's rows by the names the reader gives
 * them ("<question> — <row>"): the second header row is no response, and each item's answers
 * are the right column's.
 */
import { describe, expect, it } from 'vitest';
import { ManifestSchema } from '../src/contracts/manifest-schema.ts';
import { readSnapshot } from '../src/reading/read-snapshot.ts';
import { questionnaireOf } from '../src/reducing/snapshot-reducers.ts';
import { writeSnapshot } from './snapshot-builder.ts';
import { meanOf, surveyMonkeyExport, surveyMonkeyManifest } from './surveymonkey-export.ts';

const RESPONDENTS = 40;

describe('a SurveyMonkey export with a matrix question, through the snapshot reader', () => {
  it('reads each matrix row as its item, and the second header row as no response', async () => {
    const exported = surveyMonkeyExport(RESPONDENTS);
    const { dir } = writeSnapshot({ 'survey.csv': exported.text }, surveyMonkeyManifest());
    const answers: Float64Array[] = [];
    const comments: Array<string | undefined> = [];
    const read = await readSnapshot(dir, 'data/2026-Q1', () => ({
      survey: (record) => {
        answers.push(Float64Array.from(record.answers));
        comments.push(record.comment);
      },
    }));
    // Not one warning: every column is mapped or ignored by the name the reader gives it.
    expect(read.diagnostics).toEqual([]);
    expect(read.tables.survey).toMatchObject({ rows: RESPONDENTS, used: RESPONDENTS });
    const items = questionnaireOf(ManifestSchema.parse(surveyMonkeyManifest())).items.map(
      (i) => i.id,
    );
    const column = (id: string) => answers.map((a) => a[items.indexOf(id)]!);
    expect(column('recommend')).toEqual(exported.recommend);
    expect(meanOf(column('delivery'))).toBeCloseTo(meanOf(exported.matrix.Delivery), 12);
    expect(meanOf(column('price'))).toBeCloseTo(meanOf(exported.matrix.Price), 12);
    expect(meanOf(column('customer_service'))).toBeCloseTo(
      meanOf(exported.matrix['Customer service']),
      12,
    );
    // The three rows differ, so a column read under another's name would show.
    expect(column('price').filter(Number.isNaN)).toHaveLength(
      exported.matrix.Price.filter(Number.isNaN).length,
    );
    expect(comments.filter((c) => c !== undefined)).toHaveLength(Math.ceil(RESPONDENTS / 3));
  });
});
