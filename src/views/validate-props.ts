/**
 * Props of the MDX components come from report authors, so a typo (`show="fulll"`, `metirc=`)
 * must stop the build with a message they can act on: which component, which prop, what was
 * wrong and what is allowed. Each component keeps its zod schema next to it and calls
 * `validateProps` first thing in its frontmatter.
 */
import { z } from 'zod';

/**
 * A metric id, e.g. "nps" or an item's id: the review's own catalog decides whether it has it
 * (item metrics come from each snapshot's questionnaire), and says which it has when not.
 */
export const MetricIdSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, {
  error: 'expected a metric id such as "nps" or an item id (lower case, digits and "_")',
});

/** A segment as "dimension:level", e.g. "customer_group:SMB". */
export const SegmentSchema = z.string().regex(/^[^:]+:.+$/, {
  error: 'expected "dimension:level", e.g. "customer_group:SMB"',
});

/**
 * The props, parsed by the component's schema (defaults filled in).
 * @throws one Error listing every bad prop of `<component>`
 */
export function validateProps<Schema extends z.ZodObject>(
  component: string,
  schema: Schema,
  props: unknown,
): z.output<Schema> {
  const result = schema.safeParse(props, { reportInput: true });
  if (result.success) return result.data;
  const takes = Object.keys(schema.shape);
  const problems = result.error.issues.map((issue) => describeIssue(issue, takes));
  throw new Error(
    `<${component}> has ${problems.length === 1 ? 'an invalid prop' : 'invalid props'}:\n` +
      problems.map((p) => `  - ${p}`).join('\n'),
  );
}

function describeIssue(issue: z.core.$ZodIssue, takes: string[]): string {
  const prop = propName(issue.path);
  const missing = issue.input === undefined;
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown prop ${issue.keys.join(', ')}; this component takes: ${takes.join(', ')}`;
    case 'invalid_value': {
      const allowed = `allowed values: ${issue.values.map(show).join(', ')}`;
      return missing
        ? `${prop} is missing; ${allowed}`
        : `${prop} is ${show(issue.input)}, not one of the ${allowed}`;
    }
    case 'invalid_type': {
      if (missing) return `${prop} is missing (expected ${article(issue.expected)})`;
      const hint =
        typeof issue.input === 'string' && issue.expected !== 'string'
          ? ` (in MDX write ${prop}={…} for a value that is not text)`
          : '';
      return `${prop} is ${show(issue.input)}, expected ${article(issue.expected)}${hint}`;
    }
    case 'too_small':
    case 'too_big': {
      if (issue.origin !== 'number') return `${prop} is ${show(issue.input)}: ${issue.message}`;
      const [bound, strict, inclusive] =
        issue.code === 'too_small'
          ? [issue.minimum, 'more than', 'at least']
          : [issue.maximum, 'less than', 'at most'];
      return `${prop} is ${show(issue.input)}; it must be ${issue.inclusive ? inclusive : strict} ${bound}`;
    }
    default:
      return `${prop} is ${show(issue.input)}: ${issue.message}`;
  }
}

/** `show`, or `metrics[1]` for an entry of a list prop. */
function propName(path: PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`))
    .join('');
}

/** A value as an author would have written it. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `a list [${value.map(show).join(', ')}]`;
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
