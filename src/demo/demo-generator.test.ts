import { describe, expect, it } from 'vitest';
import { ManifestSchema } from '../contracts/manifest-schema.ts';
import { generateDemo } from './demo-generator.ts';

const small = { seed: 7, quarters: 3, scale: 0.3 };

describe('generateDemo', () => {
  it('is deterministic: the same seed gives the same bytes, another seed other bytes', () => {
    const a = generateDemo(small);
    const b = generateDemo(small);
    const c = generateDemo({ ...small, seed: 8 });
    expect(a).toEqual(b);
    expect(a[0]!.files['survey.csv']).not.toBe(c[0]!.files['survey.csv']);
  });

  it('writes quarters ending with 2026-Q3 whose manifests pass the snapshot contract', () => {
    const snapshots = generateDemo(small);
    expect(snapshots.map((s) => s.id)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    for (const s of snapshots) {
      const manifest = ManifestSchema.parse(JSON.parse(s.files['manifest.json']!));
      expect(manifest.id).toBe(s.id);
      expect(Object.keys(manifest.segments.customer_group!.levels)).toEqual([
        'Consumer',
        'SMB',
        'Enterprise',
        'Public sector',
      ]);
    }
  });

  it('plants personal data and markup in comments, for the redaction and escaping tests downstream', () => {
    const survey = generateDemo(small).at(-1)!.files['survey.csv']!;
    expect(survey).toContain('jane.doe@example.com');
    expect(survey).toContain('<script>alert(1)</script>');
  });
});
