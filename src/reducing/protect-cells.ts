/**
 * The rule that lets cell states leave the build without revealing a group below the minimum
 * base: whatever is published from cells (a page that pools them, or the cells themselves) can
 * only describe unions of whole cells, so every published cell must be at least the minimum
 * base, and the difference of any two selections — a union of whole cells too — is then empty
 * or at least the minimum base.
 *
 * The rule, in three steps, over cells keyed by one level per dimension:
 * 1. Small cells lose their level on the least important dimension first: for each dimension
 *    from the last to the first, the cells below the threshold that agree on every other
 *    dimension are merged into one cell whose level on this dimension is hidden; when they are
 *    still too few together, their smallest siblings (same levels elsewhere) join them, and
 *    when even the whole group is too small, it goes on to lose the next dimension.
 * 2. A cell still below the threshold after every dimension is merged with the smallest other
 *    cell (levels where they differ hidden), until none is below it.
 * 3. Pages that show one level of a dimension (the report's group figures) must not reveal a
 *    small group either: the report's figure of a level minus the figure of the cells that keep
 *    that level describes the respondents of that level whose level is hidden. So for every
 *    level of every dimension, those respondents must number 0 or at least the threshold; while
 *    they do not, the smallest cell that keeps the level hides it too.
 *
 * Which dimension is least important is chosen per call (protectCellsKeepingMost): of every
 * order of the dimensions, the one that leaves the fewest levels no published cell keeps, then
 * hides the fewest levels (responses times hidden dimensions); ties go to the dimensions' own
 * order.
 *
 * A cell's size is what `size` says of its state: the smallest base it carries (responses, each
 * item's answers, …), so no base inside a published cell is below the threshold. Merging only
 * adds states, so every figure of the everyone-selection is that of all the cells.
 *
 * What the rule does not audit: combinations of three or more published figures across pages
 * (e.g. a report group, several cells and the hidden rest) can in special layouts pin down the
 * hidden part of one level within one merged cell; the methodology says so.
 */

/** A cell: its level of each dimension (undefined = the record had none) and its state. */
export interface LevelledCell<T> {
  levels: ReadonlyArray<string | undefined>;
  state: T;
}

/** A cell that may be published: `hidden[d]` when its level on dimension d was hidden. */
export interface ProtectedCell<T> {
  /** The level of each dimension; undefined when the records had none or it is hidden. */
  levels: Array<string | undefined>;
  hidden: boolean[];
  state: T;
}

export interface ProtectOptions<T> {
  /** The minimum base: every published cell's size is at least this. */
  threshold: number;
  /** The smallest non-zero base a state carries (0 for an empty state). */
  size: (state: T) => number;
  /** Two states combined exactly (pure). */
  merge: (a: T, b: T) => T;
  /** Dimensions from the most to the least important (default: their order). */
  priority?: readonly number[];
}

/** A level, none, or hidden: how a working cell stands on a dimension. */
type Slot = { kind: 'level'; level: string } | { kind: 'none' } | { kind: 'hidden' };

interface Working<T> {
  slots: Slot[];
  state: T;
  /** Indexes of the input cells it holds. */
  members: number[];
}

const slotKey = (s: Slot) => (s.kind === 'level' ? `=${s.level}` : s.kind === 'none' ? '0' : '*');

/** The key of a cell's slots, leaving out dimension `skip` (or none). */
function signature(slots: readonly Slot[], skip = -1): string {
  return slots.map((s, i) => (i === skip ? '' : slotKey(s))).join('\u0001');
}

/** Merges cells: a dimension keeps its slot where all agree and is hidden where they differ. */
function join<T>(cells: readonly Working<T>[], merge: (a: T, b: T) => T, hide = -1): Working<T> {
  const [first, ...rest] = cells;
  const slots = first!.slots.map((slot, d): Slot => {
    if (d === hide) return { kind: 'hidden' };
    const key = slotKey(slot);
    return rest.every((c) => slotKey(c.slots[d]!) === key) ? slot : { kind: 'hidden' };
  });
  return {
    slots,
    state: rest.reduce((s, c) => merge(s, c.state), first!.state),
    members: cells.flatMap((c) => c.members),
  };
}

/**
 * The publishable cells of `cells` under the rule above, in a deterministic order (the
 * inputs' order of first member). Empty when all of them together are below the threshold.
 */
export function protectCells<T>(
  cells: readonly LevelledCell<T>[],
  options: ProtectOptions<T>,
): ProtectedCell<T>[] {
  const { threshold, size, merge } = options;
  const small = (c: Working<T>) => size(c.state) < threshold;
  const dimensions = cells[0]?.levels.length ?? 0;
  let working: Working<T>[] = cells.map((c, i) => ({
    slots: c.levels.map((level): Slot =>
      level === undefined ? { kind: 'none' } : { kind: 'level', level },
    ),
    state: c.state,
    members: [i],
  }));

  const priority = options.priority ?? Array.from({ length: dimensions }, (_, d) => d);
  // 1. Hide the least important dimension of small cells first.
  for (const d of [...priority].reverse()) {
    const groups = new Map<string, Working<T>[]>();
    for (const cell of working) {
      const key = signature(cell.slots, d);
      groups.set(key, [...(groups.get(key) ?? []), cell]);
    }
    const next: Working<T>[] = [];
    for (const group of groups.values()) {
      const smalls = group.filter(small);
      if (smalls.length === 0) {
        next.push(...group);
        continue;
      }
      const siblings = group.filter((c) => !small(c)).sort((a, b) => size(a.state) - size(b.state));
      let merged = join(smalls, merge, d);
      while (small(merged) && siblings.length > 0)
        merged = join([merged, siblings.shift()!], merge, d);
      next.push(merged, ...siblings);
    }
    working = next;
  }

  // 2. Whatever is still small joins the smallest other cell.
  for (;;) {
    const smalls = working.filter(small).sort((a, b) => size(a.state) - size(b.state));
    if (smalls.length === 0) break;
    if (working.length === 1) return [];
    const cell = smalls[0]!;
    const partner = working
      .filter((c) => c !== cell)
      .sort((a, b) => size(a.state) - size(b.state))[0]!;
    working = [...working.filter((c) => c !== cell && c !== partner), join([cell, partner], merge)];
  }

  // 3. For every level, the respondents whose level is hidden are none or at least the threshold.
  const hiddenSize = (d: number, level: string): number => {
    let pooled: T | null = null;
    for (const cell of working) {
      if (cell.slots[d]!.kind !== 'hidden') continue;
      for (const i of cell.members) {
        if (cells[i]!.levels[d] !== level) continue;
        pooled = pooled === null ? cells[i]!.state : merge(pooled, cells[i]!.state);
      }
    }
    return pooled === null ? 0 : size(pooled);
  };
  for (let d = 0; d < dimensions; d++) {
    const levels = [
      ...new Set(cells.flatMap((c) => (c.levels[d] === undefined ? [] : [c.levels[d]!]))),
    ];
    for (const level of levels) {
      for (;;) {
        const hidden = hiddenSize(d, level);
        if (hidden === 0 || hidden >= threshold) break;
        const keeping = working
          .filter((c) => {
            const slot = c.slots[d]!;
            return slot.kind === 'level' && slot.level === level;
          })
          .sort((a, b) => size(a.state) - size(b.state));
        if (keeping.length === 0) break;
        const cell = keeping[0]!;
        const slots = cell.slots.map((s, i): Slot => (i === d ? { kind: 'hidden' } : s));
        const key = signature(slots);
        const same = working.find((c) => c !== cell && signature(c.slots) === key);
        const moved: Working<T> = { ...cell, slots };
        working = working.filter((c) => c !== cell && c !== same);
        working.push(same ? join([same, moved], merge) : moved);
      }
    }
  }

  // Published, hidden and none read alike (no level): cells that now look the same are one.
  const published = new Map<string, Working<T> & { hidden: boolean[] }>();
  for (const cell of working.sort((a, b) => Math.min(...a.members) - Math.min(...b.members))) {
    const key = cell.slots.map((s) => (s.kind === 'level' ? `=${s.level}` : '-')).join('\u0001');
    const hidden = cell.slots.map((s) => s.kind === 'hidden');
    const existing = published.get(key);
    if (!existing) published.set(key, { ...cell, hidden });
    else
      published.set(key, {
        ...join([existing, cell], merge),
        hidden: existing.hidden.map((h, i) => h || hidden[i]!),
      });
  }
  return [...published.values()].map((c) => ({
    levels: c.slots.map((s) => (s.kind === 'level' ? s.level : undefined)),
    hidden: c.hidden,
    state: c.state,
  }));
}

/** Orders of 0..n-1, the identity first (so ties keep the dimensions' own order). */
function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1)
    .flatMap((rest) =>
      Array.from({ length: n }, (_, at) => [...rest.slice(0, at), n - 1, ...rest.slice(at)]),
    )
    .sort((a, b) => {
      for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
      return 0;
    });
}

/** Above this many dimensions, the dimensions' own order is used (n! orders to try). */
const SEARCHED_DIMENSIONS = 5;

/**
 * protectCells with the order of dimensions that keeps the most a reader can filter on: first
 * the fewest levels that no published cell keeps (a level a reader could not select at all),
 * then the fewest hidden levels — the sum, over the published cells, of the cell's size times
 * its hidden dimensions. Every order gives cells the rule allows.
 */
export function protectCellsKeepingMost<T>(
  cells: readonly LevelledCell<T>[],
  options: Omit<ProtectOptions<T>, 'priority'>,
): ProtectedCell<T>[] {
  const dimensions = cells[0]?.levels.length ?? 0;
  const orders =
    dimensions <= SEARCHED_DIMENSIONS
      ? permutations(dimensions)
      : [Array.from({ length: dimensions }, (_, d) => d)];
  const levels = Array.from(
    { length: dimensions },
    (_, d) => new Set(cells.flatMap((c) => (c.levels[d] === undefined ? [] : [c.levels[d]!]))),
  );
  let best: { cells: ProtectedCell<T>[]; unselectable: number; lost: number } | null = null;
  for (const priority of orders) {
    const out = protectCells(cells, { ...options, priority });
    let unselectable = 0;
    levels.forEach((set, d) => {
      for (const level of set) if (!out.some((c) => c.levels[d] === level)) unselectable += 1;
    });
    const lost = out.reduce(
      (sum, c) => sum + options.size(c.state) * c.hidden.filter(Boolean).length,
      0,
    );
    if (
      !best ||
      unselectable < best.unselectable ||
      (unselectable === best.unselectable && lost < best.lost)
    )
      best = { cells: out, unselectable, lost };
  }
  return best?.cells ?? [];
}
