/**
 * Dense per-customer indexes and columns: the first customer met is 0, the next new one 1, and
 * so on, so per-customer figures live in typed arrays indexed by it (a few numbers a customer
 * instead of an object and a Map entry). Numbered ids find their index by an array read.
 */
import { IdNumbering, idText, type IdRef } from '../reading/id-refs.ts';

/*
 * The loops of the batch functions below are functions of their own, with nothing after the
 * loop: the engine compiles a hot loop while the function is still running its first call, when
 * the code after the loop has not run yet, and that compiled code then gave up (to the
 * interpreter) on reaching the rest of the function, in every call of the whole build.
 */

/** The number of each wanted id (-1: not numbered in this numbering; -2: not wanted). */
function numbersOf(
  numbering: IdNumbering,
  ids: ReadonlyArray<IdRef | undefined>,
  wanted: Uint8Array,
  count: number,
  out: Int32Array,
): void {
  for (let i = 0; i < count; i++) out[i] = wanted[i] ? numbering.numberOf(ids[i]!) : -2;
}

/** Numbers to known indexes, in place (-1: to be added one by one; -2: not wanted). */
function knownIndexes(byNumber: Int32Array, count: number, numbers: Int32Array): void {
  for (let i = 0; i < count; i++) {
    const n = numbers[i]!;
    numbers[i] = n >= 0 && n < byNumber.length ? byNumber[n]! - 1 : n === -2 ? -2 : -1;
  }
}

/** A CustomerIndex as it crosses threads: numbers, not a string per customer. */
export interface PackedIndex {
  /** Prefix of the numbered ids. */
  prefix: string | null;
  /** Number of the id at each index; -1 for an id kept as text. */
  numbers: Int32Array;
  /** [text, index] of the ids kept as text. */
  texts: Array<[string, number]>;
  /** Index + 1 of each numbered id by its number (0: not seen), so the index is not rebuilt. */
  byNumber: Int32Array<ArrayBuffer>;
}

/**
 * A dense index per customer id: the first id met is 0, the next new one 1, and so on, so
 * per-customer figures live in typed arrays indexed by it (a few numbers a customer instead of
 * an object and a Map entry). Numbered ids find their index by an array read; others by a Map.
 * Ids are kept as numbers: their text is made only when asked for (`ids`).
 */
export class CustomerIndex {
  private numbering = new IdNumbering();
  /** Index + 1 of each numbered id by its number (0: not seen). */
  private byNumber = new Int32Array(1024);
  private byText = new Map<string, number>();
  /** Number of the id at each index; -1 for an id in byText. */
  private numberAt = new Int32Array(1024);
  private count = 0;
  private texts: string[] | null = null;

  /** An independent copy (memory copies, no id read again). */
  clone(): CustomerIndex {
    const copy = new CustomerIndex();
    copy.numbering = this.numbering.clone();
    copy.byNumber = this.byNumber.slice();
    copy.byText = new Map(this.byText);
    copy.numberAt = this.numberAt.slice();
    copy.count = this.count;
    return copy;
  }

  get size(): number {
    return this.count;
  }

  /** The id at each index, as text (made on first use after a change). */
  get ids(): readonly string[] {
    if (this.texts === null) {
      const texts = new Array<string>(this.count);
      for (let i = 0; i < this.count; i++) if (this.numberAt[i]! >= 0) texts[i] = this.numbered(i);
      for (const [text, index] of this.byText) texts[index] = text;
      this.texts = texts;
    }
    return this.texts;
  }

  /**
   * The id at each index, as text, one at a time: a million ids written out need not all be
   * made first (`ids` makes and keeps them all). Ids kept as text come from `ids`.
   */
  *idsInOrder(): Generator<string> {
    if (this.texts !== null || this.byText.size > 0) {
      yield* this.ids;
      return;
    }
    for (let i = 0; i < this.count; i++) yield this.numbered(i);
  }

  /** The text of the numbered id at index i. */
  private numbered(i: number): string {
    return `${this.numbering.numberedPrefix ?? ''}${this.numberAt[i]!}`;
  }

  /** The index as numbers, for another thread (see fromPacked). */
  packed(): PackedIndex {
    return {
      prefix: this.numbering.numberedPrefix,
      numbers: this.numberAt.slice(0, this.count),
      texts: [...this.byText],
      byNumber: this.byNumber.slice(),
    };
  }

  /** The index a packed one describes (ids at the same indexes). */
  static fromPacked(packed: PackedIndex): CustomerIndex {
    const index = new CustomerIndex();
    index.numbering = IdNumbering.withPrefix(packed.prefix);
    const { numbers } = packed;
    index.byNumber = packed.byNumber;
    index.numberAt = new Int32Array(Math.max(1024, numbers.length));
    index.numberAt.set(numbers);
    index.count = numbers.length;
    index.byText = new Map(packed.texts);
    return index;
  }

  /**
   * For each customer of this index, their index in `other` (-1 when absent). Numbered ids of
   * the same prefix are matched by walking both number arrays in order (no id read again, no
   * random lookups); other ids by text. An id is numbered in both or in neither, because which
   * store an id uses depends on its text and the prefix alone.
   */
  rowsIn(other: CustomerIndex): Int32Array {
    const rows = new Int32Array(this.count).fill(-1);
    const prefix = this.numbering.numberedPrefix;
    if (prefix === null || prefix !== other.numbering.numberedPrefix) {
      const ids = this.ids;
      for (let i = 0; i < this.count; i++) rows[i] = other.find(ids[i]!);
      return rows;
    }
    const mine = this.byNumber;
    const theirs = other.byNumber;
    const limit = Math.min(mine.length, theirs.length);
    for (let n = 0; n < limit; n++) {
      const a = mine[n]!;
      if (a > 0) rows[a - 1] = theirs[n]! - 1;
    }
    for (const [text, index] of this.byText) rows[index] = other.find(text);
    return rows;
  }

  /**
   * Adds every customer of `other` (new ones in its order) and returns each one's index here;
   * numbered ids of the same prefix by number, without making their text.
   */
  addAll(other: CustomerIndex): Int32Array {
    const rows = new Int32Array(other.count);
    if (this.count === 0 && this.numbering.numberedPrefix === null)
      this.numbering = other.numbering.clone();
    const same = this.numbering.numberedPrefix === other.numbering.numberedPrefix;
    const ids = same && other.byText.size === 0 ? null : other.ids;
    for (let i = 0; i < other.count; i++) {
      const n = other.numberAt[i]!;
      rows[i] = same && n >= 0 ? this.addNumbered(n) : this.add(ids![i]!);
    }
    return rows;
  }

  /**
   * The indexes of `ids[0..count)` where `wanted[i]` is 1, written to `out` (-1 elsewhere),
   * adding new customers in order: the same as add() one by one. The known numbered ids are
   * gathered in one tight loop, so their lookups overlap in memory.
   */
  addMany(
    ids: ReadonlyArray<IdRef | undefined>,
    wanted: Uint8Array,
    count: number,
    out: Int32Array,
  ): void {
    // Each loop is a function of its own (see numbersOf).
    numbersOf(this.numbering, ids, wanted, count, out); // reused: numbers first, then indexes
    knownIndexes(this.byNumber, count, out);
    this.addUnknown(ids, count, out);
  }

  private addUnknown(ids: ReadonlyArray<IdRef | undefined>, count: number, out: Int32Array): void {
    for (let i = 0; i < count; i++) {
      if (out[i] === -1) out[i] = this.add(ids[i]!);
      else if (out[i] === -2) out[i] = -1;
    }
  }

  /** The customer's index, or -1 when the id has not been added. */
  find(id: IdRef): number {
    const n = this.numbering.numberOf(id);
    if (n < 0) return this.byText.get(idText(id)) ?? -1;
    return n < this.byNumber.length ? this.byNumber[n]! - 1 : -1;
  }

  /** The customer's index, added as the next one when the id is new. */
  add(id: IdRef): number {
    const n = this.numbering.numberOf(id);
    if (n >= 0) return this.addNumbered(n);
    const text = idText(id);
    let index = this.byText.get(text);
    if (index === undefined) {
      index = this.push(-1);
      this.byText.set(text, index);
    }
    return index;
  }

  /** The index of the numbered id n (of this index's prefix), added when new. */
  private addNumbered(n: number): number {
    if (n >= this.byNumber.length) {
      const grown = new Int32Array(2 ** Math.ceil(Math.log2(n + 1)));
      grown.set(this.byNumber);
      this.byNumber = grown;
    }
    const known = this.byNumber[n]!;
    if (known > 0) return known - 1;
    const index = this.push(n);
    this.byNumber[n] = index + 1;
    return index;
  }

  private push(number: number): number {
    if (this.count === this.numberAt.length) {
      const grown = new Int32Array(this.numberAt.length * 2);
      grown.set(this.numberAt);
      this.numberAt = grown;
    }
    this.numberAt[this.count] = number;
    this.texts = null;
    return this.count++;
  }
}

/**
 * Named per-customer figures over a CustomerIndex, grown as customers are added. A customer's
 * figures sit side by side — figure `name` of row r at `data[r * stride + at[name]]` — so
 * updating several of them touches one cache line, not one per figure: on a quarter of a
 * million customers met in random order, the memory waits are what these updates cost.
 * Rows past `size` are zero.
 */
export class CustomerColumns<K extends string> {
  index = new CustomerIndex();
  readonly names: readonly K[];
  /** Offset of each figure within a row. */
  readonly at: Record<K, number>;
  /** Figures per row. */
  readonly stride: number;
  data: Float64Array;
  /** Rows `data` has room for. */
  private capacity: number;

  constructor(names: readonly K[], capacity = 1024) {
    this.names = names;
    this.stride = names.length;
    this.at = Object.fromEntries(names.map((name, i) => [name, i])) as Record<K, number>;
    this.capacity = capacity;
    this.data = new Float64Array(capacity * this.stride);
  }

  /**
   * Figures over a packed index (row i = its customer i) laid out as `data` describes, taken as
   * they are (e.g. transferred from a worker thread).
   */
  static adopt<K extends string>(
    names: readonly K[],
    ids: PackedIndex,
    data: Float64Array,
  ): CustomerColumns<K> {
    const adopted = new CustomerColumns(names, 0);
    adopted.index = CustomerIndex.fromPacked(ids);
    adopted.data = data;
    adopted.capacity = data.length / adopted.stride;
    if (adopted.capacity < 1024) adopted.grow(1024);
    return adopted;
  }

  get size(): number {
    return this.index.size;
  }

  /** Figure `name` of row `row`. */
  get(row: number, name: K): number {
    return this.data[row * this.stride + this.at[name]]!;
  }

  /** An independent copy. */
  clone(): CustomerColumns<K> {
    const copy = new CustomerColumns(this.names, 0);
    copy.index = this.index.clone();
    copy.data = this.data.slice();
    copy.capacity = this.capacity;
    return copy;
  }

  /**
   * Adds another table's figures (of the same names) into this one, customer by customer, new
   * customers in the other's order; returns each of the other's rows' row here.
   */
  addFrom(other: CustomerColumns<K>): Int32Array {
    const rows = this.index.addAll(other.index);
    if (this.size > this.capacity) this.grow(this.size);
    const { stride, data } = this;
    for (let i = 0; i < rows.length; i++) {
      const base = rows[i]! * stride;
      for (let k = 0; k < stride; k++) data[base + k]! += other.data[i * stride + k]!;
    }
    return rows;
  }

  /** The customer's row, added with zeros when new. */
  row(id: IdRef): number {
    const row = this.index.add(id);
    if (row >= this.capacity) this.grow(Math.max(1024, row + 1));
    return row;
  }

  /** Rows of many customers at once, added when new: the arguments of CustomerIndex.addMany. */
  rowsOf(...batch: Parameters<CustomerIndex['addMany']>): void {
    this.index.addMany(...batch);
    if (this.size > this.capacity) this.grow(this.size);
  }

  /** The customer's row, or -1. */
  find(id: IdRef): number {
    return this.index.find(id);
  }

  private grow(needed: number): void {
    const capacity = 2 ** Math.ceil(Math.log2(needed));
    const grown = new Float64Array(capacity * this.stride);
    grown.set(this.data.subarray(0, Math.min(this.data.length, grown.length)));
    this.data = grown;
    this.capacity = capacity;
  }
}
