import { describe, expect, it } from 'vitest';
import { metricReferences, unknownMetricReferences } from './metric-references.ts';

const body = `
Our NPS is <Figure metric="nps" /> and CSAT <Figure
  metric='csat' />.

<TrendChart metric="csat_bottom2" />
<Figure metric={chosen} /> <div metric="not-a-component"></div>
`;

describe('metric references of a report', () => {
  it('are the literal metric ids its components name, in order', () => {
    expect(metricReferences(body)).toEqual([
      { component: 'Figure', id: 'nps' },
      { component: 'Figure', id: 'csat' },
      { component: 'TrendChart', id: 'csat_bottom2' },
    ]);
  });

  it('name each id the figures lack, with the near match and what to do', () => {
    const published = unknownMetricReferences('reports/q/v1.mdx', body, ['nps', 'csat'], true);
    expect(published).toEqual([
      expect.stringMatching(
        /^reports\/q\/v1\.mdx: <TrendChart metric="csat_bottom2">: no metric "csat_bottom2" in the figures this version froze.* publish a new version/,
      ),
    ]);
    const draft = unknownMetricReferences(
      'reports/q/v1.mdx',
      'x <Figure metric="nsp" />',
      ['nps'],
      false,
    );
    expect(draft[0]).toContain('(did you mean "nps"?)');
    expect(draft[0]).toContain('name one of its metrics: nps');
    expect(unknownMetricReferences('f', body, ['nps', 'csat', 'csat_bottom2'], true)).toEqual([]);
  });
});
