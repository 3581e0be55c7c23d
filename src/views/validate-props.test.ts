import { describe, expect, it } from 'vitest';
import { FigurePropsSchema } from './Figure/figure-props.ts';
import { RootCausesPropsSchema } from './RootCauses/root-causes-props.ts';
import { ScorecardPropsSchema } from './Scorecard/scorecard-props.ts';
import { TrendChartPropsSchema } from './TrendChart/trend-chart-props.ts';
import { VoiceOfCustomerPropsSchema } from './VoiceOfCustomer/voice-of-customer-props.ts';
import { validateProps } from './validate-props.ts';

/** The message `validateProps` throws, or a failure when it does not throw. */
function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error.message;
    throw error;
  }
  throw new Error('expected validateProps to throw');
}

describe('validateProps', () => {
  it('passes good props through with the defaults filled in', () => {
    expect(validateProps('Figure', FigurePropsSchema, { metric: 'nps' })).toEqual({
      metric: 'nps',
      show: 'value',
    });
    expect(
      validateProps('Figure', FigurePropsSchema, {
        metric: 'csat',
        segment: 'customer_group:SMB',
        show: 'full',
      }),
    ).toEqual({ metric: 'csat', segment: 'customer_group:SMB', show: 'full' });
  });

  it('names the component, the prop, the bad value and the allowed values', () => {
    const message = messageOf(() =>
      validateProps('Figure', FigurePropsSchema, { metric: 'nps', show: 'fulll' }),
    );
    expect(message).toBe(
      '<Figure> has an invalid prop:\n' +
        '  - show is "fulll", not one of the allowed values: "value", "full", "change"',
    );
  });

  it('says what a metric id looks like, and that one is missing', () => {
    // Which ids exist depends on each review's questionnaire: <Figure> lists the review's own
    // when an id is unknown (build-figure.test.ts).
    const malformed = messageOf(() =>
      validateProps('Figure', FigurePropsSchema, { metric: 'Net Promoter' }),
    );
    expect(malformed).toContain('<Figure>');
    expect(malformed).toContain('metric is "Net Promoter"');
    expect(malformed).toContain('expected a metric id such as "nps"');
    const missing = messageOf(() => validateProps('TrendChart', TrendChartPropsSchema, {}));
    expect(missing).toMatch(/^<TrendChart> has an invalid prop:\n {2}- metric is missing/);
  });

  it('names an unknown prop and the props the component takes', () => {
    const message = messageOf(() => validateProps('Figure', FigurePropsSchema, { metirc: 'nps' }));
    expect(message).toContain('unknown prop metirc; this component takes: metric, segment, show');
    expect(message).toContain('metric is missing');
    expect(message).toMatch(/^<Figure> has invalid props:\n/);
  });

  it('tells an author who quoted a number to use braces', () => {
    const message = messageOf(() =>
      validateProps('RootCauses', RootCausesPropsSchema, { limit: '5' }),
    );
    expect(message).toBe(
      '<RootCauses> has an invalid prop:\n' +
        '  - limit is "5", expected a number (in MDX write limit={…} for a value that is not text)',
    );
    expect(messageOf(() => validateProps('RootCauses', RootCausesPropsSchema, { limit: 0 }))).toBe(
      '<RootCauses> has an invalid prop:\n  - limit is 0; it must be more than 0',
    );
  });

  it('says which bound a number or text breaks', () => {
    expect(
      messageOf(() =>
        validateProps('VoiceOfCustomer', VoiceOfCustomerPropsSchema, { verbatims: -1 }),
      ),
    ).toBe('<VoiceOfCustomer> has an invalid prop:\n  - verbatims is -1; it must be at least 0');
    expect(
      messageOf(() => validateProps('Scorecard', ScorecardPropsSchema, { dimension: '' })),
    ).toBe('<Scorecard> has an invalid prop:\n  - dimension is "": must not be empty');
  });

  it('explains the segment format', () => {
    const message = messageOf(() =>
      validateProps('Figure', FigurePropsSchema, { metric: 'nps', segment: 'SMB' }),
    );
    expect(message).toContain(
      'segment is "SMB": expected "dimension:level", e.g. "customer_group:SMB"',
    );
  });
});
