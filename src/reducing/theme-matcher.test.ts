import { describe, expect, it } from 'vitest';
import { DEFAULT_THEMES, type ThemeDictionary } from '../contracts/theme-dictionary.ts';
import { foldText } from '../reading/fold-text.ts';
import { compileThemes } from './theme-matcher.ts';

const themes = compileThemes(DEFAULT_THEMES);

/** Comments as customers write them, per language, and the themes each one mentions. */
const SENTENCES: Record<string, Array<[string, string[]]>> = {
  English: [
    ['The parcel arrived three days late and nobody told us why.', ['delivery']],
    ['Fast delivery, well packed.', ['praise']],
    ['Support never called back after two weeks.', ['service']],
    ['Had to explain the problem three times to customer service.', ['service']],
    ['The blender broke after a week of use.', ['product']],
    ['Far too expensive for what you get.', ['price']],
    ['The app logs me out every time I pay.', ['digital']],
    ['Happy with everything, I approve.', []],
    ['Excellent service, the agent solved it in minutes.', ['service', 'praise']],
    ['I would not recommend this shop: the delivery was late.', ['delivery']],
    ['Arrived on time, no delay at all.', ['praise']],
  ],
  French: [
    ['La livraison avait une semaine de retard.', ['delivery']],
    ['Livraison rapide, merci !', ['praise']],
    ['Le service client ne rappelle jamais.', ['service']],
    ["J'ai apprécié l'appel du conseiller.", ['service']],
    ["L'application plante au moment du paiement.", ['digital']],
    ['Le produit est tombé en panne au bout de deux jours.', ['product']],
    ['Beaucoup trop cher pour la qualité.', ['product', 'price']],
    ['Je ne recommande pas.', []],
    ['Commande reçue sans retard, je recommande.', ['praise']],
  ],
  Spanish: [
    ['La entrega llegó con tres días de retraso.', ['delivery']],
    ['Entrega rápida y todo perfecto.', ['praise']],
    ['El servicio al cliente no contestó mis correos.', ['service']],
    ['El producto llegó defectuoso.', ['product']],
    ['Demasiado caro para lo que ofrece.', ['price']],
    ['La aplicación es lenta y se cierra sola.', ['digital']],
    ['No lo recomiendo.', []],
  ],
  German: [
    ['Die Lieferung kam eine Woche zu spät.', ['delivery']],
    ['Die Paketlieferung war beschädigt.', ['delivery', 'product']],
    ['Schnelle Lieferung, alles bestens.', ['praise']],
    ['Der Kundenservice hat nie zurückgerufen.', ['service']],
    ['Die Qualität ist deutlich schlechter geworden.', ['product']],
    ['Viel zu teuer, der Kaufpreis ist gestiegen.', ['price']],
    ['Die App stürzt beim Bezahlen ab.', ['digital']],
    ['Kann ich leider nicht empfehlen.', []],
  ],
  Portuguese: [
    ['O produto não chegou até hoje.', ['delivery']],
    ['Chegou antes do prazo, muito bom!', ['praise']],
    ['Entrega atrasou mais de uma semana.', ['delivery']],
    ['Produto veio com defeito e o atendimento não respondeu.', ['service', 'product']],
    ['Muito caro pelo que oferece.', ['price']],
    ['O aplicativo não abre no meu celular.', ['digital']],
    ['Não recomendo essa loja.', []],
  ],
  Chinese: [
    ['快递太慢了，等了一个星期。', ['delivery']],
    ['客服态度很差，电话一直打不通。', ['service']],
    ['质量很差，用了两天就坏了。', ['product']],
    ['价格太贵了。', ['price']],
    ['这个评价格外真实。', []],
    ['网站经常打不开。', ['digital']],
    ['非常满意，推荐购买。', ['praise']],
    ['不推荐，不满意。', []],
  ],
  Japanese: [
    ['配達が予定より二日遅れた。', ['delivery']],
    ['サポートの対応が遅くて困った。', ['service']],
    ['製品がすぐに壊れた。', ['product']],
    ['値段が高すぎる。', ['price']],
    ['アプリが使いにくい。', ['digital']],
    ['とても満足しています。', ['praise']],
    ['おすすめしない。', []],
  ],
};

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
