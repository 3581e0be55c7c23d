/**
 * Comment themes: a dictionary of keywords per theme, in any language. The default dictionary
 * is below; the voice-of-the-customer reducer matches comments against it.
 */

/** A theme: its label, its keywords, and whether it names a problem (default) or praise. */
export interface Theme {
  label: string;
  keywords: string[];
  sentiment?: 'problem' | 'praise';
}

export type ThemeDictionary = Record<string, Theme>;

export const DEFAULT_THEMES: ThemeDictionary = {
  delivery: {
    label: 'Delivery',
    keywords: [
      'deliver',
      'parcel',
      'late',
      'shipping',
      'courier',
      'entrega',
      'pedido',
      'retraso',
      'lieferung',
      'lieferzeit',
      'livraison',
      'colis',
      'retard',
      '配送',
      '配達',
      '遅れ',
    ],
  },
  service: {
    label: 'Customer service',
    keywords: [
      'support',
      'service',
      'agent',
      'call back',
      'called back',
      'servicio',
      'atención',
      'kundenservice',
      'hotline',
      'service client',
      'サポート',
      '対応',
      '電話',
    ],
  },
  product: {
    label: 'Product quality',
    keywords: [
      'quality',
      'broke',
      'defect',
      'calidad',
      'defectuoso',
      'qualität',
      'defekt',
      'qualité',
      'panne',
      '品質',
      '壊れ',
    ],
  },
  price: {
    label: 'Price and value',
    keywords: [
      'price',
      'expensive',
      'value for money',
      'caro',
      'precio',
      'teuer',
      'preis',
      'cher',
      'prix',
      '値段',
      '価格',
      '値上',
    ],
  },
  digital: {
    label: 'Website and app',
    keywords: [
      'website',
      'app',
      'checkout',
      'online',
      'web',
      'aplicación',
      'site',
      'application',
      'サイト',
      'アプリ',
      'ネット',
    ],
  },
  praise: {
    label: 'Praise',
    sentiment: 'praise',
    keywords: [
      'excellent',
      'great',
      'recommend',
      'reliable',
      'excelente',
      'recomiendo',
      'hervorragend',
      'zuverlässig',
      'parfait',
      'recommande',
      '満足',
      '信頼',
      '丁寧',
    ],
  },
};
