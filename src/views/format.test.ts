import { describe, expect, it } from 'vitest';
import {
  cssString,
  formatCount,
  formatHours,
  formatMoney,
  formatP,
  formatPercent,
  numberFormats,
} from './format.ts';

/** The formats without a locale or currency of their own (British English, no currency). */
const plain = numberFormats();

const nps = { unit: '', decimals: 1, direction: 'higher-is-better', changeUnit: 'points' } as const;
const csat = {
  unit: '%',
  decimals: 1,
  direction: 'higher-is-better',
  changeUnit: 'percentage points',
} as const;

describe('format', () => {
  it('writes values with the metric’s decimals, unit and a typographic minus', () => {
    expect(plain.value(nps, -20)).toBe('\u221220.0');
    expect(plain.value(csat, 68.666)).toBe('68.7%');
  });

  it('follows the configured locale', () => {
    expect(numberFormats('de-DE').value(csat, 1234.56)).toBe('1.234,6%');
    expect(numberFormats('fr-FR').interval(csat, 10.25, 20.75)).toBe('10,3–20,8%');
  });

  it('makes a locale and currency’s formats once, however often a builder asks', () => {
    expect(numberFormats('de-DE', 'EUR')).toBe(numberFormats('de-DE', 'EUR'));
    expect(numberFormats('de-DE', 'EUR')).not.toBe(numberFormats('de-DE', 'CHF'));
    expect(numberFormats('de-DE', null)).not.toBe(numberFormats('fr-FR', null));
  });

  it('says "to" between negative bounds and signs changes', () => {
    expect(plain.interval(nps, -29.6, -9.8)).toBe('\u221229.6 to \u22129.8');
    expect(plain.delta(nps, 3.21)).toBe('+3.2 pts');
    expect(plain.delta(csat, -4.2)).toBe('\u22124.2 pp');
  });

  it('describes suppressed and indicative estimates in words', () => {
    expect(formatP(0.0004)).toBe('p < 0.001');
    const base = { lower: 10, upper: 20, se: 1, n: 50, nEffective: 50, missing: 0 };
    expect(plain.describe(nps, { ...base, value: 15, base: 'indicative' })).toBe(
      '15.0 (95% CI 10.0–20.0), n = 50, indicative: small base',
    );
    expect(plain.describe(nps, { ...base, value: null, n: 12, base: 'suppressed' })).toBe(
      'suppressed: too few responses (n = 12)',
    );
  });
});

describe('money and the other kinds of number', () => {
  const aov = {
    unit: '',
    decimals: 2,
    direction: 'higher-is-better',
    changeUnit: 'currency units',
  } as const;

  it('writes money with thousands separators and the manifest’s currency, a plain number without one', () => {
    expect(formatMoney(2929492)).toBe('2,929,492');
    expect(formatMoney(2929492, 'en-GB', 'EUR')).toBe('€2,929,492');
    expect(numberFormats('en-GB', 'USD').value(aov, 359.1)).toBe('US$359.10');
    expect(plain.value(aov, 1359.1)).toBe('1,359.10');
    expect(numberFormats('en-GB', 'GBP').delta(aov, -12)).toBe('\u2212£12.00');
  });

  it('groups counts and writes shares and hours one way', () => {
    expect(formatCount(1385)).toBe('1,385');
    expect(formatPercent(43.06)).toBe('43.1%');
    expect(plain.percentDelta(-8.5)).toBe('\u22128.5 pp');
    expect(formatHours(3.84)).toBe('3.8 h');
  });

  it('turns any text into one inert CSS string', () => {
    expect(cssString('Q3 "final" \\ </style>\n')).toBe(
      '"Q3 \\"final\\" \\\\ \\3c /style\\3e \\a "',
    );
  });
});
