/**
 * Values by a combination of levels (one per dimension, undefined for a record without one), in
 * a small tree of Maps: a record's levels find their value without building a key from them,
 * which the record reducers do for every row.
 */
type Node<T> = Map<string | undefined, Node<T> | T>;

export class LevelTree<T> {
  private root: Node<T> = new Map();
  private readonly depth: number;

  /** @param depth the number of dimensions, the levels of each lookup */
  constructor(depth: number) {
    this.depth = depth;
  }

  /** The value at `levels`, made by `create` (from those levels) the first time they come. */
  get(
    levels: ArrayLike<string | undefined>,
    create: (levels: ArrayLike<string | undefined>) => T,
  ): T {
    const n = this.depth;
    let node = this.root;
    for (let i = 0; i < n - 1; i++) {
      let next = node.get(levels[i]) as Node<T> | undefined;
      if (!next) {
        next = new Map();
        node.set(levels[i], next);
      }
      node = next;
    }
    const last = n > 0 ? levels[n - 1] : undefined;
    let value = node.get(last) as T | undefined;
    if (value === undefined) {
      value = create(levels);
      node.set(last, value);
    }
    return value;
  }

  /** Forgets every value. */
  clear(): void {
    this.root = new Map();
  }
}
