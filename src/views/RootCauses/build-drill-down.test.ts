import { describe, expect, it } from 'vitest';
import type { DrillDown } from '../../contracts/figures-schema.ts';
import { buildDrillDown } from './build-drill-down.ts';

const share = (k: number, n: number, shown = true) => ({
  k,
  n,
  value: shown ? (100 * k) / n : null,
  lower: shown ? 0 : null,
  upper: shown ? 100 : null,
});

const drillDown: DrillDown = {
  group: { dimension: 'customer_group', level: 'SMB', label: 'Customer group' },
  drivers: [
    {
      metricId: 'service_quality',
      label: 'Service quality',
      importance: 44,
      group: 50.5,
      rest: 68.9,
      n: 381,
      base: 'ok',
      vsRest: {
        delta: -18.4,
        statistic: -6.2,
        p: 1e-9,
        significant: true,
        test: 'two-proportion-z',
        pAdjusted: 3e-9,
        significantAdjusted: true,
      },
    },
    {
      metricId: 'value',
      label: 'Value for money',
      importance: 7,
      group: null,
      rest: null,
      n: 16,
      base: 'suppressed',
      vsRest: null,
    },
  ],
  complaints: {
    group: 220,
    rest: 264,
    categories: [
      {
        key: 'Delivery delay',
        label: 'Delivery delay',
        comparison: {
          label: ['SMB', 'Other levels of Customer group'],
          a: share(130, 220),
          b: share(79, 264),
          delta: 29.2,
          z: 6.5,
          p: 1e-10,
        },
        pAdjusted: 1e-9,
        significant: true,
      },
    ],
  },
  themes: {
    group: 20,
    rest: 200,
    rows: [
      {
        key: 'delivery',
        label: 'Delivery',
        comparison: {
          label: ['SMB', 'Other levels of Customer group'],
          a: share(12, 20, false),
          b: share(40, 200),
          delta: null,
          z: null,
          p: null,
        },
        pAdjusted: null,
        significant: false,
        verbatims: [],
      },
    ],
  },
  operational: { lateDelivery: null, resolution: null },
};

describe('buildDrillDown', () => {
  const view = buildDrillDown(drillDown, { flag: 100, alpha: 0.05 });

  it('says why in plain sentences with the group against the rest', () => {
    expect(view.heading).toBe('Why SMB (Customer group) fell');
    expect(view.drivers[0]!.text).toBe(
      'Service quality: 50.5% top-box against 68.9% for the rest, a real difference',
    );
    expect(view.complaints[0]!.text).toBe(
      'Delivery delay: 59.1% of complaints against 29.9% for the rest, a real difference',
    );
    // More complaints of a cause is bad news: the mark points up, in the bad tone.
    expect(view.complaints[0]!.difference!.reading).toMatchObject({ mark: '▲', tone: 'bad' });
    expect(view.drivers[0]!.difference!.reading).toMatchObject({ mark: '▼', tone: 'bad' });
  });

  it('shows no value on a base below the minimum, only its n', () => {
    expect(view.drivers[1]!.text).toBe('Value for money: too few responses (n = 16)');
    expect(view.drivers[1]).toMatchObject({ group: null, groupShare: null, difference: null });
    expect(view.themes[0]!.row.text).toBe('Delivery: too few to compare (n = 20 against 200)');
    expect(JSON.stringify(view.themes[0])).not.toMatch(/60(\.0)?%|"groupShare":60/);
  });
});
