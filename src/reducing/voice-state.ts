/**
 * Voice of the customer: comments matched against a theme dictionary (keywords in any language,
 * as whole words or, in Chinese and Japanese, at word boundaries: theme-matcher.ts), counted by
 * NPS class per theme, with a deterministic sample of representative comments per theme and
 * NPS class, redacted before they are kept; the same per group (each level of each dimension).
 * A sample holds each comment once: texts that differ only in case, accents, punctuation or
 * spacing are one verbatim. Keeping a sample per class lets the figures illustrate a problem
 * theme with its detractors' comments and praise with its promoters' (voice-figures.ts), and a
 * comment that praises is kept as a quote for praise only, never for a problem; memory
 * stays bounded by (1 + levels) × themes × classes × sample size. One pass, mergeable.
 *
 * `addComment` is the plain reducer of one comment; the loader adds comments through
 * fast/comment-reader.ts, which reads each distinct text once (property-tested to the same
 * state).
 */
import { NPS_CLASS_NAMES, npsClass, type NpsClass } from '../contracts/nps-classes.ts';
import type { ThemeDictionary } from '../contracts/theme-dictionary.ts';
import { foldText } from '../reading/fold-text.ts';
import { redactPersonalData } from '../reading/redact-personal-data.ts';
import type { CompiledThemes } from './theme-matcher.ts';

export interface Verbatim {
  /** Redacted comment text. */
  text: string;
  /** Its comparison form (commentForm): a sample keeps one verbatim per form. */
  form: string;
  npsClass: NpsClass;
  recommend?: number;
  /** Sort key: a hash, so the sample is deterministic and merges exactly. */
  key: number;
}

/** NPS class → up to `sampleSize` verbatims of that class with the smallest keys. */
export type ClassSamples = Record<NpsClass, Verbatim[]>;

/** One group's comments: counts by class and theme, and its samples by theme and class. */
export interface GroupVoice {
  comments: Record<NpsClass, number>;
  mentions: Record<string, Record<NpsClass, number>>;
  /** Theme → the group's samples by class. */
  samples: Record<string, ClassSamples>;
}

export interface VoiceState {
  comments: Record<NpsClass, number>;
  /** Theme → NPS class → comments mentioning it. */
  mentions: Record<string, Record<NpsClass, number>>;
  /** Theme → samples by class. */
  samples: Record<string, ClassSamples>;
  sampleSize: number;
  /** The praise themes of the dictionary: a comment one of them matches illustrates no problem. */
  praiseThemes: readonly string[];
  /** The survey's dimensions, in the order of a record's levels. */
  dimensions: readonly string[];
  /** Dimension → level → that group's comments. */
  groups: Record<string, Record<string, GroupVoice>>;
}

/** FNV-1a over the UTF-16 code units of `text`, continuing from `h`. */
export function fnv1a(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A comment's sample key: FNV-1a of "<comment>\0<id>". A hash, so the sample is the same
 * whatever the order or split of the rows, and merges exactly.
 */
export function commentKey(id: string, text: string, textHash = fnv1a(text)): number {
  const h = Math.imul(textHash, 0x01000193) >>> 0; // the separator: h ^ 0 is h
  return fnv1a(id, h);
}

const EMPTY = (): Record<NpsClass, number> => ({
  promoter: 0,
  passive: 0,
  detractor: 0,
  unknown: 0,
});

const NO_SAMPLES = (): ClassSamples => ({ promoter: [], passive: [], detractor: [], unknown: [] });

/**
 * The form under which comments count as the same: folded (case, accents: fold-text.ts), every
 * run of characters other than letters and digits as one space, trimmed. "Late delivery!!" and
 * "late  delivery" are one comment; "配送が遅い。" and "配送が遅い" too.
 * @example commentForm('Late   DELIVERY!!') // 'late delivery'
 */
export function commentForm(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * An empty voice state.
 * @param dimensions the survey's dimensions, in the order comments hand their levels
 */
export function createVoiceState(
  themes: ThemeDictionary,
  sampleSize = 3,
  dimensions: readonly string[] = [],
): VoiceState {
  const mentions: VoiceState['mentions'] = {};
  const samples: VoiceState['samples'] = {};
  for (const theme of Object.keys(themes)) {
    mentions[theme] = EMPTY();
    samples[theme] = NO_SAMPLES();
  }
  const groups: VoiceState['groups'] = {};
  for (const d of dimensions) groups[d] = {};
  const praiseThemes = Object.keys(themes).filter((t) => themes[t]!.sentiment === 'praise');
  return { comments: EMPTY(), mentions, samples, sampleSize, praiseThemes, dimensions, groups };
}

function createGroupVoice(state: VoiceState): GroupVoice {
  const mentions: GroupVoice['mentions'] = {};
  const samples: GroupVoice['samples'] = {};
  for (const theme of Object.keys(state.mentions)) {
    mentions[theme] = EMPTY();
    samples[theme] = NO_SAMPLES();
  }
  return { comments: EMPTY(), mentions, samples };
}

/**
 * Sample order: whether a comment of this key and text comes before `kept` (by key, then by
 * text: two comments with one key still sort one way).
 */
function comesBefore(key: number, text: string, kept: Verbatim): boolean {
  return key < kept.key || (key === kept.key && text < kept.text);
}

/**
 * Keeps the `size` first verbatims (by key) among distinct comment forms: a comment repeated by
 * many customers, however they wrote its case and punctuation, is one verbatim, the first of
 * its form. The sample is the same whatever the order or split of the rows.
 */
export function keepSmallest(list: Verbatim[], item: Verbatim, size: number): Verbatim[] {
  if (keptBefore(list, item.form, item.key, item.text)) return list;
  // A list holds each form once: the item replaces its form's entry, if any.
  const next = [...list.filter((v) => v.form !== item.form), item].sort((a, b) =>
    comesBefore(a.key, a.text, b) ? -1 : comesBefore(b.key, b.text, a) ? 1 : 0,
  );
  return next.slice(0, size);
}

/** The list keeps this comment's form already, first in sample order (the list stays). */
function keptBefore(list: Verbatim[], form: string, key: number, text: string): boolean {
  for (let i = 0; i < list.length; i++) {
    const kept = list[i]!;
    if (kept.form === form) return !comesBefore(key, text, kept);
  }
  return false;
}

/**
 * Whether keepSmallest would leave the sample `list` as it is for this comment, told before a
 * verbatim is built (most comments lose): the list is full and its last comes first, or it keeps
 * the comment's form first already.
 */
export function losesToSample(
  list: Verbatim[],
  size: number,
  key: number,
  text: string,
  form: string,
): boolean {
  return (
    (list.length >= size && !comesBefore(key, text, list[list.length - 1]!)) ||
    keptBefore(list, form, key, text)
  );
}

/** What a comment text yields, whoever wrote it: the themes it mentions and its redacted text. */
export interface CommentReading {
  themes: string[];
  /** Redacted text; null when no theme matched (nothing is kept). */
  text: string | null;
  /** The redacted text's comparison form (commentForm); "" when no text is kept. */
  form: string;
  /** FNV-1a of the redacted text, the first part of its sample keys (see commentKey). */
  hash: number;
}

/** What a comment says: its themes and, when a theme keeps it, its redacted text. */
export function readComment(
  matchers: CompiledThemes,
  trimmed: string,
  extraPatterns: readonly string[],
): CommentReading {
  const themes = matchers.match(trimmed);
  // Redacted only when a theme keeps it as a sample (the text goes nowhere else).
  const text = themes.length > 0 ? redactPersonalData(trimmed, extraPatterns) : null;
  return {
    themes,
    text,
    form: text === null ? '' : commentForm(text),
    hash: text === null ? 0 : fnv1a(text),
  };
}

/**
 * Adds one to a class's count. Named stores: a store at a key held in a variable is a generic
 * (megamorphic) one, and this runs for every comment.
 */
export function countClass(counts: Record<NpsClass, number>, cls: NpsClass): void {
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
 * Offers a comment to its class's sample in `samples` (mutates): most comments lose to the
 * sample already kept, decided before anything is built. Named loads and stores, as in
 * countClass.
 */
function offerTo(
  samples: ClassSamples,
  cls: NpsClass,
  reading: CommentReading,
  recommend: number | undefined,
  key: number,
  size: number,
): void {
  const list =
    cls === 'promoter'
      ? samples.promoter
      : cls === 'passive'
        ? samples.passive
        : cls === 'detractor'
          ? samples.detractor
          : samples.unknown;
  const text = reading.text!;
  if (losesToSample(list, size, key, text, reading.form)) return;
  const next = keepSmallest(
    list,
    { text, form: reading.form, npsClass: cls, recommend, key },
    size,
  );
  if (cls === 'promoter') samples.promoter = next;
  else if (cls === 'passive') samples.passive = next;
  else if (cls === 'detractor') samples.detractor = next;
  else samples.unknown = next;
}

/**
 * Adds a comment already read (mutates): counts its class overall and per theme, and offers it
 * to its class's sample of each theme under `key`; the same for each group of `levels`.
 * @param levels the respondent's level of each of the state's dimensions (undefined: none)
 */
function addReadComment(
  state: VoiceState,
  reading: CommentReading,
  cls: NpsClass,
  recommend: number | undefined,
  key: number,
  levels: ArrayLike<string | undefined> = [],
): VoiceState {
  const { themes } = reading;
  // Praise ("Fair price for the quality") also mentions what it praises: it counts there, but
  // is no quote for a problem.
  const praise = state.praiseThemes;
  let praised = false;
  for (let t = 0; t < themes.length && !praised; t++) praised = praise.includes(themes[t]!);
  addToVoice(state, state, reading, cls, recommend, key, praised);
  for (let i = 0; i < state.dimensions.length; i++) {
    const level = levels[i];
    if (level === undefined) continue;
    const group = groupVoiceOf(state, state.dimensions[i]!, level);
    addToVoice(group, state, reading, cls, recommend, key, praised);
  }
  return state;
}

/**
 * Counts a comment already read in one voice (the state's own, or one group's) and offers it to
 * the samples of the themes it may illustrate: all of them, or only the praise themes when
 * `praised`. The state gives the sample size and the praise themes.
 */
function addToVoice(
  voice: GroupVoice,
  state: VoiceState,
  reading: CommentReading,
  cls: NpsClass,
  recommend: number | undefined,
  key: number,
  praised: boolean,
): void {
  countClass(voice.comments, cls);
  if (reading.text === null) return;
  const praise = state.praiseThemes;
  for (const theme of reading.themes) {
    countClass(voice.mentions[theme]!, cls);
    if (!praised || praise.includes(theme))
      offerTo(voice.samples[theme]!, cls, reading, recommend, key, state.sampleSize);
  }
}

/** Adds one comment (mutates). The text is redacted before anything is kept. */
export function addComment(
  state: VoiceState,
  matchers: CompiledThemes,
  comment: string,
  recommend: number | undefined,
  id: string,
  extraPatterns: readonly string[] = [],
  levels: ArrayLike<string | undefined> = [],
): VoiceState {
  const trimmed = comment.trim();
  if (trimmed === '') return state;
  const reading = readComment(matchers, trimmed, extraPatterns);
  const key = reading.text === null ? 0 : commentKey(id, reading.text, reading.hash);
  return addReadComment(state, reading, npsClass(recommend), recommend, key, levels);
}

/** The voice of one group of a state, made empty when first asked for (mutates the state). */
export function groupVoiceOf(state: VoiceState, dimension: string, level: string): GroupVoice {
  const byLevel = (state.groups[dimension] ??= {});
  return (byLevel[level] ??= createGroupVoice(state));
}

/**
 * Adds `from`'s counts and samples to `into` (mutates `into`, over `into`'s themes): exact,
 * since counts add and a sample is the `size` smallest keys among distinct forms.
 */
export function addVoice(into: GroupVoice, from: GroupVoice, size: number): void {
  const add = (x: Record<NpsClass, number>, y: Record<NpsClass, number>) => {
    for (const cls of NPS_CLASS_NAMES) x[cls] += y[cls];
  };
  add(into.comments, from.comments);
  for (const theme of Object.keys(into.mentions)) {
    const mentions = from.mentions[theme];
    if (mentions) add(into.mentions[theme]!, mentions);
    const samples = from.samples[theme];
    if (!samples) continue;
    const kept = into.samples[theme]!;
    for (const cls of NPS_CLASS_NAMES)
      for (const verbatim of samples[cls]) kept[cls] = keepSmallest(kept[cls], verbatim, size);
  }
}

/** Combines two states exactly. */
export function mergeVoice(a: VoiceState, b: VoiceState): VoiceState {
  const size = a.sampleSize;
  const overall = createGroupVoice(a);
  addVoice(overall, a, size);
  addVoice(overall, b, size);
  const groups: VoiceState['groups'] = {};
  for (const dimension of a.dimensions) {
    const x = a.groups[dimension] ?? {};
    const y = b.groups[dimension] ?? {};
    groups[dimension] = {};
    for (const level of new Set([...Object.keys(x), ...Object.keys(y)])) {
      const merged = createGroupVoice(a);
      if (x[level]) addVoice(merged, x[level], size);
      if (y[level]) addVoice(merged, y[level], size);
      groups[dimension][level] = merged;
    }
  }
  return {
    ...overall,
    sampleSize: size,
    praiseThemes: a.praiseThemes,
    dimensions: a.dimensions,
    groups,
  };
}
