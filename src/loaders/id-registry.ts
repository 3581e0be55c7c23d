/**
 * Remembers which ids a table has used, and in which row, without keeping the id strings:
 * each id is reduced to a 128-bit hash (four independent 32-bit hashes) in an open-addressing
 * table of typed arrays. Memory is 20 bytes a slot instead of a string and a Map entry, which
 * is what lets a file of millions of rows stream in bounded memory. Two different ids would
 * have to agree on all 128 bits to be confused: about 1 in 10^25 for ten million ids.
 */

const SEEDS = [0x811c9dc5, 0x01000193 ^ 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35] as const;

/** murmur3's fmix32: spreads nearby ids over the table. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class IdRegistry {
  private keys: Uint32Array;
  private rows: Uint32Array;
  private capacity: number;
  private count = 0;

  constructor(initialCapacity = 1 << 12) {
    this.capacity = initialCapacity;
    this.keys = new Uint32Array(initialCapacity * 4);
    this.rows = new Uint32Array(initialCapacity);
  }

  /** Number of distinct ids seen. */
  get size(): number {
    return this.count;
  }

  /**
   * Records `id` at `row` unless it was seen before.
   * @returns the row where the id was first seen, or 0 when it is new (rows start at 1)
   */
  firstRow(id: string, row: number): number {
    if (this.count * 2 >= this.capacity) this.grow();
    // Four FNV-style lanes with different seeds and multipliers, in one pass over the string.
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
    return this.insert(fmix(a) || 1, fmix(b), fmix(c), fmix(d), row);
  }

  private insert(a: number, b: number, c: number, d: number, row: number): number {
    const mask = this.capacity - 1;
    let slot = a & mask;
    for (;;) {
      const at = slot * 4;
      if (this.keys[at] === 0) {
        this.keys[at] = a;
        this.keys[at + 1] = b;
        this.keys[at + 2] = c;
        this.keys[at + 3] = d;
        this.rows[slot] = row;
        this.count += 1;
        return 0;
      }
      if (
        this.keys[at] === a &&
        this.keys[at + 1] === b &&
        this.keys[at + 2] === c &&
        this.keys[at + 3] === d
      ) {
        return this.rows[slot]!;
      }
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    const oldCapacity = this.capacity;
    this.capacity *= 2;
    this.keys = new Uint32Array(this.capacity * 4);
    this.rows = new Uint32Array(this.capacity);
    this.count = 0;
    for (let slot = 0; slot < oldCapacity; slot++) {
      const at = slot * 4;
      if (oldKeys[at] === 0) continue;
      this.insert(
        oldKeys[at]!,
        oldKeys[at + 1]!,
        oldKeys[at + 2]!,
        oldKeys[at + 3]!,
        oldRows[slot]!,
      );
    }
  }
}
