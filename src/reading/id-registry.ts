/**
 * Remembers which ids a table has used, and in which row, without keeping the id strings:
 * each id is reduced to a 128-bit hash (four independent 32-bit hashes) in an open-addressing
 * table of typed arrays. Memory is 20 bytes a slot instead of a string and a Map entry, which
 * is what lets a file of millions of rows stream in bounded memory. Two different ids would
 * have to agree on all 128 bits to be confused: about 1 in 10^25 for ten million ids. Numbered
 * ids ("R1001") skip the hash: their first rows sit in an array indexed by the number.
 */

import { IdNumbering, idText, NUMBERED_LIMIT, type IdRef } from './id-refs.ts';

const SEEDS = [0x811c9dc5, 0x01000193 ^ 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35] as const;

/** murmur3's fmix32: spreads nearby ids over the table. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The four hash words of the last id hashed (one array for every call: no allocation). */
const LANES = new Uint32Array(4);

/**
 * Hashes an id into LANES: four FNV-style lanes with different seeds and multipliers, in one
 * pass over the string (the first never 0, which marks an empty slot).
 */
function hashLanes(id: string): void {
  let a: number = SEEDS[0];
  let b: number = SEEDS[1];
  let c: number = SEEDS[2];
  let d: number = SEEDS[3];
  for (let i = 0; i < id.length; i++) {
    const ch = id.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    a ^= a >>> 13;
    b = Math.imul(b ^ ch, 0x5bd1e995);
    b ^= b >>> 13;
    c = Math.imul(c ^ ch, 0x27d4eb2d);
    c ^= c >>> 13;
    d = Math.imul(d ^ ch, 0x165667b1);
    d ^= d >>> 13;
  }
  LANES[0] = fmix(a) || 1;
  LANES[1] = fmix(b);
  LANES[2] = fmix(c);
  LANES[3] = fmix(d);
}

/** An IdRegistry as plain data, to cross threads. */
export interface IdRegistryState {
  slots: Uint32Array<ArrayBuffer>;
  capacity: number;
  count: number;
  dense: Uint32Array<ArrayBuffer>;
  denseCount: number;
  /** Prefix of the numbered ids (null: none met). */
  prefix: string | null;
  /** Whether a tag is kept with each id. */
  tagged: boolean;
}

export class IdRegistry {
  private slots: Uint32Array<ArrayBuffer>;
  private capacity: number;
  private count = 0;
  /** Each numbered id's first row (and its tag, when tagged), side by side. */
  private dense: Uint32Array<ArrayBuffer> = new Uint32Array(0);
  private denseCount = 0;
  /** Words per numbered id: the row, then the tag when tagged. */
  private readonly denseWords: number;
  /**
   * Words per hashed slot: the four hash words, the row, then the tag when tagged (one cache
   * line holds a whole slot).
   */
  private readonly slotWords: number;
  /**
   * The tag stored with the id that the last call of firstRow found already seen: what the
   * caller said of the row that used it first (e.g. a hash of its amount), to compare with the
   * repeat's without keeping the first row. Kept only by a tagged registry.
   */
  firstTag = 0;
  /** Numbered ids ("R1001") live in `dense`, read in order instead of at random. */
  private numbering = new IdNumbering();

  /**
   * @param expected ids the table should hold without growing (rounded up to a power of two)
   * @param tagged keep a tag with each id (a word more an id)
   */
  constructor(expected = 1 << 11, tagged = false) {
    this.denseWords = tagged ? 2 : 1;
    this.slotWords = tagged ? 6 : 5;
    this.capacity = 1 << Math.max(4, Math.ceil(Math.log2(expected * 2)));
    this.slots = new Uint32Array(this.capacity * this.slotWords);
  }

  /** Number of distinct ids seen. */
  get size(): number {
    return this.count + this.denseCount;
  }

  /**
   * Records `id` at `row` (with a tag, a 32-bit word the caller may compare when the id comes
   * again: `firstTag`) unless it was seen before.
   * @returns the row where the id was first seen, or 0 when it is new (rows start at 1)
   */
  firstRow(id: IdRef, row: number, tag = 0): number {
    const n = this.numbering.numberOf(id);
    if (n >= 0) {
      const words = this.denseWords;
      const at = n * words;
      if (at >= this.dense.length) {
        const bigger: Uint32Array<ArrayBuffer> = new Uint32Array(
          Math.min(NUMBERED_LIMIT, 2 ** Math.ceil(Math.log2(n + 1))) * words,
        );
        bigger.set(this.dense);
        this.dense = bigger;
      }
      const first = this.dense[at]!;
      if (first === 0) {
        this.dense[at] = row;
        if (words === 2) this.dense[at + 1] = tag;
        this.denseCount += 1;
      } else if (words === 2) this.firstTag = this.dense[at + 1]!;
      return first;
    }
    return this.hashed(idText(id), row, tag);
  }

  private hashed(id: string, row: number, tag: number): number {
    if (this.count * 2 >= this.capacity) this.grow();
    hashLanes(id);
    return this.insert(LANES[0]!, LANES[1]!, LANES[2]!, LANES[3]!, row, tag);
  }

  /** True when `id` was recorded (nothing is recorded by asking). */
  has(id: IdRef): boolean {
    // Without a prefix no numbered id was met: every id sits in the hashed table.
    if (this.numbering.numberedPrefix !== null) {
      const n = this.numbering.numberOf(id);
      if (n >= 0) {
        const at = n * this.denseWords;
        return at < this.dense.length && this.dense[at] !== 0;
      }
    }
    hashLanes(idText(id));
    const a = LANES[0]!;
    const b = LANES[1]!;
    const c = LANES[2]!;
    const d = LANES[3]!;
    const slots = this.slots;
    const mask = this.capacity - 1;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      const at = slot * this.slotWords;
      if (slots[at] === 0) return false;
      if (slots[at] === a && slots[at + 1] === b && slots[at + 2] === c && slots[at + 3] === d)
        return true;
    }
  }

  /** The registry as plain data, for another thread (its arrays can be transferred). */
  state(): IdRegistryState {
    return {
      slots: this.slots,
      capacity: this.capacity,
      count: this.count,
      dense: this.dense,
      denseCount: this.denseCount,
      prefix: this.numbering.numberedPrefix,
      tagged: this.slotWords === 6,
    };
  }

  /** The registry a state describes (the same ids at the same rows). */
  static fromState(state: IdRegistryState): IdRegistry {
    const registry = new IdRegistry(1, state.tagged);
    registry.slots = state.slots;
    registry.capacity = state.capacity;
    registry.count = state.count;
    registry.dense = state.dense;
    registry.denseCount = state.denseCount;
    registry.numbering = IdNumbering.withPrefix(state.prefix);
    return registry;
  }

  private insert(a: number, b: number, c: number, d: number, row: number, tag: number): number {
    const slots = this.slots;
    const mask = this.capacity - 1;
    const tagged = this.slotWords === 6;
    let slot = a & mask;
    for (;;) {
      const at = slot * this.slotWords;
      const key = slots[at]!;
      if (key === 0) {
        slots[at] = a;
        slots[at + 1] = b;
        slots[at + 2] = c;
        slots[at + 3] = d;
        slots[at + 4] = row;
        if (tagged) slots[at + 5] = tag;
        this.count += 1;
        return 0;
      }
      if (key === a && slots[at + 1] === b && slots[at + 2] === c && slots[at + 3] === d) {
        if (tagged) this.firstTag = slots[at + 5]!;
        return slots[at + 4]!;
      }
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.capacity *= 2;
    const words = this.slotWords;
    this.slots = new Uint32Array(this.capacity * words);
    this.count = 0;
    for (let at = 0; at < old.length; at += words) {
      if (old[at] === 0) continue;
      const tag = words === 6 ? old[at + 5]! : 0;
      this.insert(old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!, old[at + 4]!, tag);
    }
  }
}
