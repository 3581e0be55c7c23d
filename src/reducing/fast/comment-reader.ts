/**
 * The loader's way into the voice state: short comments repeat ("Great service", "ok"), so each
 * distinct text is folded, matched and redacted once per reader (a bounded memo, so memory
 * stays flat); ids are IdRefs, hashed without making their text. The state is the one
 * addComment gives (property-tested).
 */
import { npsClass } from '../../contracts/nps-classes.ts';
import { idParts, type IdRef } from '../../reading/id-refs.ts';
import {
  addReadComment,
  fnv1a,
  readComment,
  type CommentReading,
  type VoiceState,
} from '../voice-state.ts';
import type { CompiledThemes } from '../theme-matcher.ts';

const READINGS_LIMIT = 10_000;

/**
 * commentKey for an IdRef: FNV-1a of "<comment>\0<id text>" without building the id's text.
 * The comment's part, `textHash`, is computed once per distinct comment.
 */
export function commentKeyOfRef(id: IdRef, textHash: number): number {
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

export class CommentReader {
  private readonly readings = new Map<string, CommentReading>();
  private readonly state: VoiceState;
  private readonly matchers: CompiledThemes;
  private readonly extraPatterns: readonly string[];

  constructor(state: VoiceState, matchers: CompiledThemes, extraPatterns: readonly string[] = []) {
    this.state = state;
    this.matchers = matchers;
    this.extraPatterns = extraPatterns;
  }

  /** Adds one comment (the same as addComment with the id's text and the respondent's levels). */
  add(
    comment: string,
    recommend: number | undefined,
    id: IdRef,
    levels: ArrayLike<string | undefined> = [],
  ): void {
    const trimmed = hasEdgeSpace(comment) ? comment.trim() : comment;
    if (trimmed === '') return;
    let reading = this.readings.get(trimmed);
    if (!reading) {
      reading = readComment(this.matchers, trimmed, this.extraPatterns);
      if (this.readings.size < READINGS_LIMIT) this.readings.set(trimmed, reading);
    }
    const key = reading.text === null ? 0 : commentKeyOfRef(id, reading.hash);
    addReadComment(this.state, reading, npsClass(recommend), recommend, key, levels);
  }
}
