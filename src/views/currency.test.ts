import { describe, expect, it } from 'vitest';
import { ManifestSchema, type ManifestInput } from '../contracts/manifest-schema.ts';
import { reviewsOf } from '../../test/review-figures-of.ts';
import { buildHeadline } from './HeadlineGrid/build-headline.ts';

const manifest = (currency?: string): ManifestInput => ({
  id: 'P1',
  period: 'Period 1',
  start: '2026-01-01',
  end: '2026-03-31',
  segments: {},
  items: { ltr: { scale: [0, 10], role: 'recommend' } },
  tables: { survey: { file: 'survey.csv', columns: { ltr: 'LTR' } } },
  ...(currency ? { currency } : {}),
});

describe('the manifest’s currency', () => {
  it('reaches the figures, where every money figure takes it', () => {
    const survey = Array.from({ length: 50 }, (_, i) => ({
      responseId: String(i),
      segments: {},
      answers: { ltr: i % 11 },
    }));
    const [withCurrency] = reviewsOf([{ manifest: manifest('EUR'), survey }]);
    expect(withCurrency!.currency).toBe('EUR');
    const [without] = reviewsOf([{ manifest: manifest(), survey }]);
    expect(without!.currency ?? null).toBeNull();
    // A money metric reads it (the figures here have none; the card formats one as the registry
    // would: a currency unit).
    const figures = {
      ...withCurrency!,
      catalog: {
        ...withCurrency!.catalog,
        nps: { ...withCurrency!.catalog.nps!, changeUnit: 'currency units', decimals: 0 },
      },
    };
    expect(buildHeadline(figures, ['nps'], 'en-GB')[0]!.value).toMatch(/^−?€\d/);
  });

  it('must be a three-letter ISO 4217 code', () => {
    expect(ManifestSchema.safeParse(manifest('euro')).success).toBe(false);
    expect(ManifestSchema.safeParse(manifest('USD')).success).toBe(true);
  });
});
