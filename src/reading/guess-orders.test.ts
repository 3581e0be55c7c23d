import { describe, expect, it } from 'vitest';
import { ManifestSchema } from '../contracts/manifest-schema.ts';
import { guessSnapshot } from './guess-mapping.ts';
import { guessDateFormat } from './guess-orders.ts';

const draft = (text: string) =>
  guessSnapshot([{ name: 'orders.csv', text, encoding: 'utf-8' }], { id: 'draft' });

describe('drafting an orders export', () => {
  it('guessDateFormat tells the order of day and month by a component above 12, else by padding', () => {
    expect(guessDateFormat(['7/18/2011 12:28', '8/1/2011 9:00'])).toEqual({
      format: 'MM/DD/YYYY',
      proven: true,
    });
    expect(guessDateFormat(['18/07/2011', '01/08/2011'])).toEqual({
      format: 'DD/MM/YYYY',
      proven: true,
    });
    expect(guessDateFormat(['12/1/2010 8:26'])).toEqual({ format: 'MM/DD/YYYY', proven: false });
    expect(guessDateFormat(['01/02/2011'])).toEqual({ format: 'DD/MM/YYYY', proven: false });
    expect(guessDateFormat(['18.07.2011'])).toEqual({ format: 'DD.MM.YYYY', proven: true });
    expect(guessDateFormat(['2011-07-18'])).toBeNull();
  });

  it('a table of orders (ids repeated only by identical copies) is not drafted as lines', () => {
    const { manifest, assumptions } = draft(
      ['Order ID,Customer ID,Order date,Total', 'O1,C1,2026-07-01,10', 'O1,C1,2026-07-01,10'].join(
        '\n',
      ),
    );
    expect(manifest.orders).toBeUndefined();
    expect(manifest.tables.orders!.columns).toMatchObject({ amount: 'Total' });
    expect(assumptions.some((a) => a.includes('identical cells: copies'))).toBe(true);
    // The period comes from the order dates when there is no survey.
    expect([manifest.start, manifest.end]).toEqual(['2026-07-01', '2026-07-01']);
  });

  it('lines with a line total keep it as the amount, and leave the unit price unmapped', () => {
    const { manifest } = draft(
      [
        'Order ID,Customer ID,Order date,Unit price,Line total',
        'O1,C1,2026-07-01,2.50,5.00',
        'O1,C1,2026-07-01,1.00,3.00',
      ].join('\n'),
    );
    const parsed = ManifestSchema.parse(manifest);
    expect(parsed.orders).toMatchObject({ rows: 'lines', amountFrom: 'amount' });
    expect(parsed.tables.orders!.columns.amount).toBe('Line total');
    expect(parsed.tables.orders!.columns.unit_price).toBeUndefined();
    expect(parsed.tables.orders!.format.ignore).toContain('Unit price');
  });

  it('a lone price column with no quantity is drafted as the amount', () => {
    const { manifest } = draft(
      ['Order ID,Customer ID,Order date,Price', 'O1,C1,2026-07-01,5'].join('\n'),
    );
    expect(manifest.tables.orders!.columns).toMatchObject({ amount: 'Price' });
    expect(manifest.tables.orders!.columns.unit_price).toBeUndefined();
    expect(manifest.tables.orders!.format?.ignore).toBeUndefined();
  });

  it('ids with a letter prefix other than C are pointed out, not drafted as a rule', () => {
    const { manifest, assumptions } = draft(
      [
        'Invoice No,Customer ID,Order date,Total',
        '1001,C1,2026-07-01,5',
        '1002,C2,2026-07-02,6',
        '1003,C2,2026-07-02,7',
        'A1004,C3,2026-07-03,8',
      ].join('\n'),
    );
    expect(manifest.orders).toBeUndefined();
    expect(assumptions.some((a) => a.includes('start with "A"'))).toBe(true);
  });
});
