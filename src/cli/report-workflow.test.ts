import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SITE } from '../../test/build-site.ts';
import { contentHash } from '../build/content-hash.ts';
import { loadReviews, type ReviewData } from '../build/review-data.ts';
import { ReviewFiguresSchema } from '../contracts/figures-schema.ts';
import { memoryEffects } from '../../test/memory-effects.ts';
import { CliError } from './cli-support.ts';
import { newReport, publishReport } from './report-workflow.ts';

let review: ReviewData;
beforeAll(async () => {
  review = await loadReviews(join(FIXTURE_SITE, 'data'), FIXTURE_SITE);
});

describe('newReport', () => {
  it('writes a draft with every section, the snapshot hash and drafted findings', () => {
    const fx = memoryEffects();
    const file = newReport(review, '2026-Q2', 'reports', fx);
    expect(file).toBe('reports/2026-Q2/v1.mdx');
    const text = fx.files.get(file)!;
    const hash = review.reviews.find((s) => s.id === '2026-Q2')!.hash;
    expect(text).toContain(`snapshotHash: '${hash}'`);
    expect(text).toContain('status: draft');
    expect(text).toContain('date: 2026-10-15');
    for (const section of [
      '<HeadlineGrid',
      '<Scorecard dimension="group" />',
      '<TrendChart metric="nps" />',
      '<VoiceOfCustomer />',
      '<RootCauses />',
      '<Actions />',
      '<MethodologySection />',
    ]) {
      expect(text).toContain(section);
    }
    // Its questionnaire has no attribute items, so no drivers: that section is left out.
    expect(text).not.toContain('<Drivers');
    // This snapshot has a survey only: sections of tables it lacks are left out of the draft.
    for (const section of ['<Behaviour />', '<Complaints />', '<Churn />']) {
      expect(text).not.toContain(section);
    }
    expect(text).toMatch(/finding: (decline|gap):/);
  });

  it('refuses a missing snapshot, a second draft, and data a published version already reports', () => {
    expect(() => newReport(review, '2030-Q1', 'reports', memoryEffects())).toThrow(CliError);
    const fx = memoryEffects();
    newReport(review, '2026-Q2', 'reports', fx);
    expect(() => newReport(review, '2026-Q2', 'reports', fx)).toThrow(/already a draft/);
    publishReport(review, '2026-Q2', 'reports', fx);
    expect(() => newReport(review, '2026-Q2', 'reports', fx)).toThrow(/already published/);
  });

  it('writes the next version, marked as a correction, when the published data changed', () => {
    const hash = review.reviews.find((s) => s.id === '2026-Q2')!.hash;
    const old = `sha256:${'0'.repeat(64)}`;
    const fx = memoryEffects({
      'reports/2026-Q2/v1.mdx': `---\ntitle: Old\nsnapshot: 2026-Q2\nsnapshotHash: '${old}'\nversion: 1\nstatus: published\ndate: 2026-07-10\nsummary: s\n---\n`,
    });
    const file = newReport(review, '2026-Q2', 'reports', fx);
    expect(file).toBe('reports/2026-Q2/v2.mdx');
    expect(fx.files.get(file)).toContain('version: 2');
    expect(fx.files.get(file)).toContain(`snapshotHash: '${hash}'`);
    expect(fx.files.get(file)).toContain('changeNote:');
  });
});

describe('publishReport', () => {
  it('freezes the figures next to the draft and marks it published with today’s date', () => {
    const fx = memoryEffects();
    newReport(review, '2026-Q1', 'reports', fx);
    const written = publishReport(review, '2026-Q1', 'reports', fx);
    expect(written).toEqual(['reports/2026-Q1/v1.mdx', 'reports/2026-Q1/v1.figures.json']);
    // The whole review figures as computed now, valid against the schema the build reads.
    const frozen = ReviewFiguresSchema.parse(
      JSON.parse(fx.files.get('reports/2026-Q1/v1.figures.json')!),
    );
    expect(frozen).toEqual(review.reviews[0]);
    expect(fx.files.get('reports/2026-Q1/v1.mdx')).toMatch(/status: published\ndate: 2026-10-15/);
    // The version records the hash of the file it renders from, so a later edit fails the build.
    const figuresHash = contentHash(fx.files.get('reports/2026-Q1/v1.figures.json')!);
    expect(fx.files.get('reports/2026-Q1/v1.mdx')).toContain(`figuresHash: ${figuresHash}`);
  });

  it('refuses when there is no draft', () => {
    expect(() => publishReport(review, '2026-Q1', 'reports', memoryEffects())).toThrow(/No draft/);
  });
});
