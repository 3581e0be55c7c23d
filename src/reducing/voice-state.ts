/**
 * Voice of the customer: comments matched against a theme dictionary (keywords in any language,
 * as whole words or, in Chinese and Japanese, at word boundaries: theme-matcher.ts), counted by
 * NPS class per theme, with a deterministic sample of representative comments,
 * redacted before they are kept. One pass, mergeable.
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

export interface VoiceState {
  comments: Record<NpsClass, number>;
  /** Theme → NPS class → comments mentioning it. */
  mentions: Record<string, Record<NpsClass, number>>;
  /** Theme → up to `sampleSize` verbatims with the smallest keys. */
  samples: Record<string, Verbatim[]>;
  sampleSize: number;
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
 * to each theme's sample under `key`.
 */
export function addReadComment(
  state: VoiceState,
  reading: CommentReading,
  cls: NpsClass,
  recommend: number | undefined,
  key: number,
): VoiceState {
  countClass(state.comments, cls);
  const { themes, text } = reading;
  if (text === null) return state;
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

/** Adds one comment (mutates). The text is redacted before anything is kept. */
export function addComment(
  state: VoiceState,
  matchers: CompiledThemes,
  comment: string,
  recommend: number | undefined,
  id: string,
  extraPatterns: readonly string[] = [],
): VoiceState {
  const trimmed = comment.trim();
  if (trimmed === '') return state;
  const reading = readComment(matchers, trimmed, extraPatterns);
  const key = reading.text === null ? 0 : commentKey(id, reading.text, reading.hash);
  return addReadComment(state, reading, npsClass(recommend), recommend, key);
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
