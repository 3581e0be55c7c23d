import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.ts';

/** Customer comments as people write them, a few per language of the theme dictionary. */
const SENTENCES: Record<string, string[]> = {
  en: [
    'The delivery was late again and nobody told us why.',
    'Had to explain the problem three times to customer service.',
    'The app is slow and it logs me out every time I try to pay.',
    'Great product, but the parcel arrived two days after the promised date.',
  ],
  fr: [
    'La livraison était encore en retard, personne ne nous a prévenus.',
    'Le service client ne rappelle jamais et le problème n’est toujours pas résolu.',
    'Très bon produit mais le colis est arrivé abîmé.',
    'J’ai attendu trois semaines pour être remboursé, c’est beaucoup trop long.',
  ],
  es: [
    'El pedido tardó mucho en llegar y nadie me avisó.',
    'La atención por teléfono es muy lenta y no resolvieron mi problema.',
    'Me cobraron dos veces y todavía no me han devuelto el dinero.',
    'Producto de buena calidad, pero el envío llegó con una semana de retraso.',
  ],
  de: [
    'Die Lieferung kam wieder zu spät und niemand hat sich gemeldet.',
    'Der Kundenservice hat nie zurückgerufen, das ist sehr ärgerlich.',
    'Das Produkt war nach einer Woche kaputt.',
    'Die Preise sind stark gestiegen, aber die Qualität ist nicht besser geworden.',
  ],
  pt: [
    'O produto chegou antes do prazo, muito bom.',
    'Não recebi o pedido até agora e ninguém responde.',
    'A entrega atrasou mais de uma semana e o produto veio com defeito.',
    'Comprei dois e só chegou um, estou esperando uma solução.',
  ],
  zh: [
    '快递太慢了，等了一个星期才到。',
    '客服态度很差，问题一直没有解决。',
    '价格太贵了，质量也不好。',
  ],
  ja: [
    '配達が予定より二日遅れた。',
    'サポートから折り返しの連絡がない。',
    '品質は良いが、値段が高すぎる。',
  ],
};

describe('detectLanguage', () => {
  for (const [lang, sentences] of Object.entries(SENTENCES)) {
    it(`tags real ${lang} comments as ${lang}`, () => {
      for (const sentence of sentences) expect(detectLanguage(sentence), sentence).toBe(lang);
    });
  }

  it('says nothing of a comment too short to tell, or in a language it does not know', () => {
    for (const text of [
      'Demasiado caro.',
      'Bonne qualité.',
      'Top!',
      'ok',
      'Service',
      'La web falla al pagar.',
      '品質不良', // kanji only: Japanese and Chinese alike
      'Het pakket kwam te laat aan.', // Dutch
      '',
      '12345',
    ])
      expect(detectLanguage(text), text).toBeNull();
  });

  it('tags a mixed comment by its main script', () => {
    expect(detectLanguage('ネット注文が簡単。\nThanks.')).toBe('ja');
    expect(detectLanguage('배송이 너무 늦어요')).toBe('ko');
  });
});
