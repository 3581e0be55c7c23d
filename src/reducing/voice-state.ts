/**
 * Voice of the customer: comments matched against a theme dictionary (keywords in any language,
 * as whole words or, in Chinese and Japanese, at word boundaries: theme-matcher.ts), counted by
 * NPS class per theme, with a deterministic sample of representative comments, redacted before
 * they are kept; the same per group (each level of each dimension), with a sample of the group's
 * detractors' comments only, so memory stays bounded by levels × themes × sample size. One
 * pass, mergeable.
 *
 * `addComment` is the plain reducer of one comment; the loader adds comments through
 * fast/comment-reader.ts, which reads each distinct text once (property-tested to the same
 * state).
 */
import { npsClass, type NpsClass } from '../contracts/nps-classes.ts';
import type { ThemeDictionary } from '../contracts/theme-dictionary.ts';
import { redactPersonalData } from '../reading/redact-personal-data.ts';
import type { CompiledThemes } from './theme-matcher.ts';

export interface Verbatim {
  /** Redacted comment text. */
  text: string;
  npsClass: NpsClass;
  recommend?: number;
  /** Sort key: a hash, so the sample is deterministic and merges exactly. */
  key: number;
}

/** One group's comments: counts by class and theme, and its detractors' samples by theme. */
export interface GroupVoice {
  comments: Record<NpsClass, number>;
  mentions: Record<string, Record<NpsClass, number>>;
  /** Theme → up to `sampleSize` detractors' verbatims with the smallest keys. */
  detractorSamples: Record<string, Verbatim[]>;
}

export interface VoiceState {
  comments: Record<NpsClass, number>;
  /** Theme → NPS class → comments mentioning it. */
  mentions: Record<string, Record<NpsClass, number>>;
  /** Theme → up to `sampleSize` verbatims with the smallest keys. */
  samples: Record<string, Verbatim[]>;
  sampleSize: number;
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
    samples[theme] = [];
  }
  const groups: VoiceState['groups'] = {};
  for (const d of dimensions) groups[d] = {};
  return { comments: EMPTY(), mentions, samples, sampleSize, dimensions, groups };
}

function createGroupVoice(state: VoiceState): GroupVoice {
  const mentions: GroupVoice['mentions'] = {};
  const detractorSamples: GroupVoice['detractorSamples'] = {};
  for (const theme of Object.keys(state.mentions)) {
    mentions[theme] = EMPTY();
    detractorSamples[theme] = [];
  }
  return { comments: EMPTY(), mentions, detractorSamples };
}

/** Offers a verbatim to a sample list; returns the list to keep (the same when it loses). */
function offer(list: Verbatim[], item: Verbatim, size: number): Verbatim[] {
  // Most comments lose to the sample already kept, or repeat a text it keeps with a smaller
  // key: decide that without building a new list (what keepSmallest would return).
  if (list.length >= size && item.key > list[list.length - 1]!.key) return list;
  if (keptWithSmallerKey(list, item.text, item.key)) return list;
  return keepSmallest(list, item, size);
}

/**
 * Keeps the `size` smallest keys among distinct texts (a text repeated by many customers is
 * one verbatim, with its smallest key), so the sample is the same whatever the order or split.
 */
export function keepSmallest(list: Verbatim[], item: Verbatim, size: number): Verbatim[] {
  if (keptWithSmallerKey(list, item.text, item.key)) return list;
  // A list holds each text once: the item replaces its text's entry, if any.
  const next = [...list.filter((v) => v.text !== item.text), item].sort(
    (a, b) => a.key - b.key || a.text.localeCompare(b.text),
  );
  return next.slice(0, size);
}

/** The list keeps this text already, with a key no larger (keepSmallest would keep the list). */
export function keptWithSmallerKey(list: Verbatim[], text: string, key: number): boolean {
  for (let i = 0; i < list.length; i++) {
    const kept = list[i]!;
    if (kept.text === text) return kept.key <= key;
  }
  return false;
}

/** What a comment text yields, whoever wrote it: the themes it mentions and its redacted text. */
export interface CommentReading {
  themes: string[];
  /** Redacted text; null when no theme matched (nothing is kept). */
  text: string | null;
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
  return { themes, text, hash: text === null ? 0 : fnv1a(text) };
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
 * Adds a comment already read (mutates): counts its class overall and per theme, and offers it
 * to each theme's sample under `key`; the same for each group of `levels` (a detractor's comment
 * only to the group's samples).
 * @param levels the respondent's level of each of the state's dimensions (undefined: none)
 */
export function addReadComment(
  state: VoiceState,
  reading: CommentReading,
  cls: NpsClass,
  recommend: number | undefined,
  key: number,
  levels: ArrayLike<string | undefined> = [],
): VoiceState {
  countClass(state.comments, cls);
  const { themes, text } = reading;
  const groups: GroupVoice[] = [];
  for (let i = 0; i < state.dimensions.length; i++) {
    const level = levels[i];
    if (level === undefined) continue;
    const byLevel = state.groups[state.dimensions[i]!]!;
    const group = (byLevel[level] ??= createGroupVoice(state));
    countClass(group.comments, cls);
    groups.push(group);
  }
  if (text === null) return state;
  for (const theme of themes) {
    countClass(state.mentions[theme]!, cls);
    const item = { text, npsClass: cls, recommend, key };
    state.samples[theme] = offer(state.samples[theme]!, item, state.sampleSize);
    for (const group of groups) {
      countClass(group.mentions[theme]!, cls);
      if (cls === 'detractor')
        group.detractorSamples[theme] = offer(
          group.detractorSamples[theme]!,
          item,
          state.sampleSize,
        );
    }
  }
  return state;
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

/** Combines two states exactly. */
export function mergeVoice(a: VoiceState, b: VoiceState): VoiceState {
  const add = (x: Record<NpsClass, number>, y: Record<NpsClass, number>) => ({
    promoter: x.promoter + y.promoter,
    passive: x.passive + y.passive,
    detractor: x.detractor + y.detractor,
    unknown: x.unknown + y.unknown,
  });
  const mergeSamples = (x: Verbatim[], y: Verbatim[] | undefined) =>
    (y ?? []).reduce((list, v) => keepSmallest(list, v, a.sampleSize), x);
  const mentions: VoiceState['mentions'] = {};
  const samples: VoiceState['samples'] = {};
  for (const theme of Object.keys(a.mentions)) {
    mentions[theme] = add(a.mentions[theme]!, b.mentions[theme] ?? EMPTY());
    samples[theme] = mergeSamples(a.samples[theme]!, b.samples[theme]);
  }
  const groups: VoiceState['groups'] = {};
  for (const dimension of a.dimensions) {
    const x = a.groups[dimension] ?? {};
    const y = b.groups[dimension] ?? {};
    groups[dimension] = {};
    for (const level of new Set([...Object.keys(x), ...Object.keys(y)])) {
      const empty = createGroupVoice(a);
      const gx = x[level] ?? empty;
      const gy = y[level] ?? empty;
      const merged = createGroupVoice(a);
      merged.comments = add(gx.comments, gy.comments);
      for (const theme of Object.keys(a.mentions)) {
        merged.mentions[theme] = add(gx.mentions[theme]!, gy.mentions[theme] ?? EMPTY());
        merged.detractorSamples[theme] = mergeSamples(
          gx.detractorSamples[theme]!,
          gy.detractorSamples[theme],
        );
      }
      groups[dimension][level] = merged;
    }
  }
  return {
    comments: add(a.comments, b.comments),
    mentions,
    samples,
    sampleSize: a.sampleSize,
    dimensions: a.dimensions,
    groups,
  };
}
