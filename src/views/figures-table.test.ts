import { describe, expect, it } from 'vitest';
import { toCsv } from './figures-table.ts';

describe('toCsv(columns, rows)', () => {
  it('prefixes text a spreadsheet would run as a formula, and writes numbers as numbers', () => {
    const csv = toCsv(
      ['level', 'value'],
      [
        { level: '=HYPERLINK("http://evil.example","x")', value: -4.2 },
        { level: '+1+1', value: 0.1 + 0.2 },
        { level: '-2+3', value: null },
        { level: '@SUM(1)', value: -0 },
        { level: '\tcmd', value: 12 },
        { level: 'SMB', value: true },
      ],
    );
    expect(csv.split('\n')).toEqual([
      'level,value',
      `"'=HYPERLINK(""http://evil.example"",""x"")",-4.2`,
      "'+1+1,0.3",
      "'-2+3,",
      "'@SUM(1),0",
      "'\tcmd,12",
      'SMB,true',
      '',
    ]);
  });
});
