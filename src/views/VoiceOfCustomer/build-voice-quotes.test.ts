import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_SITE } from '../../../test/build-site.ts';
import { frozenOf } from '../../../test/frozen-of.ts';
import { buildVoiceQuotes } from './build-voice-quotes.ts';

const frozen = () => frozenOf(join(FIXTURE_SITE, 'reports/2026-Q2/v1.figures.json'));

describe('buildVoiceQuotes', () => {
  it('lists all customers first, then every level of every dimension, with its own quotes', () => {
    const figures = frozen();
    const lists = buildVoiceQuotes(figures, 3);
    expect(lists.map((l) => l.key)).toEqual(['all', 'group=Alpha', 'group=Beta', 'group=Gamma']);
    const beta = lists.find((l) => l.key === 'group=Beta')!;
    expect(beta.dimension).toBe('Customer group');
    const delivery = figures.voice.themes.find((t) => t.theme === 'delivery')!;
    expect(beta.themes.find((t) => t.theme === 'delivery')!.quotes.map((q) => q.text)).toEqual(
      delivery.groups.group!.Beta!.map((v) => v.text),
    );
  });

  it('says a group under the minimum base of comments is too small to quote', () => {
    const figures = frozen();
    expect(figures.voice.groupComments.group!.Gamma).toBeLessThan(figures.minimumBase.suppress);
    const gamma = buildVoiceQuotes(figures, 3).find((l) => l.key === 'group=Gamma')!;
    expect(gamma.themes).toEqual([]);
    expect(gamma.note).toMatch(
      /^Too few comments from this group to quote \(\d+, under the minimum base of 30\)/,
    );
  });

  it('gives each quote its language and who wrote it, and keeps to the size asked', () => {
    const figures = frozen();
    const praise = figures.voice.themes.find((t) => t.theme === 'praise')!;
    praise.verbatims = [
      {
        text: 'Todo perfecto, gracias por todo.',
        npsClass: 'promoter',
        recommend: 10,
        key: 1,
        lang: 'es',
      },
      { text: 'Great', npsClass: 'promoter', key: 2, lang: null },
    ];
    const [all] = buildVoiceQuotes(figures, 1);
    expect(all!.themes.find((t) => t.theme === 'praise')!.quotes).toEqual([
      { text: 'Todo perfecto, gracias por todo.', lang: 'es', who: 'Promoter, recommend 10/10' },
    ]);
    const [two] = buildVoiceQuotes(figures, 3);
    expect(two!.themes.find((t) => t.theme === 'praise')!.quotes[1]).toEqual({
      text: 'Great',
      lang: undefined,
      who: 'Promoter',
    });
  });
});
