/**
 * Rating scales exports write in words ("Very satisfied", "Neither agree nor disagree",
 * "Plutôt satisfait", "Sehr gut"), in English, French, Spanish, German, Portuguese, Chinese and
 * Japanese, and how a draft reads a column's labels onto one of them: each label must be a point
 * of the same scale, no two labels the same point, and the points keep the scale's order. A
 * middle point such as "Neutral" is a scale point, never "not applicable".
 */
import { foldAnswer } from './no-answer.ts';

/** A scale written in words: its points from lowest to highest, each with its spellings. */
interface WordScale {
  name: string;
  points: string[][];
}

/** An adjective's feminine and plural spellings (French -t, Spanish and Portuguese -o). */
function forms(...phrases: string[]): string[] {
  return phrases.flatMap((p) => {
    if (p.endsWith('o')) return [p, `${p.slice(0, -1)}a`, `${p}s`, `${p.slice(0, -1)}as`];
    if (p.endsWith('t')) return [p, `${p}e`, `${p}s`, `${p}es`];
    return [p];
  });
}

/** Tried in this order; the first whose points hold every label wins. */
const SCALES: WordScale[] = [
  {
    name: 'satisfaction (5 points)',
    points: [
      [
        'very dissatisfied',
        'extremely dissatisfied',
        'completely dissatisfied',
        'very unsatisfied',
        ...forms('tres insatisfait', 'muy insatisfecho', 'muito insatisfeito'),
        'sehr unzufrieden',
        '非常不满意',
        '非常に不満',
      ],
      [
        'dissatisfied',
        'somewhat dissatisfied',
        'unsatisfied',
        'not satisfied',
        ...forms('insatisfait', 'plutot insatisfait', 'insatisfecho', 'insatisfeito'),
        'unzufrieden',
        'eher unzufrieden',
        '不满意',
        '不満',
        'やや不満',
      ],
      [
        'neither satisfied nor dissatisfied',
        'neither',
        'neutral',
        'ni satisfait ni insatisfait',
        'neutre',
        'ni satisfecho ni insatisfecho',
        'weder zufrieden noch unzufrieden',
        'weder noch',
        'teils/teils',
        'teils teils',
        'nem satisfeito nem insatisfeito',
        'neutro',
        '一般',
        'どちらでもない',
        'ふつう',
        '普通',
      ],
      [
        'satisfied',
        'somewhat satisfied',
        ...forms('satisfait', 'plutot satisfait', 'satisfecho', 'satisfeito'),
        'zufrieden',
        'eher zufrieden',
        '满意',
        '比较满意',
        '満足',
        'やや満足',
      ],
      [
        'very satisfied',
        'extremely satisfied',
        'completely satisfied',
        ...forms('tres satisfait', 'tout a fait satisfait', 'muy satisfecho', 'muito satisfeito'),
        'sehr zufrieden',
        '非常满意',
        '非常に満足',
        '大変満足',
      ],
    ],
  },
  {
    // The French four-point scale has no middle point.
    name: 'satisfaction (4 points)',
    points: [
      [...forms('pas du tout satisfait'), 'very dissatisfied'],
      [...forms('plutot pas satisfait', 'peu satisfait', 'plutot insatisfait'), 'dissatisfied'],
      [...forms('plutot satisfait'), 'satisfied'],
      [...forms('tout a fait satisfait', 'tres satisfait'), 'very satisfied'],
    ],
  },
  {
    name: 'satisfaction (7 points)',
    points: [
      ['extremely dissatisfied', 'very dissatisfied', 'completely dissatisfied'],
      ['moderately dissatisfied', 'dissatisfied'],
      ['slightly dissatisfied', 'somewhat dissatisfied'],
      ['neither satisfied nor dissatisfied', 'neither', 'neutral'],
      ['slightly satisfied', 'somewhat satisfied'],
      ['moderately satisfied', 'satisfied'],
      ['extremely satisfied', 'very satisfied', 'completely satisfied'],
    ],
  },
  {
    name: 'agreement (5 points)',
    points: [
      [
        'strongly disagree',
        'completely disagree',
        'totally disagree',
        "pas du tout d'accord",
        'totalmente en desacuerdo',
        'muy en desacuerdo',
        'stimme uberhaupt nicht zu',
        'stimme gar nicht zu',
        'discordo totalmente',
        '非常不同意',
        '全くそう思わない',
      ],
      [
        'disagree',
        'somewhat disagree',
        "plutot pas d'accord",
        "pas d'accord",
        'en desacuerdo',
        'stimme nicht zu',
        'stimme eher nicht zu',
        'discordo',
        '不同意',
        'あまりそう思わない',
      ],
      [
        'neither agree nor disagree',
        'neither',
        'neutral',
        "ni d'accord ni pas d'accord",
        'neutre',
        'ni de acuerdo ni en desacuerdo',
        'weder noch',
        'teils/teils',
        'teils teils',
        'nem concordo nem discordo',
        'nao concordo nem discordo',
        'neutro',
        '一般',
        'どちらとも言えない',
        'どちらともいえない',
      ],
      [
        'agree',
        'somewhat agree',
        "plutot d'accord",
        "d'accord",
        'de acuerdo',
        'stimme zu',
        'stimme eher zu',
        'concordo',
        '同意',
        'ややそう思う',
        'そう思う',
      ],
      [
        'strongly agree',
        'completely agree',
        'totally agree',
        "tout a fait d'accord",
        'totalmente de acuerdo',
        'muy de acuerdo',
        'stimme voll und ganz zu',
        'stimme voll zu',
        'concordo totalmente',
        '非常同意',
        'とてもそう思う',
      ],
    ],
  },
  {
    name: 'agreement (7 points)',
    points: [
      ['strongly disagree', 'completely disagree'],
      ['disagree'],
      ['somewhat disagree', 'slightly disagree'],
      ['neither agree nor disagree', 'neither', 'neutral'],
      ['somewhat agree', 'slightly agree'],
      ['agree'],
      ['strongly agree', 'completely agree'],
    ],
  },
  {
    name: 'quality (5 points)',
    points: [
      [
        'very poor',
        'very bad',
        'terrible',
        'tres mauvais',
        'muy malo',
        'sehr schlecht',
        'muito ruim',
        'pessimo',
        '很差',
        '非常に悪い',
      ],
      ['poor', 'bad', 'mauvais', 'malo', 'schlecht', 'ruim', '差', '悪い'],
      [
        'fair',
        'average',
        'ok',
        'okay',
        'acceptable',
        'moyen',
        'correct',
        'regular',
        'mittel',
        'mittelmassig',
        'befriedigend',
        'razoavel',
        '一般',
        '普通',
      ],
      ['good', 'bon', 'bueno', 'gut', 'bom', '好', '良い'],
      [
        'very good',
        'excellent',
        'tres bon',
        'muy bueno',
        'excelente',
        'sehr gut',
        'muito bom',
        'otimo',
        '很好',
        '非常好',
        'とても良い',
      ],
    ],
  },
  {
    // "Poor … Excellent" with "Very good" below "Excellent" (CAHPS and many others).
    name: 'quality (5 points, excellent on top)',
    points: [['poor'], ['fair'], ['good'], ['very good'], ['excellent']],
  },
  {
    name: 'likelihood (5 points)',
    points: [
      ['very unlikely', 'extremely unlikely', 'not at all likely', 'tres peu probable'],
      ['unlikely', 'somewhat unlikely', 'peu probable', 'poco probable', 'unwahrscheinlich'],
      ['neither likely nor unlikely', 'neutral', 'neutre', 'neutro'],
      ['likely', 'somewhat likely', 'probable', 'wahrscheinlich', 'provavel'],
      ['very likely', 'extremely likely', 'tres probable', 'muy probable', 'sehr wahrscheinlich'],
    ],
  },
  {
    name: 'ease (5 points)',
    points: [
      ['very difficult', 'extremely difficult', 'tres difficile', 'muy dificil', 'sehr schwierig'],
      ['difficult', 'somewhat difficult', 'difficile', 'dificil', 'schwierig'],
      ['neither easy nor difficult', 'neutral', 'neutre', 'neutro'],
      ['easy', 'somewhat easy', 'facile', 'facil', 'einfach'],
      ['very easy', 'extremely easy', 'tres facile', 'muy facil', 'sehr einfach'],
    ],
  },
  {
    name: 'expectations (5 points)',
    points: [
      ['much worse than expected', 'much worse'],
      ['worse than expected', 'worse'],
      ['as expected', 'about as expected'],
      ['better than expected', 'better'],
      ['much better than expected', 'much better'],
    ],
  },
];

/** The scales with their spellings in comparison form. */
const WORD_SCALES: WordScale[] = SCALES.map(({ name, points }) => ({
  name,
  points: points.map((spellings) => spellings.map(key)),
}));

/** The two answers of a yes/no outcome: what reads as the satisfied side, what as the other. */
const POSITIVE = new Set(
  [
    'satisfied',
    'yes',
    'oui',
    'si',
    'ja',
    'sim',
    'happy',
    'positive',
    ...forms('satisfait', 'satisfecho', 'satisfeito'),
    'zufrieden',
    '是',
    '满意',
    'はい',
    '満足',
  ].map(key),
);
const NEGATIVE = new Set(
  [
    'dissatisfied',
    'not satisfied',
    'unsatisfied',
    'neutral or dissatisfied',
    'neutral/dissatisfied',
    'no',
    'non',
    'nein',
    'nao',
    'unhappy',
    'negative',
    ...forms('insatisfait', 'insatisfecho', 'insatisfeito'),
    'unzufrieden',
    '否',
    '不满意',
    'いいえ',
    '不満',
  ].map(key),
);

/** How a draft reads a column written in words. */
export interface LabelReading {
  /** What the scale is, for the sentence the analyst reads. */
  name: string;
  scale: [number, number];
  /** Each label as written in the export → its scale point. */
  map: Record<string, number>;
  /** Scale points no label was seen for. */
  unseen: number[];
}

/** A label's comparison form: folded, trailing punctuation and spaces dropped. */
function key(label: string): string {
  return foldAnswer(label).replace(/[.!]+$/, '');
}

const SPELLINGS: ReadonlySet<string> = new Set([
  ...WORD_SCALES.flatMap((s) => s.points.flat()),
  ...POSITIVE,
  ...NEGATIVE,
]);

/** The label is a point of some scale the draft knows ("Neutral", "Plutôt satisfait"). */
export function isScaleLabel(label: string): boolean {
  return SPELLINGS.has(key(label));
}

/** A label with its point written in it: "5 - Very satisfied", "Very satisfied (5)", "10 = Extremely likely". */
const NUMBERED = [/^(\d{1,2})\s*[-–—=:.)]\s*\p{L}/u, /\p{L}\s*[([](\d{1,2})[)\]]$/u];

/** The point a numbered label states, or null. */
export function numberOfLabel(label: string): number | null {
  for (const pattern of NUMBERED) {
    const match = pattern.exec(label.trim());
    if (match) return Number(match[1]);
  }
  return null;
}

/**
 * Reads a column's distinct labels as one scale written in words: a yes/no outcome (two labels,
 * one of each side, as 0–1), or the first scale of WORD_SCALES whose points hold every label,
 * each label on its own point. Null when no scale holds them all.
 * @example readLabelScale(['Satisfied', 'Neutral', 'Very dissatisfied']).map // { Satisfied: 4, Neutral: 3, 'Very dissatisfied': 1 }
 */
export function readLabelScale(labels: readonly string[]): LabelReading | null {
  const distinct = [...new Set(labels)];
  if (distinct.length === 0) return null;
  const keys = distinct.map(key);
  if (new Set(keys).size === 2 && keys.every((k) => POSITIVE.has(k) || NEGATIVE.has(k))) {
    const positive = keys.filter((k) => POSITIVE.has(k));
    if (new Set(positive).size === 1)
      return {
        name: 'a two-level outcome',
        scale: [0, 1],
        map: Object.fromEntries(distinct.map((l, i) => [l, POSITIVE.has(keys[i]!) ? 1 : 0])),
        unseen: [],
      };
  }
  for (const scale of WORD_SCALES) {
    const points = keys.map((k) => scale.points.findIndex((spellings) => spellings.includes(k)));
    if (points.some((p) => p < 0)) continue;
    // Two labels on one point ("Agree" and "Somewhat agree") mean another scale.
    const labelAt = new Map<number, string>();
    let clash = false;
    points.forEach((p, i) => {
      if ((labelAt.get(p) ?? keys[i]) !== keys[i]) clash = true;
      labelAt.set(p, keys[i]!);
    });
    if (clash) continue;
    const n = scale.points.length;
    return {
      name: scale.name,
      scale: [1, n],
      map: Object.fromEntries(distinct.map((l, i) => [l, points[i]! + 1])),
      unseen: Array.from({ length: n }, (_, p) => p + 1).filter((p) => !points.includes(p - 1)),
    };
  }
  return null;
}
