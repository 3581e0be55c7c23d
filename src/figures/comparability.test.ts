import { describe, expect, it } from 'vitest';
import { MONEY_UNIT } from '../metrics/registry/money.ts';
import { metricBases } from './comparability.ts';

const catalog = {
  csat: { entry: 'csat', item: 'satisfaction', kind: 'proportion', changeUnit: 'pp' },
  csat_mean: { entry: 'csat_mean', item: 'satisfaction', kind: 'mean', changeUnit: 'points' },
  index: { entry: 'index', item: null, kind: 'mean', changeUnit: 'points' },
  average_order_value: { entry: 'aov', item: null, kind: 'ratio', changeUnit: MONEY_UNIT },
  repeat_rate: { entry: 'repeat_rate', item: null, kind: 'proportion', changeUnit: 'pp' },
} as const;
const items = [
  { id: 'satisfaction', scale: [1, 5], topBox: 2 },
  { id: 'value', scale: [1, 5], topBox: 2 },
] as const;

describe('metricBases', () => {
  it('names the items a metric reads, their scales, a share’s top box, and money’s currency', () => {
    expect(metricBases(catalog, items, ['satisfaction', 'value'], 'EUR')).toEqual({
      csat: 'satisfaction on 1–5, top 2',
      csat_mean: 'satisfaction on 1–5',
      index: 'satisfaction on 1–5, value on 1–5',
      average_order_value: 'in EUR',
      repeat_rate: '',
    });
  });

  it('differs where a change would compare two measures, and only there', () => {
    const before = metricBases(catalog, items, ['satisfaction', 'value'], 'EUR');
    const topBox = metricBases(
      catalog,
      [{ ...items[0], topBox: 1 }, items[1]],
      ['satisfaction', 'value'],
      'EUR',
    );
    expect(topBox.csat).not.toBe(before.csat);
    expect(topBox.csat_mean).toBe(before.csat_mean);
    const dollars = metricBases(catalog, items, ['satisfaction', 'value'], 'USD');
    expect(dollars.average_order_value).not.toBe(before.average_order_value);
    expect(dollars.csat).toBe(before.csat);
    const fewer = metricBases(catalog, items, ['satisfaction'], 'EUR');
    expect(fewer.index).not.toBe(before.index);
    expect(metricBases(catalog, items, [], null).average_order_value).toBe('no currency declared');
  });
});
