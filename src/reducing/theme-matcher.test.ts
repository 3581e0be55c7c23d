import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THEMES, type ThemeDictionary } from '../contracts/theme-dictionary.ts';
import { foldText } from '../reading/fold-text.ts';
import { compileThemes } from './theme-matcher.ts';

const themes = compileThemes(DEFAULT_THEMES);

/**
 * Comments as customers write them, per language, and the themes each one mentions: a corpus, in
 * test/fixtures/comment-themes.json, that grows with every language the dictionary learns.
 */
const SENTENCES = JSON.parse(
  readFileSync(new URL('../../test/fixtures/comment-themes.json', import.meta.url), 'utf8'),
) as Record<string, Array<[comment: string, themes: string[]]>>;

describe('compileThemes(DEFAULT_THEMES) on comments in each language of the dictionary', () => {
  for (const [language, sentences] of Object.entries(SENTENCES)) {
    it.each(sentences)(`${language}: %s`, (comment, expected) => {
      expect(themes.match(comment)).toEqual(expected);
    });
  }
});

describe('keyword rules', () => {
  const dictionary = (keywords: string[], except: string[] = []): ThemeDictionary => ({
    t: { label: 'T', keywords, except },
  });
  const matches = (d: ThemeDictionary, text: string) => compileThemes(d).match(text).length > 0;

  it('a keyword is a whole word: "app" finds neither apprécié, appel nor happy', () => {
    const d = dictionary(['app']);
    expect(
      ['the app crashed', 'App!', "l'app plante", '我用app买东西'].map((t) => matches(d, t)),
    ).toEqual([true, true, true, true]);
    expect(['apprécié', 'un appel', 'happy', 'webapp'].map((t) => matches(d, t))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('"*" lets a word go on at its end, or begin earlier at its start', () => {
    expect(matches(dictionary(['deliver*']), 'it was delivered late')).toBe(true);
    expect(matches(dictionary(['deliver']), 'it was delivered late')).toBe(false);
    expect(matches(dictionary(['*lieferung']), 'die Paketlieferung')).toBe(true);
    expect(matches(dictionary(['lieferung']), 'die Paketlieferung')).toBe(false);
  });

  it('folds case, accents, ß and typographic apostrophes, in text and keywords alike', () => {
    expect(foldText('Qualité GROẞ don’t')).toBe("qualite gross don't");
    expect(matches(dictionary(['qualite']), 'QUALITÉ')).toBe(true);
    expect(matches(dictionary(['Qualität']), 'qualitat')).toBe(true);
    expect(matches(dictionary(["don't work"]), 'It don’t work')).toBe(true);
  });

  it('phrases match across spaces and hyphens', () => {
    expect(matches(dictionary(['qualité-prix']), 'rapport qualité prix')).toBe(true);
    expect(matches(dictionary(['value for money']), 'value-for-money')).toBe(true);
  });

  it('in Chinese and Japanese a keyword must begin or end a word (Intl.Segmenter)', () => {
    const price = dictionary(['价格']);
    expect(matches(price, '价格太高')).toBe(true);
    // 评价|格外: the characters of 价格 sit across two words.
    expect(matches(price, '评价格外好')).toBe(false);
    expect(matches(dictionary(['サイト']), 'ウェブサイトが見にくい')).toBe(true);
  });

  it('an except phrase cancels the keywords it holds, and only those', () => {
    const d = dictionary(['retard*'], ['sans retard']);
    expect(matches(d, 'livré sans retard')).toBe(false);
    expect(matches(d, 'livré sans retard mais le SAV en retard')).toBe(true);
  });

  it("a praise theme's matches count toward no problem theme", () => {
    const d: ThemeDictionary = {
      delivery: { label: 'Delivery', keywords: ['delivery'] },
      praise: { label: 'Praise', keywords: ['fast delivery'], sentiment: 'praise' },
    };
    const compiled = compileThemes(d);
    expect(compiled.match('fast delivery')).toEqual(['praise']);
    expect(compiled.match('fast delivery, but the second delivery was lost')).toEqual([
      'delivery',
      'praise',
    ]);
    // Without the praise theme, the same words are a delivery mention.
    expect(compileThemes({ delivery: d.delivery! }).match('fast delivery')).toEqual(['delivery']);
  });
});
