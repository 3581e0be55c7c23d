/**
 * The loader's way into the voice state: short comments repeat ("Great service", "ok"), so each
 * distinct text is folded, matched and redacted once per reader (a bounded memo, so memory
 * stays flat); ids are IdRefs, hashed without making their text. A comment is counted and
 * offered to the samples of its cell (its combination of levels) only, in arrays indexed by
 * theme and class; `finish` folds the cells into the state's overall and per-group figures,
 * which is exact because counts add and a sample is the smallest keys of distinct forms
 * (voice-state.ts). The state after `finish` is the one addComment gives (property-tested).
 */
import { NPS_CLASS_NAMES, npsClass, type NpsClass } from '../../contracts/nps-classes.ts';
import { NUMBER_BITS, NUMBERED_LIMIT, prefixes, type IdRef } from '../../reading/id-refs.ts';
import {
  addVoice,
  fnv1a,
  groupVoiceOf,
  keepSmallest,
  losesToSample,
  readComment,
  type ClassSamples,
  type CommentReading,
  type GroupVoice,
  type Verbatim,
  type VoiceState,
} from '../voice-state.ts';
import type { CompiledThemes } from '../theme-matcher.ts';
import { LevelTree } from './level-tree.ts';

const READINGS_LIMIT = 10_000;
const CLASSES = NPS_CLASS_NAMES.length;

/**
 * commentKey for an IdRef: FNV-1a of "<comment>\0<id text>" without building the id's text.
 * The comment's part, `textHash`, is computed once per distinct comment.
 */
export function commentKeyOfRef(id: IdRef, textHash: number): number {
  const h = Math.imul(textHash, 0x01000193) >>> 0; // the separator: h ^ 0 is h
  if (typeof id === 'string') return fnv1a(id, h);
  let key = fnv1a(prefixes[id >>> NUMBER_BITS]!, h);
  // The number's decimal digits, most significant first (a number below 2^22: at most 7).
  const number = id & (NUMBERED_LIMIT - 1);
  let place = 1;
  while (place * 10 <= number) place *= 10;
  for (; place >= 1; place = (place / 10) | 0) {
    const digit = ((number / place) | 0) % 10;
    key = Math.imul(key ^ (48 + digit), 0x01000193) >>> 0;
  }
  return key;
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

/** A distinct comment text as read once: its reading and its themes by number. */
interface ReadText {
  reading: CommentReading;
  /** Numbers of the themes it mentions (counted when its text is kept). */
  themes: Int32Array;
  /** Numbers of the themes whose samples may keep it: a praising comment, praise themes only. */
  sampled: Int32Array;
}

/** One combination of levels: its comments by class, mentions and samples by theme × class. */
interface CellVoice {
  levels: Array<string | undefined>;
  comments: Float64Array;
  /** At theme × CLASSES + class. */
  mentions: Float64Array;
  /** At theme × CLASSES + class: up to the sample size, in sample order. */
  samples: Verbatim[][];
}

/** The class's position in NPS_CLASS_NAMES. */
function classAt(cls: NpsClass): number {
  return NPS_CLASS_NAMES.indexOf(cls);
}

export class CommentReader {
  private readonly readings = new Map<string, ReadText>();
  private readonly state: VoiceState;
  private readonly matchers: CompiledThemes;
  private readonly extraPatterns: readonly string[];
  /** The state's themes, in its order; a theme's number is its place here. */
  private readonly themeNames: string[];
  private readonly themeNumber: Map<string, number>;
  private readonly praise: Set<string>;
  private readonly cells: LevelTree<CellVoice>;
  /** The cells in the order their first comment came (the state's groups keep that order). */
  private cellList: CellVoice[] = [];

  constructor(state: VoiceState, matchers: CompiledThemes, extraPatterns: readonly string[] = []) {
    this.state = state;
    this.matchers = matchers;
    this.extraPatterns = extraPatterns;
    this.themeNames = Object.keys(state.mentions);
    this.themeNumber = new Map(this.themeNames.map((theme, i) => [theme, i]));
    this.praise = new Set(state.praiseThemes);
    this.cells = new LevelTree(state.dimensions.length);
  }

  /**
   * Adds one comment (the same as addComment with the id's text and the respondent's levels,
   * once `finish` has run).
   */
  add(
    comment: string,
    recommend: number | undefined,
    id: IdRef,
    levels: ArrayLike<string | undefined> = [],
  ): void {
    const trimmed = hasEdgeSpace(comment) ? comment.trim() : comment;
    if (trimmed === '') return;
    let read = this.readings.get(trimmed);
    if (!read) {
      read = this.readText(trimmed);
      if (this.readings.size < READINGS_LIMIT) this.readings.set(trimmed, read);
    }
    const cls = classAt(npsClass(recommend));
    const cell = this.cells.get(levels, this.newCell);
    cell.comments[cls]! += 1;
    const { reading, themes, sampled } = read;
    if (reading.text === null) return;
    for (let t = 0; t < themes.length; t++) cell.mentions[themes[t]! * CLASSES + cls]! += 1;
    if (sampled.length === 0) return;
    const key = commentKeyOfRef(id, reading.hash);
    const size = this.state.sampleSize;
    for (let t = 0; t < sampled.length; t++) {
      const at = sampled[t]! * CLASSES + cls;
      const list = cell.samples[at]!;
      if (losesToSample(list, size, key, reading.text, reading.form)) continue;
      cell.samples[at] = keepSmallest(
        list,
        {
          text: reading.text,
          form: reading.form,
          npsClass: NPS_CLASS_NAMES[cls]!,
          recommend,
          key,
        },
        size,
      );
    }
  }

  /**
   * Folds the comments added since the last call into the state: overall, and into the group
   * of each of their levels (groups first met first). The state is complete only after it.
   */
  finish(): void {
    const { state } = this;
    for (const cell of this.cellList) {
      const voice = this.groupVoice(cell);
      addVoice(state, voice, state.sampleSize);
      for (let i = 0; i < state.dimensions.length; i++) {
        const level = cell.levels[i];
        if (level === undefined) continue;
        addVoice(groupVoiceOf(state, state.dimensions[i]!, level), voice, state.sampleSize);
      }
    }
    this.cells.clear();
    this.cellList = [];
  }

  private readText(trimmed: string): ReadText {
    const reading = readComment(this.matchers, trimmed, this.extraPatterns);
    // Praise ("Fair price for the quality") also mentions what it praises: it counts there,
    // but is no quote for a problem.
    const praised = reading.themes.some((theme) => this.praise.has(theme));
    const numbers = (themes: string[]) => Int32Array.from(themes, (t) => this.themeNumber.get(t)!);
    return {
      reading,
      themes: numbers(reading.themes),
      sampled: numbers(reading.themes.filter((theme) => !praised || this.praise.has(theme))),
    };
  }

  /** A new cell of these levels (a property, so the lookup hands the same function each time). */
  private readonly newCell = (levels: ArrayLike<string | undefined>): CellVoice => {
    const slots = this.themeNames.length * CLASSES;
    const cell: CellVoice = {
      levels: Array.from({ length: this.state.dimensions.length }, (_, i) => levels[i]),
      comments: new Float64Array(CLASSES),
      mentions: new Float64Array(slots),
      samples: Array.from({ length: slots }, () => []),
    };
    this.cellList.push(cell);
    return cell;
  };

  /** A cell's figures in the state's shape. */
  private groupVoice(cell: CellVoice): GroupVoice {
    const counts = (values: Float64Array, from: number) =>
      Object.fromEntries(NPS_CLASS_NAMES.map((cls, c) => [cls, values[from + c]!])) as Record<
        NpsClass,
        number
      >;
    const mentions: GroupVoice['mentions'] = {};
    const samples: GroupVoice['samples'] = {};
    this.themeNames.forEach((theme, t) => {
      const from = t * CLASSES;
      mentions[theme] = counts(cell.mentions, from);
      samples[theme] = Object.fromEntries(
        NPS_CLASS_NAMES.map((cls, c) => [cls, cell.samples[from + c]!]),
      ) as ClassSamples;
    });
    return { comments: counts(cell.comments, 0), mentions, samples };
  }
}
