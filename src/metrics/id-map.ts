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
 * A Map from id to value that answers `get` for numbered ids from an array. It is a real Map
 * (iteration, size, merging work as usual); the array only speeds up the lookups.
 */
export class IdMap<T> extends Map<string, T> {
  private readonly numbering = new IdNumbering();
  /** Values of numbered ids by number (filled, so the array stays packed and fast). */
  private byNumber: Array<T | undefined> = new Array<T | undefined>(1024).fill(undefined);

  /** An empty map (no initial entries: Map's constructor would call set before setup). */
  constructor() {
    super();
  }

  override get(id: string): T | undefined {
    const n = this.numbering.numberOf(id);
    return n >= 0 ? this.byNumber[n] : super.get(id);
  }

  override has(id: string): boolean {
    const n = this.numbering.numberOf(id);
    return n >= 0 ? this.byNumber[n] !== undefined : super.has(id);
  }

  override set(id: string, value: T): this {
    const n = this.numbering.numberOf(id);
    if (n >= 0) {
      if (n >= this.byNumber.length) {
        const grown = new Array<T | undefined>(2 ** Math.ceil(Math.log2(n + 1))).fill(undefined);
        for (let i = 0; i < this.byNumber.length; i++) grown[i] = this.byNumber[i];
        this.byNumber = grown;
      }
      this.byNumber[n] = value;
    }
    return super.set(id, value);
  }

  override delete(id: string): boolean {
    const n = this.numbering.numberOf(id);
    if (n >= 0 && n < this.byNumber.length) this.byNumber[n] = undefined;
    return super.delete(id);
  }

  override clear(): void {
    this.byNumber = new Array<T | undefined>(1024).fill(undefined);
    super.clear();
  }
}
