import { describe, expect, it } from 'vitest';
import { ManifestSchema } from '../contracts/manifest-schema.ts';
import { classifyTable, guessEncoding, guessSnapshot, periodOfId } from './guess-mapping.ts';

describe('guess mapping', () => {
  it('classifyTable tells survey, orders and tickets apart by their headers', () => {
    expect(classifyTable(['Response ID', 'NPS', 'Comment'])).toBe('survey');
    expect(classifyTable(['Order ID', 'Customer ID', 'Amount'])).toBe('orders');
    expect(classifyTable(['Ticket ID', 'Opened', 'First response', 'Category'])).toBe('tickets');
  });

  it('classifyTable follows a rated column: an NPS export whatever its other headers', () => {
    const headers = ['Date', 'Note de recommandation (0-10)', 'Ticket ouvert', 'Problème résolu'];
    const cells = (h: string) => (h.startsWith('Note') ? ['9', '10', '3'] : ['Oui', 'Non']);
    expect(classifyTable(headers, cells)).toBe('survey');
    // A rated header whose cells are no answers (an order's "score" code) does not decide.
    const orders = ['Order ID', 'Customer ID', 'Amount', 'Risk score'];
    expect(classifyTable(orders, (h) => (h === 'Risk score' ? ['A-12', 'B-07'] : []))).toBe(
      'orders',
    );
    expect(classifyTable(['Case ID', 'Satisfaction rating'], () => ['1', '5'])).toBe('tickets');
  });

  it('a file with no rated question never takes the survey’s place, whatever the files’ order', () => {
    const customers = ['customer_id,customer_city,customer_state', 'c1,Sao Paulo,SP'].join('\n');
    const survey = ['review_id,review_score,review_comment', 'r1,5,ok', 'r2,1,late'].join('\n');
    const { manifest, assumptions } = guessSnapshot(
      [
        { name: 'customers.csv', text: customers, encoding: 'utf-8' },
        { name: 'reviews.csv', text: survey, encoding: 'utf-8' },
      ],
      { id: '2018' },
    );
    expect(manifest.tables.survey?.file).toBe('reviews.csv');
    expect(assumptions).toContainEqual(
      expect.stringMatching(
        /^customers\.csv: no rated question, order, ticket or churn column found; left out/,
      ),
    );
  });

  it('guessEncoding reads strict UTF-8 or falls back to Windows-1252', () => {
    expect(guessEncoding(Buffer.from('Très bien', 'utf8'))).toBe('utf-8');
    expect(guessEncoding(Buffer.from('Très bien', 'latin1'))).toBe('windows-1252');
  });

  it('guessSnapshot maps headers, labels, scales and segments into a valid manifest', () => {
    const survey = [
      'Respondent ID;Submitted;Region;How likely to recommend (0-10);Overall satisfaction;Ease (1-7);Vs competitor;Comments',
      'a1;2026-10-03;North;9;Very satisfied;6;Better;Great',
      'a2;2026-11-15;South;4;Dissatisfied;2;Worse;Late',
      'a3;2026-12-01;North;10;Satisfied;7;About the same;',
      'a4;2026-12-02;South;7;Neither;N/A;Same;ok',
    ].join('\n');
    const { manifest, assumptions } = guessSnapshot(
      [{ name: 'export.csv', text: survey, encoding: 'windows-1252' }],
      { id: '2026-Q4' },
    );
    const parsed = ManifestSchema.parse(manifest);
    const survey_ = parsed.tables.survey!;
    expect(survey_.columns).toMatchObject({
      response_id: 'Respondent ID',
      date: 'Submitted',
      recommend: 'How likely to recommend (0-10)',
      satisfaction: 'Overall satisfaction',
      effort: 'Ease (1-7)',
      competitor: 'Vs competitor',
      comment: 'Comments',
      region: 'Region',
    });
    expect(survey_.format).toMatchObject({ delimiter: ';', encoding: 'windows-1252' });
    expect(survey_.values.satisfaction).toEqual({
      'Very satisfied': 5,
      Dissatisfied: 2,
      Satisfied: 4,
      Neither: 3,
    });
    expect(survey_.values.competitor).toEqual({
      Better: 'better',
      Worse: 'worse',
      'About the same': 'same',
      Same: 'same',
    });
    expect(parsed.items.effort).toMatchObject({ scale: [1, 7], notApplicable: ['N/A'] });
    expect(parsed.items.recommend!.scale).toEqual([0, 10]);
    expect(Object.keys(parsed.segments.region!.levels)).toEqual(['North', 'South']);
    // The id names the quarter: the period is the quarter, the survey's dates said beside it.
    expect([parsed.start, parsed.end, parsed.period]).toEqual([
      '2026-10-01',
      '2026-12-31',
      'Q4 2026',
    ]);
    expect(assumptions).toContain(
      'period 2026-10-01 – 2026-12-31 taken from the id "2026-Q4"; the survey dates run 2026-10-03 – 2026-12-02',
    );
    expect(assumptions.some((a) => a.includes('segment "region"'))).toBe(true);
  });

  it('takes a comment column by its cells: free text under a vague header, never categories', () => {
    const reasons = ['Price', 'Delivery', 'Quality'];
    const lines = Array.from({ length: 60 }, (_, i) =>
      [
        `r${i}`,
        String(i % 11),
        reasons[i % 3],
        `Order ${i} took ${i % 9} days longer than promised again`,
        i % 2 ? 'SP' : 'RJ',
      ].join(','),
    );
    const text = ['id,NPS,Reason for contact,Your words,customer_state', ...lines].join('\n');
    const { manifest } = guessSnapshot([{ name: 's.csv', text, encoding: 'utf-8' }], { id: 'x' });
    const survey = ManifestSchema.parse(manifest).tables.survey!;
    expect(survey.columns.comment).toBe('Your words');
    expect(Object.values(survey.columns)).not.toContain('Reason for contact');
    expect(Object.keys(manifest.segments!)).toEqual(['customer_state']);
  });

  it('guessSnapshot refuses an empty list of files', () => {
    expect(() => guessSnapshot([], { id: 'x' })).toThrow(
      'guessSnapshot requires at least one file',
    );
  });

  it('maps ECSI construct codes (CUSA1, CUSA2, …) to items scored as the mean of their questions', () => {
    const text = ['CUSA1,CUSA2,PERQ1,PERQ2,CUSCO', '1,10,7,8,5', '9,8,6,7,3'].join('\n');
    const { manifest } = guessSnapshot([{ name: 'ecsi.csv', text, encoding: 'utf-8' }], {
      id: 'ecsi',
    });
    const parsed = ManifestSchema.parse(manifest);
    expect(parsed.tables.survey!.columns).toEqual({
      satisfaction: ['CUSA1', 'CUSA2'],
      perceived_quality: ['PERQ1', 'PERQ2'],
      cusco: 'CUSCO',
    });
    expect(parsed.items.satisfaction!.scale).toEqual([1, 10]);
    expect(parsed.items.perceived_quality).toMatchObject({
      scale: [1, 10], // the questionnaire's scale
      label: 'Perceived quality',
      component: 'product_quality',
    });
  });

  it('drafts every rated column as an item of its own, under its header as label', () => {
    const header = [
      'id',
      'Customer Type',
      'Seat comfort',
      'Inflight wifi service',
      'Gate location',
      'Food and drink',
      'On-board service',
      'Leg room service',
      'Cleanliness',
      'Departure Delay in Minutes',
      'satisfaction',
    ];
    const text = [
      header.join(','),
      '1,Loyal,3,4,2,5,4,3,5,25,neutral or dissatisfied',
      '2,Disloyal,5,2,3,4,1,4,4,0,satisfied',
      '3,Loyal,2,1,4,3,5,5,3,1,satisfied',
    ].join('\n');
    const { manifest } = guessSnapshot([{ name: 'airline.csv', text, encoding: 'utf-8' }], {
      id: 'air',
    });
    const parsed = ManifestSchema.parse(manifest);
    expect(parsed.items.seat_comfort).toMatchObject({
      label: 'Seat comfort',
      scale: [1, 5],
      component: 'product_quality',
    });
    expect(parsed.items.gate_location).toMatchObject({ label: 'Gate location', scale: [1, 5] });
    expect(parsed.items.gate_location!.component).toBeUndefined();
    expect(parsed.items.on_board_service!.component).toBe('service_quality');
    expect(parsed.tables.survey!.columns.cleanliness).toBe('Cleanliness');
    // Delays in minutes are not a rating scale.
    expect(parsed.items.departure_delay_in_minutes).toBeUndefined();
  });

  it('asks to confirm the effort role when the header only names the ease of something', () => {
    const draft = (question: string) => {
      const text = [
        `id,${question},Seat comfort`,
        '1,4,3',
        '2,2,5',
        '3,5,1',
        '4,1,4',
        '5,3,2',
      ].join('\n');
      return guessSnapshot([{ name: 'airline.csv', text, encoding: 'utf-8' }], { id: 'air' });
    };
    const ease = draft('Ease of Online booking');
    expect(ease.manifest.tables.survey!.columns.effort).toBe('Ease of Online booking');
    expect(ManifestSchema.parse(ease.manifest).items.effort!.label).toBe('Ease of Online booking');
    expect(ease.manifest.assumptions).toContainEqual(
      expect.stringMatching(/"Ease of Online booking" read as the effort question \(CES/),
    );
    // A header that names the effort question is taken as it, with no question asked.
    const named = draft('Customer effort score');
    expect(named.manifest.tables.survey!.columns.effort).toBe('Customer effort score');
    expect(named.manifest.assumptions ?? []).not.toContainEqual(
      expect.stringMatching(/read as the effort question/),
    );
  });

  it('recognises a customer-base extract with a churn flag, and reads 1/0 as yes/no', () => {
    const text = [
      'customerID,Contract,MonthlyCharges,Churned',
      'A-1,Month-to-month,29.85,1',
      'A-2,One year,56.95,0',
      'A-3,Two year,53.85,0',
    ].join('\n');
    const { manifest, assumptions } = guessSnapshot(
      [{ name: 'base.csv', text, encoding: 'utf-8' }],
      { id: 'base' },
    );
    const parsed = ManifestSchema.parse(manifest);
    expect(parsed.tables.survey).toBeUndefined();
    expect(parsed.tables.customers!.columns).toEqual({
      customer_id: 'customerID',
      churned: 'Churned',
      revenue: 'MonthlyCharges',
      contract: 'Contract',
    });
    expect(parsed.tables.customers!.values.churned).toEqual({ '1': 'yes', '0': 'no' });
    expect(Object.keys(parsed.segments.contract!.levels)).toEqual([
      'Month-to-month',
      'One year',
      'Two year',
    ]);
    expect(assumptions.some((a) => a.includes('placeholder'))).toBe(true);
  });
});

describe('periodOfId(id)', () => {
  // Quarter, half year, month (February in a leap year and in another), year.
  it.each([
    ['2024-Q4', '2024-10-01', '2024-12-31', 'Q4 2024'],
    ['2024-q1', '2024-01-01', '2024-03-31', 'Q1 2024'],
    ['2025-H2', '2025-07-01', '2025-12-31', 'H2 2025'],
    ['2024-02', '2024-02-01', '2024-02-29', 'February 2024'],
    ['2023-02', '2023-02-01', '2023-02-28', 'February 2023'],
    ['2025', '2025-01-01', '2025-12-31', '2025'],
  ])('reads the period the snapshot id %s names: %s to %s, "%s"', (id, start, end, label) => {
    expect(periodOfId(id)).toEqual({ start, end, label });
  });

  it('names no period for any other id', () => {
    for (const id of ['2024-Q5', '2024-13', '2024-00', 'base', 'telco', '2024-Q4-fix', '24-Q4'])
      expect(periodOfId(id), id).toBeNull();
  });

  it('makes the draft’s period when the files have no dates, and says when dates fall outside it', () => {
    const customers = [
      'customerID,Churn',
      ...Array.from({ length: 30 }, (_, i) => `c${i},${i % 2 ? 'Yes' : 'No'}`),
    ];
    const base = guessSnapshot(
      [{ name: 'base.csv', text: customers.join('\n'), encoding: 'utf-8' }],
      { id: '2024-Q4' },
    );
    expect(base.manifest).toMatchObject({
      start: '2024-10-01',
      end: '2024-12-31',
      period: 'Q4 2024',
    });
    expect(base.assumptions).toContain(
      'period 2024-10-01 – 2024-12-31 taken from the id "2024-Q4"',
    );
    const survey = [
      'Respondent ID,Submitted,How likely to recommend (0-10)',
      ...Array.from(
        { length: 30 },
        (_, i) => `r${i},2024-${i < 3 ? '09' : '11'}-1${i % 10},${i % 11}`,
      ),
    ];
    const late = guessSnapshot([{ name: 's.csv', text: survey.join('\n'), encoding: 'utf-8' }], {
      id: '2024-Q4',
    });
    expect(late.assumptions.find((a) => a.startsWith('period'))).toMatch(
      /taken from the id "2024-Q4"; the survey dates run 2024-09-10 – 2024-11-19, 3 of them outside it \(check the id, or set --start\/--end\)$/,
    );
    const declared = guessSnapshot(
      [{ name: 's.csv', text: survey.join('\n'), encoding: 'utf-8' }],
      {
        id: '2024-Q4',
        start: '2024-09-01',
        end: '2024-11-30',
        period: 'Autumn 2024',
      },
    );
    expect(declared.manifest).toMatchObject({
      start: '2024-09-01',
      end: '2024-11-30',
      period: 'Autumn 2024',
    });
  });
});

describe('an export that starts with Excel\'s "sep=" line', () => {
  it('takes its delimiter from that line and its header from the next', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `R${i};2026-02-0${(i % 9) + 1};${i % 11}`);
    const text = ['sep=;', 'Respondent ID;Submitted;How likely to recommend (0-10)', ...rows].join(
      '\r\n',
    );
    const { manifest, assumptions } = guessSnapshot([{ name: 's.csv', text, encoding: 'utf-8' }], {
      id: '2026-Q1',
    });
    const survey = ManifestSchema.parse(manifest).tables.survey!;
    expect(survey.format).toMatchObject({ delimiter: ';', headerRow: 2 });
    expect(survey.columns).toMatchObject({
      response_id: 'Respondent ID',
      recommend: 'How likely to recommend (0-10)',
    });
    expect(assumptions.some((a) => a.includes('"sep=" first line'))).toBe(true);
  });
});
