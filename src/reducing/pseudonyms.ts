/**
 * Customer ids replaced by keyed pseudonyms: HMAC-SHA256 of the id under a key kept outside
 * the repository (REVIEW_PSEUDONYM_KEY), so a reduced snapshot can be committed without ids in
 * clear. The same id gives the same pseudonym in every period reduced with the same key, which
 * is what retention (who was active last period) and the survey × orders joins need. Without
 * the key a pseudonym cannot be turned back into an id, nor joined with other data; with it,
 * anyone can test a guessed id. docs/reduced-snapshots.md says what this protects and what not.
 *
 * Pseudonymising a snapshot's states keeps every customer at its place (the same index order),
 * so figures computed from them are those of the states in clear, to the bit.
 */
import { createHmac } from 'node:crypto';
import type { Pseudonyms } from '../contracts/reduced-schema.ts';
import type { ComplaintState } from './complaint-state.ts';
import type { ReducedSnapshot } from './snapshot-reducers.ts';
import {
  decodeBehaviourState,
  decodeCustomerAnswers,
  encodeBehaviourState,
  encodeCustomerAnswers,
} from './state-codec.ts';

/** The environment variable that holds the pseudonym key. */
export const PSEUDONYM_KEY_ENV = 'REVIEW_PSEUDONYM_KEY';

/** The shortest key accepted: a key one could guess would let anyone test ids. */
export const MIN_KEY_LENGTH = 16;

/** Hex digits kept of each pseudonym: 128 bits, so two customers never share one. */
const PSEUDONYM_HEX = 32;

/** A function from customer id to its pseudonym, and the fingerprint of its key. */
export interface Pseudonymiser {
  (id: string): string;
  keyId: string;
}

/**
 * The pseudonymiser of a key.
 * @throws when the key is shorter than MIN_KEY_LENGTH characters
 * @example pseudonymiser('a key of sixteen+').keyId // 16 hex digits, the same for the same key
 */
export function pseudonymiser(key: string): Pseudonymiser {
  if (key.length < MIN_KEY_LENGTH) {
    throw new Error(`pseudonymiser requires a key of at least ${MIN_KEY_LENGTH} characters`);
  }
  const pseudonym = ((id: string) =>
    createHmac('sha256', key)
      .update(id, 'utf8')
      .digest('hex')
      .slice(0, PSEUDONYM_HEX)) as Pseudonymiser;
  // A fingerprint tells two snapshots reduced with one key apart from others; it is an HMAC of
  // a fixed text, so it does not give the key away.
  pseudonym.keyId = createHmac('sha256', key)
    .update('satisfaction-review pseudonym key', 'utf8')
    .digest('hex')
    .slice(0, 16);
  return pseudonym;
}

/** The pseudonymiser of REVIEW_PSEUDONYM_KEY, or null when it is not set. */
export function pseudonymiserFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Pseudonymiser | null {
  const key = env[PSEUDONYM_KEY_ENV];
  return key ? pseudonymiser(key) : null;
}

/** How a snapshot's customer ids are written: in clear, or pseudonyms of one key. */
export type IdSpace = 'clear' | `hmac-sha256:${string}`;

/** The id space of a reduced snapshot's pseudonyms (clear when it records none). */
export function idSpaceOf(pseudonyms: Pseudonyms): IdSpace {
  return pseudonyms ? `hmac-sha256:${pseudonyms.keyId}` : 'clear';
}

/** The pseudonyms record of a pseudonymiser. */
export function pseudonymsOf(p: Pseudonymiser): NonNullable<Pseudonyms> {
  return { method: 'hmac-sha256', keyId: p.keyId };
}

/** True when any state holds a customer id (so a key is needed to write it). */
export function holdsCustomerIds(reduced: ReducedSnapshot): boolean {
  return (
    (reduced.behaviour?.customers.size ?? 0) > 0 ||
    reduced.answers.size > 0 ||
    (reduced.complaints?.byCustomer.size ?? 0) > 0 ||
    (reduced.complaints?.slowestByCustomer.size ?? 0) > 0
  );
}

function renameKeys<V>(map: ReadonlyMap<string, V>, p: Pseudonymiser): Map<string, V> {
  const out = new Map<string, V>();
  for (const [id, value] of map) out.set(p(id), value);
  return out;
}

/**
 * The states with every customer id replaced by its pseudonym, each customer at the same
 * index (pure: the states handed in are left as they are).
 */
export function pseudonymiseStates<T extends ReducedSnapshot>(reduced: T, p: Pseudonymiser): T {
  const behaviour = reduced.behaviour ? encodeBehaviourState(reduced.behaviour) : null;
  if (behaviour) behaviour.customers.ids = behaviour.customers.ids.map(p);
  const answers = encodeCustomerAnswers(reduced.answers);
  answers.ids = answers.ids.map(p);
  const complaints: ComplaintState | null = reduced.complaints
    ? {
        ...reduced.complaints,
        slowestByCustomer: renameKeys(reduced.complaints.slowestByCustomer, p),
        byCustomer: renameKeys(reduced.complaints.byCustomer, p),
      }
    : null;
  return {
    ...reduced,
    behaviour: behaviour ? decodeBehaviourState(behaviour) : null,
    answers: decodeCustomerAnswers(answers),
    complaints,
  };
}
