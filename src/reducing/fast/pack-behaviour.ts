/**
 * The behaviour state as flat columns, for moving it between threads: the typed arrays are
 * transferred rather than copied, and a quarter of a million customers need not be serialised
 * and rebuilt one by one.
 */
import {
  BEHAVIOUR_COLUMNS,
  createBehaviourState,
  type BehaviourState,
  type GuestTotals,
} from '../behaviour-state.ts';
import { CustomerColumns, type PackedIndex } from '../customer-index.ts';

export interface PackedBehaviour {
  ids: PackedIndex;
  /** The customers' figures, laid out as CustomerColumns keeps them. */
  data: Float64Array;
  /** Dimension → each customer's level. */
  segments: Record<string, Array<string | undefined>>;
  excluded: Record<string, number>;
  missingAmount: number;
  guests: GuestTotals;
}

/** The state as flat columns; its order lines must be finished (they do not travel). */
export function packBehaviour(state: BehaviourState): PackedBehaviour {
  if (state.lines !== null)
    throw new Error('packBehaviour requires finished order lines (finishOrderLines)');
  const n = state.customers.size;
  const data = state.customers.data.slice(0, n * state.customers.stride);
  const segments: Record<string, Array<string | undefined>> = {};
  state.segments.forEach((levels, i) => {
    for (const dimension in levels) {
      const column = (segments[dimension] ??= new Array<string | undefined>(n));
      column[i] = levels[dimension];
    }
  });
  return {
    ids: state.customers.index.packed(),
    data,
    segments,
    excluded: { ...state.excluded },
    missingAmount: state.missingAmount,
    guests: { ...state.guests },
  };
}

/** The state a packed one describes. */
export function unpackBehaviour(packed: PackedBehaviour): BehaviourState {
  const state = createBehaviourState();
  state.customers = CustomerColumns.adopt(BEHAVIOUR_COLUMNS, packed.ids, packed.data);
  const dimensions = Object.keys(packed.segments);
  const count = packed.ids.numbers.length;
  // Plain loops: this runs on the thread that waits, for every customer.
  const segments = new Array<Record<string, string | undefined>>(count);
  if (dimensions.length === 0) segments.fill({});
  else {
    for (let i = 0; i < count; i++) {
      const levels: Record<string, string | undefined> = {};
      for (const d of dimensions) levels[d] = packed.segments[d]![i];
      segments[i] = levels;
    }
  }
  state.segments = segments;
  state.excluded = packed.excluded;
  state.missingAmount = packed.missingAmount;
  state.guests = packed.guests;
  return state;
}

/** The buffers of a packed state, to hand to postMessage as its transfer list. */
export function packedBuffers(packed: PackedBehaviour): ArrayBuffer[] {
  return [
    packed.data.buffer as ArrayBuffer,
    packed.ids.numbers.buffer as ArrayBuffer,
    packed.ids.byNumber.buffer as ArrayBuffer,
  ];
}
