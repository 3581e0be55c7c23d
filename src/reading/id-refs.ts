/**
 * Exports number their rows and customers ("R1001", "C000123" is not one, "C123" is): such an
 * id is a fixed prefix followed by a whole number. Keeping those in arrays indexed by the
 * number replaces a hash lookup at a random place in a large table with an array read, which
 * is what dominates the reducers on millions of rows. Which store an id uses depends on its
 * text alone, so the same id always meets itself.
 *
 * The loader reads a numbered id straight from its bytes into an `IdRef` number, so no string
 * is made for it: the number holds the prefix (interned once per thread) and the id's number.
 * `idText` gives the id's text back wherever text is needed (messages, joins across threads).
 */

/**
 * An id as the loader read it: its text, or for a numbered id ("C123") a number holding the
 * prefix and the number, made without a string. Refs never leave the reading and reducing
 * layers (rows carry text), nor their thread: the prefix table is per thread.
 */
export type IdRef = string | number;

/**
 * Ids numbered below this are kept in arrays (4M entries at most); a numbered IdRef is
 * prefix index × NUMBERED_LIMIT + number.
 */
export const NUMBERED_LIMIT = 1 << 22;
export const NUMBER_BITS = 22;

// Prefixes of numbered ids met in this thread. Refs are never sent to another thread as
// numbers (their text is), so each thread keeps its own list. At most 255, so that every ref
// (prefix index × 2^22 + number < 2^30) is a small integer for the engine, never a boxed
// double; ids of further prefixes are kept as text.
const MAX_PREFIXES = 255;
export const prefixes: string[] = [];
const prefixIndex = new Map<string, number>();

function internPrefix(prefix: string): number {
  let index = prefixIndex.get(prefix);
  if (index === undefined) {
    if (prefixes.length >= MAX_PREFIXES) return -1;
    index = prefixes.length;
    prefixes.push(prefix);
    prefixIndex.set(prefix, index);
  }
  return index;
}

/** The text of an id. */
export function idText(ref: IdRef): string {
  if (typeof ref === 'string') return ref;
  return `${prefixes[ref >>> NUMBER_BITS]!}${ref & (NUMBERED_LIMIT - 1)}`;
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;

/**
 * Reads ids from bytes: a numbered id ("<ASCII prefix><1–7 digits without a leading zero>",
 * below NUMBERED_LIMIT) becomes its IdRef number without making a string; -1 otherwise.
 */
export class NumberedIdReader {
  private lastPrefix: Buffer | null = null;
  private lastIndex = -1;

  refOf(bytes: Buffer, start: number, end: number): number {
    // A column's ids share their prefix: "<last prefix><digits>" is read in one forward pass.
    // (A prefix never ends in a digit, so these digits are exactly the id's trailing ones.)
    const last = this.lastPrefix;
    if (last !== null) {
      const from = start + last.length;
      const digits = end - from;
      if (digits >= 1 && digits <= 7 && (digits === 1 || bytes[from] !== DIGIT_0)) {
        let n = 0;
        for (let k = 0; k < last.length && n >= 0; k++) if (last[k] !== bytes[start + k]) n = -1;
        for (let p = from; p < end && n >= 0; p++) {
          const digit = bytes[p]! - DIGIT_0;
          n = digit >= 0 && digit <= 9 ? n * 10 + digit : -1;
        }
        if (n >= 0 && n < NUMBERED_LIMIT && this.lastIndex >= 0)
          return this.lastIndex * NUMBERED_LIMIT + n;
      }
    }
    // The trailing digits, read from the last one back (one pass for the end and the value).
    let digitsFrom = end;
    let n = 0;
    let place = 1;
    while (digitsFrom > start && end - digitsFrom < 8) {
      const digit = bytes[digitsFrom - 1]! - DIGIT_0;
      if (digit < 0 || digit > 9) break;
      // Integer arithmetic (at most 8 digits): the ref stays a small integer.
      n = (n + digit * place) | 0;
      place = (place * 10) | 0;
      digitsFrom -= 1;
    }
    const digits = end - digitsFrom;
    if (digits === 0 || digits > 7) return -1;
    if (digits > 1 && bytes[digitsFrom] === DIGIT_0) return -1;
    if (n >= NUMBERED_LIMIT) return -1;
    const prefix = this.prefixIndexOf(bytes, start, digitsFrom);
    return prefix < 0 ? -1 : prefix * NUMBERED_LIMIT + n;
  }

  /** A column's ids share their prefix: compare with the last one before interning. */
  private prefixIndexOf(bytes: Buffer, start: number, end: number): number {
    const last = this.lastPrefix;
    if (last !== null && last.length === end - start) {
      let same = true;
      for (let k = 0; k < last.length && same; k++) same = last[k] === bytes[start + k];
      if (same) return this.lastIndex;
    }
    for (let p = start; p < end; p++) if (bytes[p]! >= 0x80) return -1;
    this.lastPrefix = Buffer.from(bytes.subarray(start, end));
    this.lastIndex = internPrefix(bytes.toString('latin1', start, end));
    return this.lastIndex;
  }
}

/** Recognises the numbered ids of one table: the first numbered id fixes the prefix. */
export class IdNumbering {
  private prefix: string | null = null;

  /** The prefix of this table's numbered ids, once one has been met. */
  get numberedPrefix(): string | null {
    return this.prefix;
  }

  /** A numbering that has met the same prefix. */
  clone(): IdNumbering {
    return IdNumbering.withPrefix(this.prefix);
  }

  /** A numbering whose numbered ids have this prefix (null: the first one met decides). */
  static withPrefix(prefix: string | null): IdNumbering {
    const numbering = new IdNumbering();
    numbering.prefix = prefix;
    return numbering;
  }

  /** The id's number, or -1 when the id is not "<prefix><number without leading zero>". */
  numberOf(id: IdRef): number {
    if (typeof id === 'number') {
      const n = id & (NUMBERED_LIMIT - 1);
      const prefix = prefixes[id >>> NUMBER_BITS]!;
      if (this.prefix === null) this.prefix = prefix;
      return prefix === this.prefix ? n : -1;
    }
    const length = id.length;
    let digitsFrom = length;
    while (digitsFrom > 0) {
      const c = id.charCodeAt(digitsFrom - 1);
      if (c < DIGIT_0 || c > DIGIT_9) break;
      digitsFrom -= 1;
    }
    const digits = length - digitsFrom;
    if (digits === 0 || digits > 7) return -1;
    if (digits > 1 && id.charCodeAt(digitsFrom) === DIGIT_0) return -1;
    if (this.prefix === null) this.prefix = id.slice(0, digitsFrom);
    if (digitsFrom !== this.prefix.length || !id.startsWith(this.prefix)) return -1;
    let n = 0;
    for (let i = digitsFrom; i < length; i++) n = n * 10 + id.charCodeAt(i) - DIGIT_0;
    return n < NUMBERED_LIMIT ? n : -1;
  }
}
