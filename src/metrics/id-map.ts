/**
 * Exports number their rows and customers ("R1001", "C000123" is not one, "C123" is): such an
 * id is a fixed prefix followed by a whole number. Keeping those in arrays indexed by the
 * number replaces a hash lookup at a random place in a large table with an array read, which
 * is what dominates the reducers on millions of rows. Which store an id uses depends on its
 * text alone, so the same id always meets itself.
 */

/** Ids numbered below this are kept in arrays (4M entries at most). */
export const NUMBERED_LIMIT = 1 << 22;

/** Recognises the numbered ids of one table: the first numbered id fixes the prefix. */
export class IdNumbering {
  private prefix: string | null = null;

  /** The id's number, or -1 when the id is not "<prefix><number without leading zero>". */
  numberOf(id: string): number {
    const length = id.length;
    let digitsFrom = length;
    while (digitsFrom > 0) {
      const c = id.charCodeAt(digitsFrom - 1);
      if (c < 48 || c > 57) break;
      digitsFrom -= 1;
    }
    const digits = length - digitsFrom;
    if (digits === 0 || digits > 7) return -1;
    if (digits > 1 && id.charCodeAt(digitsFrom) === 48) return -1;
    if (this.prefix === null) this.prefix = id.slice(0, digitsFrom);
    if (digitsFrom !== this.prefix.length || !id.startsWith(this.prefix)) return -1;
    let n = 0;
    for (let i = digitsFrom; i < length; i++) n = n * 10 + id.charCodeAt(i) - 48;
    return n < NUMBERED_LIMIT ? n : -1;
  }
}

/**
 * A dense index per customer id: the first id met is 0, the next new one 1, and so on, so
 * per-customer figures live in typed arrays indexed by it (a few numbers a customer instead of
 * an object and a Map entry). Numbered ids find their index by an array read; others by a Map.
 */
export class CustomerIndex {
  private readonly numbering = new IdNumbering();
  /** Index + 1 of each numbered id by its number (0: not seen). */
  private byNumber = new Int32Array(1024);
  private readonly byText = new Map<string, number>();
  /** The id at each index. */
  readonly ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** The customer's index, or -1 when the id has not been added. */
  find(id: string): number {
    const n = this.numbering.numberOf(id);
    if (n < 0) return this.byText.get(id) ?? -1;
    return n < this.byNumber.length ? this.byNumber[n]! - 1 : -1;
  }

  /** The customer's index, added as the next one when the id is new. */
  add(id: string): number {
    const n = this.numbering.numberOf(id);
    if (n < 0) {
      let index = this.byText.get(id);
      if (index === undefined) {
        index = this.ids.length;
        this.byText.set(id, index);
        this.ids.push(id);
      }
      return index;
    }
    if (n >= this.byNumber.length) {
      const grown = new Int32Array(2 ** Math.ceil(Math.log2(n + 1)));
      grown.set(this.byNumber);
      this.byNumber = grown;
    }
    const known = this.byNumber[n]!;
    if (known > 0) return known - 1;
    this.ids.push(id);
    this.byNumber[n] = this.ids.length;
    return this.ids.length - 1;
  }
}

/**
 * Named per-customer columns (Float64Array) over a CustomerIndex, grown together as customers
 * are added. Rows past `size` are zero.
 */
export class CustomerColumns<K extends string> {
  readonly index = new CustomerIndex();
  readonly names: readonly K[];
  columns: Record<K, Float64Array>;

  constructor(names: readonly K[], capacity = 1024) {
    this.names = names;
    this.columns = Object.fromEntries(
      names.map((name) => [name, new Float64Array(capacity)]),
    ) as Record<K, Float64Array>;
  }

  /**
   * Columns over `ids` (distinct, row i = ids[i]) that already hold the figures, taken as they
   * are (e.g. arrays transferred from a worker thread).
   */
  static adopt<K extends string>(
    names: readonly K[],
    ids: readonly string[],
    columns: Record<K, Float64Array>,
  ): CustomerColumns<K> {
    const adopted = new CustomerColumns(names, 0);
    for (const id of ids) adopted.index.add(id);
    adopted.columns = columns;
    if (ids.length === 0) adopted.grow(1024);
    return adopted;
  }

  get size(): number {
    return this.index.size;
  }

  /** The customer's row, added with zeros when new. */
  row(id: string): number {
    const row = this.index.add(id);
    const first = this.columns[this.names[0]!];
    if (row >= first.length) this.grow(Math.max(1024, row + 1));
    return row;
  }

  /** The customer's row, or -1. */
  find(id: string): number {
    return this.index.find(id);
  }

  private grow(needed: number): void {
    const capacity = 2 ** Math.ceil(Math.log2(needed));
    for (const name of this.names) {
      const grown = new Float64Array(capacity);
      grown.set(this.columns[name]);
      this.columns[name] = grown;
    }
  }
}
