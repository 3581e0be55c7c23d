/**
 * Voice of the customer: comment themes from a dictionary (keywords per theme in any language;
 * CJK matched as substrings, other scripts at word starts, case- and accent-insensitive), theme
 * share among detractors vs promoters with a two-proportion test, and a deterministic sample of
 * representative comments, redacted before they are kept. One pass, mergeable.
 */
import { twoProportionTest } from '../metrics/change.ts';
import { redactPersonalData } from '../reading/redact-personal-data.ts';
import { idParts, type IdRef } from '../reading/id-map.ts';
import { RecentWeakMap } from './recent-weak-map.ts';

export type ThemeDictionary = Record<string, { label: string; keywords: string[] }>;

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

export type NpsClass = 'promoter' | 'passive' | 'detractor' | 'unknown';

export interface Verbatim {
  /** Redacted comment text. */
  text: string;
  npsClass: NpsClass;
  recommend?: number;
  /** Sort key: a hash, so the sample is deterministic and merges exactly. */
  key: number;
}

export interface VoiceState {
  comments: Record<NpsClass, number>;
  /** Theme → NPS class → comments mentioning it. */
  mentions: Record<string, Record<NpsClass, number>>;
  /** Theme → up to `sampleSize` verbatims with the smallest keys. */
  samples: Record<string, Verbatim[]>;
  sampleSize: number;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

const NON_ASCII = /[^ -~\t\n\r]/;

function fold(text: string): string {
  // ASCII has no accents to strip: skip the Unicode normalisation most comments do not need.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** FNV-1a over the UTF-16 code units of `text`, continuing from `h`. */
function fnv1a(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A comment's sample key: FNV-1a of "<comment>\0<id text>", computed without building that
 * string (or, for a numbered id, the id's text). The comment comes first so that its part,
 * `textHash`, is computed once per distinct comment rather than once per response.
 */
export function commentKey(id: IdRef, text: string, textHash = fnv1a(text)): number {
  const h = Math.imul(textHash, 0x01000193) >>> 0; // the separator: h ^ 0 is h
  if (typeof id === 'string') return fnv1a(id, h);
  const { prefix, number } = idParts(id);
  let key = fnv1a(prefix, h);
  // The number's decimal digits, most significant first (a number below 2^22).
  let place = 1;
  while (place * 10 <= number) place *= 10;
  for (; place >= 1; place /= 10) {
    const digit = Math.floor(number / place) % 10;
    key = Math.imul(key ^ (48 + digit), 0x01000193) >>> 0;
  }
  return key;
}

export function npsClass(recommend: number | undefined): NpsClass {
  if (recommend === undefined) return 'unknown';
  return recommend >= 9 ? 'promoter' : recommend >= 7 ? 'passive' : 'detractor';
}

/** Compiled matchers of a dictionary. */
export function compileThemes(
  themes: ThemeDictionary,
): Array<{ theme: string; test: (folded: string) => boolean }> {
  return Object.entries(themes).map(([theme, def]) => {
    const latin = def.keywords.filter((k) => !CJK.test(k)).map(fold);
    const cjk = def.keywords.filter((k) => CJK.test(k));
    const pattern =
      latin.length > 0
        ? new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${latin.map(escape).join('|')})`, 'u')
        : null;
    return {
      theme,
      test: (folded: string) =>
        (pattern?.test(folded) ?? false) || cjk.some((k) => folded.includes(k)),
    };
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const EMPTY = (): Record<NpsClass, number> => ({
  promoter: 0,
  passive: 0,
  detractor: 0,
  unknown: 0,
});

export function createVoiceState(themes: ThemeDictionary, sampleSize = 3): VoiceState {
  const mentions: VoiceState['mentions'] = {};
  const samples: VoiceState['samples'] = {};
  for (const theme of Object.keys(themes)) {
    mentions[theme] = EMPTY();
    samples[theme] = [];
  }
  return { comments: EMPTY(), mentions, samples, sampleSize };
}

/**
 * Keeps the `size` smallest keys among distinct texts (a text repeated by many customers is
 * one verbatim, with its smallest key), so the sample is the same whatever the order or split.
 */
function keepSmallest(list: Verbatim[], item: Verbatim, size: number): Verbatim[] {
  if (keptWithSmallerKey(list, item.text, item.key)) return list;
  // A list holds each text once: the item replaces its text's entry, if any.
  const next = [...list.filter((v) => v.text !== item.text), item].sort(
    (a, b) => a.key - b.key || a.text.localeCompare(b.text),
  );
  return next.slice(0, size);
}

/** The list keeps this text already, with a key no larger (keepSmallest would keep the list). */
function keptWithSmallerKey(list: Verbatim[], text: string, key: number): boolean {
  for (let i = 0; i < list.length; i++) {
    const kept = list[i]!;
    if (kept.text === text) return kept.key <= key;
  }
  return false;
}

/** What a comment text yields, whoever wrote it: the themes it mentions and its redacted text. */
interface CommentReading {
  themes: string[];
  /** Redacted text; null when no theme matched (nothing is kept). */
  text: string | null;
  /** FNV-1a of the redacted text, the first part of its sample keys (see commentKey). */
  hash: number;
}

// Short comments repeat ("Great service", "ok"): each distinct text is folded, matched and
// redacted once per dictionary and set of extra patterns. Bounded, so memory stays flat.
const READINGS_LIMIT = 10_000;
const NO_PATTERNS: readonly string[] = [];
const readings = new RecentWeakMap<
  ReturnType<typeof compileThemes>,
  { extraPatterns: readonly string[]; byText: Map<string, CommentReading> }
>();

function readComment(
  matchers: ReturnType<typeof compileThemes>,
  trimmed: string,
  extraPatterns: readonly string[],
): CommentReading {
  let cache = readings.get(matchers);
  if (!cache || cache.extraPatterns !== extraPatterns) {
    cache = { extraPatterns, byText: new Map() };
    readings.set(matchers, cache);
  }
  let reading = cache.byText.get(trimmed);
  if (reading) return reading;
  const folded = fold(trimmed);
  const themes = matchers.filter(({ test }) => test(folded)).map(({ theme }) => theme);
  // Redacted only when a theme keeps it as a sample (the text goes nowhere else).
  const text = themes.length > 0 ? redactPersonalData(trimmed, extraPatterns) : null;
  reading = { themes, text, hash: text === null ? 0 : fnv1a(text) };
  if (cache.byText.size < READINGS_LIMIT) cache.byText.set(trimmed, reading);
  return reading;
}

/**
 * Adds one to a class's count. Named stores: a store at a key held in a variable is a generic
 * (megamorphic) one, and this runs for every comment.
 */
function countClass(counts: Record<NpsClass, number>, cls: NpsClass): void {
  switch (cls) {
    case 'promoter':
      counts.promoter += 1;
      break;
    case 'passive':
      counts.passive += 1;
      break;
    case 'detractor':
      counts.detractor += 1;
      break;
    default:
      counts.unknown += 1;
  }
}

/**
 * False when the text starts and ends with a printable ASCII character, which trim() would
 * leave alone: the loader hands over comments already trimmed, and trim() is a builtin call.
 */
function hasEdgeSpace(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first <= 32 || first >= 127 || last <= 32 || last >= 127;
}

/** Adds one comment (mutates). The text is redacted before anything is kept. */
export function addComment(
  state: VoiceState,
  matchers: ReturnType<typeof compileThemes>,
  comment: string,
  recommend: number | undefined,
  id: IdRef,
  extraPatterns: readonly string[] = NO_PATTERNS,
): VoiceState {
  const trimmed = hasEdgeSpace(comment) ? comment.trim() : comment;
  if (trimmed === '') return state;
  const cls = npsClass(recommend);
  countClass(state.comments, cls);
  const { themes, text, hash } = readComment(matchers, trimmed, extraPatterns);
  if (text === null) return state;
  const key = commentKey(id, text, hash);
  for (const theme of themes) {
    countClass(state.mentions[theme]!, cls);
    const samples = state.samples[theme]!;
    // Most comments lose to the sample already kept, or repeat a text it keeps with a smaller
    // key: decide that without building a new list (what keepSmallest would return).
    if (samples.length >= state.sampleSize && key > samples[samples.length - 1]!.key) continue;
    if (keptWithSmallerKey(samples, text, key)) continue;
    state.samples[theme] = keepSmallest(
      samples,
      { text, npsClass: cls, recommend, key },
      state.sampleSize,
    );
  }
  return state;
}

/** Combines two states exactly. */
export function mergeVoice(a: VoiceState, b: VoiceState): VoiceState {
  const add = (x: Record<NpsClass, number>, y: Record<NpsClass, number>) => ({
    promoter: x.promoter + y.promoter,
    passive: x.passive + y.passive,
    detractor: x.detractor + y.detractor,
    unknown: x.unknown + y.unknown,
  });
  const mentions: VoiceState['mentions'] = {};
  const samples: VoiceState['samples'] = {};
  for (const theme of Object.keys(a.mentions)) {
    mentions[theme] = add(a.mentions[theme]!, b.mentions[theme] ?? EMPTY());
    samples[theme] = (b.samples[theme] ?? []).reduce(
      (list, v) => keepSmallest(list, v, a.sampleSize),
      a.samples[theme]!,
    );
  }
  return { comments: add(a.comments, b.comments), mentions, samples, sampleSize: a.sampleSize };
}

export interface ThemeFigures {
  theme: string;
  label: string;
  mentions: number;
  /** % of all comments. */
  share: number;
  /** % of detractors' / passives' / promoters' comments that mention the theme. */
  detractors: number | null;
  passives: number | null;
  promoters: number | null;
  /** Detractors vs promoters, two-proportion z-test. */
  z: number | null;
  p: number | null;
  verbatims: Verbatim[];
}

export interface VoiceFigures {
  comments: number;
  byClass: Record<NpsClass, number>;
  themes: ThemeFigures[];
}

export function voiceFigures(state: VoiceState, themes: ThemeDictionary): VoiceFigures {
  const total = Object.values(state.comments).reduce((a, b) => a + b, 0);
  const pct = (k: number, n: number) => (n > 0 ? (100 * k) / n : null);
  return {
    comments: total,
    byClass: state.comments,
    themes: Object.entries(state.mentions)
      .map(([theme, m]) => {
        const mentions = m.promoter + m.passive + m.detractor + m.unknown;
        const test =
          state.comments.detractor > 0 && state.comments.promoter > 0
            ? twoProportionTest(
                m.detractor,
                state.comments.detractor,
                m.promoter,
                state.comments.promoter,
              )
            : null;
        return {
          theme,
          label: themes[theme]?.label ?? theme,
          mentions,
          share: total > 0 ? (100 * mentions) / total : 0,
          detractors: pct(m.detractor, state.comments.detractor),
          passives: pct(m.passive, state.comments.passive),
          promoters: pct(m.promoter, state.comments.promoter),
          z: test?.z ?? null,
          p: test?.p ?? null,
          verbatims: state.samples[theme] ?? [],
        };
      })
      .sort((a, b) => b.mentions - a.mentions || a.theme.localeCompare(b.theme)),
  };
}
