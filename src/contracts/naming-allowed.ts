/**
 * Zod messages that name what is allowed, for contracts people write by hand (a manifest, a
 * report's frontmatter): an unknown key gets the keys its object takes, the closest first; a
 * value outside a list gets the list. Zod's own say only "Unrecognized key" and leave the
 * writer to look the keys up.
 */
import { z } from 'zod';
import { didYouMean } from './near-matches.ts';

/** A value as it is written in JSON or YAML. */
function written(value: unknown): string {
  return typeof value === 'bigint' ? String(value) : JSON.stringify(value);
}

/**
 * An error map to pass to `safeParse(data, { error: namingAllowed })`; a message a schema sets
 * itself still wins.
 * @example ManifestSchema.safeParse(json, { error: namingAllowed })
 *   // items.seat: 'unknown key "compnent" (did you mean "component"?); items take: label, scale, …'
 */
export const namingAllowed: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'unrecognized_keys' && issue.inst instanceof z.ZodObject) {
    const allowed = Object.keys(issue.inst.shape);
    const [first] = issue.keys;
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    const near = issue.keys.length === 1 && first !== undefined ? didYouMean(first, allowed) : '';
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}${near}; the keys allowed here are ${allowed.join(', ')}`;
  }
  if (issue.code === 'invalid_value') {
    const values = issue.values.map(written);
    const given = issue.input === undefined ? 'missing' : `${written(issue.input)} is not allowed`;
    const near =
      typeof issue.input === 'string'
        ? didYouMean(
            issue.input,
            issue.values.filter((v): v is string => typeof v === 'string'),
          )
        : '';
    return `${given}${near}; use ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`}`;
  }
  return undefined;
};
