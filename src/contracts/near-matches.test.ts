import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearMatches } from './near-matches.ts';

describe('editDistance', () => {
  it('editDistance(a, b) counts insertions, deletions, substitutions and swaps', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('valdiate', 'validate')).toBe(1);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('nearMatches', () => {
  const commands = ['build', 'validate', 'new-snapshot', 'new-report', 'publish-report', 'pdf'];

  it('nearMatches(word, allowed) finds typos and abbreviations, closest first', () => {
    expect(nearMatches('valdate', commands)).toEqual(['validate']);
    expect(nearMatches('new', commands)).toEqual(['new-report', 'new-snapshot']);
    expect(nearMatches('Build', commands)).toEqual(['build']);
    expect(nearMatches('npss', ['nps', 'csat', 'index', 'seat'])).toEqual(['nps']);
  });

  it('nearMatches(word, allowed) finds nothing for an unrelated word', () => {
    expect(nearMatches('zebra', commands)).toEqual([]);
  });

  it('didYouMean(word, allowed) words one or several matches, or nothing', () => {
    expect(didYouMean('pfd', commands)).toBe(' (did you mean "pdf"?)');
    expect(didYouMean('new', commands)).toBe(' (did you mean "new-report" or "new-snapshot"?)');
    expect(didYouMean('zebra', commands)).toBe('');
  });
});
