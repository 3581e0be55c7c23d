import { describe, expect, it } from 'vitest';
import { describeEstimate, formatDelta, formatInterval, formatP, formatValue } from './format.ts';

const nps = { unit: '', decimals: 1, direction: 'higher-is-better', changeUnit: 'points' } as const;
const csat = {
  unit: '%',
  decimals: 1,
  direction: 'higher-is-better',
  changeUnit: 'percentage points',
} as const;

describe('format', () => {
  it('writes values with the metric’s decimals, unit and a typographic minus', () => {
    expect(formatValue(nps, -20)).toBe('\u221220.0');
    expect(formatValue(csat, 68.666)).toBe('68.7%');
  });

  it('follows the configured locale', () => {
    expect(formatValue(csat, 1234.56, 'de-DE')).toBe('1.234,6%');
    expect(formatInterval(csat, 10.25, 20.75, 'fr-FR')).toBe('10,3–20,8%');
  });

  it('says "to" between negative bounds and signs changes', () => {
    expect(formatInterval(nps, -29.6, -9.8)).toBe('\u221229.6 to \u22129.8');
    expect(formatDelta(nps, 3.21)).toBe('+3.2 pts');
    expect(formatDelta(csat, -4.2)).toBe('\u22124.2 pp');
  });

  it('describes suppressed and indicative estimates in words', () => {
    expect(formatP(0.0004)).toBe('p < 0.001');
    const base = { lower: 10, upper: 20, se: 1, n: 50, nEffective: 50, missing: 0 };
    expect(describeEstimate(nps, { ...base, value: 15, base: 'indicative' })).toBe(
      '15.0 (95% CI 10.0–20.0), n = 50, indicative: small base',
    );
    expect(describeEstimate(nps, { ...base, value: null, n: 12, base: 'suppressed' })).toBe(
      'suppressed: too few responses (n = 12)',
    );
  });
});
