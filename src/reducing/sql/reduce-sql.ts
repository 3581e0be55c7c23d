/**
 * The SQL that reduces a snapshot where its data lives, generated from its manifest: the
 * column mapping, value labels, scales and not-applicable codes, segments and their levels,
 * constructs (an item that is the mean of several questions), duplicate ids, excluded order
 * statuses and negative amounts, the delivery and ticket times. Each cell is read by the rule
 * the TypeScript reader applies to it (reading/cells/), so the states computed from the
 * results (sql-states.ts) are those of the TypeScript path; the checks count every cell that
 * reader would refuse, and a snapshot with one is not reduced.
 *
 * The engine-specific parts are the dialect's (dialects.ts). What SQL cannot do faithfully —
 * matching comment themes at word boundaries in any language, redacting personal data, the
 * placeholders that mean "no comment" — is left to the TypeScript side: the SQL groups the
 * comments by text, recommend answer and cell, with the response ids the comment sample's
 * keys are hashed from.
 */
import { COMPLAINT_TYPE, excludedStatuses, type TableName } from '../../contracts/fields.ts';
import type { Manifest, Table } from '../../contracts/manifest-schema.ts';
import { matchKey } from '../../contracts/match-key.ts';
import { DETRACTOR_TO } from '../../contracts/nps-classes.ts';
import { DELIVERY_TIMING } from '../../contracts/order-groups.ts';
import type { Questionnaire } from '../../contracts/questionnaire.ts';
import { diagnostic, type Diagnostic, type DiagnosticId } from '../../reading/diagnostics.ts';
import { fieldSpecs, type FieldKind } from '../../reading/field-specs.ts';
import { identifier, keptHeader, type Dialect, type SourceTable } from './dialects.ts';

/** A table as the engine has it: where it is read from and the headers it has. */
export interface EngineTable {
  source: SourceTable;
  headers: readonly string[];
  /** How diagnostics name its file. */
  displayFile: string;
}

/** One check: cells the TypeScript reader would refuse, counted with the first row. */
export interface SqlCheck {
  id: DiagnosticId;
  table: TableName;
  /** Column alias in the checks query: `<alias>_n` counts, `<alias>_row` is the first row. */
  alias: string;
  column: string;
  message: string;
  hint: string;
}

/** The generated SQL of one snapshot. */
export interface ReductionSql {
  /** Problems found while generating (a missing column, a feature the SQL path lacks). */
  problems: Diagnostic[];
  /** One query per table counting the cells the reader would refuse. */
  checks: Partial<Record<TableName, { sql: string; checks: SqlCheck[] }>>;
  /** Statements that compute the tables' rows and what the queries share, in order. */
  setup: string[];
  /** Result queries by name (sql-states.ts reads them), run after `setup`. */
  queries: Record<string, string>;
  /**
   * Statements dropping each table's rows as read and the views over them, which only the
   * checks and the queries of small results read: run after those and before the results of
   * a row per customer or comment (which read only the relations kept), they free the engine's
   * memory for the states this process builds from those results.
   */
  release: string[];
  /**
   * Statements dropping every relation `setup` made (it starts with them too): run once the
   * states are read, so the engine's memory is free while they are written out.
   */
  drop: string[];
}

/** The plain numeral of a number cell (reading/cells/number.ts). */
const NUMBER = '[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)';
/** An ISO date with an optional time and zone (reading/cells/date.ts). */
const ISO_DATE =
  '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?';

/** A field's value and the checks of its cells, as SQL expressions over trimmed cells. */
interface FieldSql {
  value: string;
  checks: Array<{ id: DiagnosticId; bad: string; message: string; hint: string }>;
}

/**
 * Adds an expression over the trimmed cells to the stage of a table's pass that comes before
 * its values and checks, and returns its alias: what a cell's value and several checks of it
 * read (its number, whether it is a real date) is computed once per row, not once per mention.
 */
type Parse = (expr: string) => string;

/** Builds the SQL of each table from the manifest; see the file's comment. */
class Generator {
  readonly problems: Diagnostic[] = [];
  private readonly d: Dialect;
  private readonly manifest: Manifest;
  private readonly manifestFile: string;

  constructor(d: Dialect, manifest: Manifest, manifestFile: string) {
    this.d = d;
    this.manifest = manifest;
    this.manifestFile = manifestFile;
  }

  unsupported(column: string, message: string): void {
    this.problems.push(
      diagnostic('table-format-unsupported', {
        file: this.manifestFile,
        column,
        message: `the SQL path does not read ${message}`,
        hint: 'reduce this snapshot with the TypeScript reader (`npm run reduce -- <dir>`), or export the table in the form the SQL path reads (docs/warehouse.md)',
      }),
    );
  }

  /**
   * The orders block's ways of forming orders that the SQL does not follow (order lines summed
   * by order, quantity × unit price, status rules, guest orders): refused, never reduced as
   * plain orders, which would give other figures than the TypeScript path.
   */
  private orderRules(): void {
    const orders = this.manifest.orders;
    if (orders.rows === 'lines') this.unsupported('orders.rows', 'rows that are order lines');
    if (orders.amountFrom !== 'amount')
      this.unsupported('orders.amountFrom', 'amounts formed as quantity × unit price');
    if (orders.statusRules.length > 0)
      this.unsupported('orders.statusRules', 'statuses given by rules');
    if (orders.guests !== 'error') this.unsupported('orders.guests', 'guest orders');
  }

  /** `CASE matchKey(cell) WHEN label THEN value … END`, or null without labels. */
  labelled(table: Table, field: string, cell: string, numeric: boolean): string | null {
    const labels = Object.entries(table.values[field] ?? {});
    if (labels.length === 0) return null;
    const whens = labels.map(([label, value]) => {
      const mapped = numeric ? String(Number(value)) : this.d.literal(String(value));
      return `WHEN ${this.d.literal(matchKey(label.trim()))} THEN ${mapped}`;
    });
    if (numeric && labels.some(([, v]) => !Number.isFinite(Number(v))))
      this.unsupported(`tables.*.values.${field}`, 'a label mapped to a text on a scored item');
    return `CASE ${this.d.matchKey(cell)} ${whens.join(' ')} END`;
  }

  /** The decimal-point numeral of a cell. */
  numeral(table: Table, cell: string): string {
    return table.format.decimal === ',' ? `replace(${cell}, ',', '.')` : cell;
  }

  /** The significant digits of a plain numeral (reading/cells/number.ts significantDigits). */
  significantDigits(numeral: string): string {
    const d = this.d;
    const unsigned = d.replaceAll(numeral, '^[+-]', '');
    const whole = d.replaceAll(`split_part(${unsigned}, '.', 1)`, '^0+', '');
    const fraction = d.replaceAll(`split_part(${unsigned}, '.', 2)`, '0+$', '');
    return `(CASE WHEN ${whole} = '' THEN length(${d.replaceAll(fraction, '^0+', '')}) ELSE length(${whole}) + length(${fraction}) END)`;
  }

  /** A date cell's parts and whether it is a real date and time (reading/cells/date.ts). */
  dateParts(cell: string) {
    const d = this.d;
    const part = (from: number, length: number) =>
      d.toInteger(`substr(${cell}, ${from}, ${length})`);
    const [y, mo, day] = [part(1, 4), part(6, 2), part(9, 2)];
    const h = `(CASE WHEN length(${cell}) >= 16 THEN ${part(12, 2)} ELSE 0 END)`;
    const mi = `(CASE WHEN length(${cell}) >= 16 THEN ${part(15, 2)} ELSE 0 END)`;
    const s = `(CASE WHEN length(${cell}) >= 19 AND substr(${cell}, 17, 1) = ':' THEN ${part(18, 2)} ELSE 0 END)`;
    // Parts are read only from a cell of the right shape, and a day only in a real month
    // (an engine evaluates CASE branches lazily); a year below 100 is no year the reader takes.
    const valid = `(CASE WHEN ${d.matches(cell, ISO_DATE)} THEN (CASE WHEN ${mo} BETWEEN 1 AND 12 AND ${y} >= 100 THEN ${day} BETWEEN 1 AND ${d.daysInMonth(y, mo)} AND ${h} <= 23 AND ${mi} <= 59 AND ${s} <= 59 ELSE false END) ELSE false END)`;
    return { y, mo, day, h, mi, s, valid };
  }

  /** The SQL of one field over its trimmed cells (several for a construct). */
  field(table: Table, field: string, kind: FieldKind, cells: string[], parse: Parse): FieldSql {
    const d = this.d;
    const cell = cells[0]!;
    switch (kind.type) {
      case 'id':
      case 'text': {
        const label = this.labelled(table, field, cell, false);
        if (label && kind.type === 'text' && kind.free)
          this.unsupported(`tables.*.values.${field}`, 'value labels on a comment column');
        return { value: label ? `COALESCE(${label}, ${cell})` : cell, checks: [] };
      }
      case 'level':
      case 'choice': {
        const label = this.labelled(table, field, cell, false);
        const mapped = label ? `COALESCE(${label}, ${cell})` : cell;
        const options = kind.type === 'level' ? kind.levels : kind.choices;
        const whens = options
          .map((o) => `WHEN ${d.literal(matchKey(o))} THEN ${d.literal(o)}`)
          .join(' ');
        const value = parse(`(CASE ${d.matchKey(mapped)} ${whens} END)`);
        return {
          value,
          checks: [
            {
              id: kind.type === 'level' ? 'unknown-segment-level' : 'unknown-label',
              // A label maps only a cell there is: the mapped cell is empty when the cell is.
              bad: `${cell} IS NOT NULL AND ${value} IS NULL`,
              message: `not one of ${options.join(', ')}`,
              hint:
                kind.type === 'level'
                  ? 'add the level to the segment in manifest.json, or map this label to a level in the table\'s "values"'
                  : 'map the export\'s label to one of these in the table\'s "values" in manifest.json',
            },
          ],
        };
      }
      case 'number': {
        const { labelled, plain, value } = this.number(table, field, cell, parse);
        const numeral = this.numeral(table, cell);
        const checks: FieldSql['checks'] = [
          {
            id: 'not-a-number',
            bad: `${cell} IS NOT NULL AND ${value} IS NULL`,
            message: 'not a number',
            hint: `write a plain number with "${table.format.decimal}" as decimal separator, or leave the cell empty if unknown`,
          },
          {
            id: 'number-out-of-range',
            // Only a numeral longer than 15 characters can have more significant digits; the
            // CASE spares every other cell the count.
            bad: `(CASE WHEN ${labelled ? `${labelled} IS NULL AND ` : ''}${plain} IS NOT NULL AND length(${numeral}) > 15 THEN ${this.significantDigits(numeral)} > 15 ELSE false END)`,
            message: 'more than the 15 significant digits a number keeps exactly',
            hint: 'such a long number is usually an id or cells run together: correct the cell or the column mapping',
          },
        ];
        if (kind.max !== undefined)
          checks.push({
            id: 'number-out-of-range',
            bad: `abs(${value}) > ${kind.max}`,
            message: `beyond the largest plausible amount, ${kind.max} (orders.maxAmount in manifest.json)`,
            hint: 'correct the cell, or raise orders.maxAmount if such amounts are real',
          });
        return { value, checks };
      }
      case 'score': {
        const answers = cells.map((c) => this.score(table, field, kind, c, parse));
        const value =
          answers.length === 1
            ? answers[0]!.value
            : `(CASE WHEN ${answers.map((a) => `${a.value} IS NOT NULL`).join(' AND ')} THEN (${answers.map((a) => a.value).join(' + ')}) / ${answers.length} END)`;
        return { value, checks: answers.flatMap((a) => a.checks) };
      }
      case 'date':
      case 'datetime': {
        if (table.format.dateFormat !== 'YYYY-MM-DD')
          this.unsupported(
            `tables.*.format.dateFormat`,
            `dates written ${table.format.dateFormat}`,
          );
        const p = this.dateParts(cell);
        const valid = parse(p.valid);
        const value =
          kind.type === 'date'
            ? `(CASE WHEN ${valid} THEN substr(${cell}, 1, 10) END)`
            : `(CASE WHEN ${valid} THEN ${d.timestamp(p.y, p.mo, p.day, p.h, p.mi, p.s)} END)`;
        return {
          value,
          checks: [
            {
              id: 'invalid-date',
              bad: `${cell} IS NOT NULL AND NOT ${valid}`,
              message:
                'not a date in the declared format YYYY-MM-DD (optionally with a time HH:MM[:SS])',
              hint: 'write dates as ISO 8601, e.g. 2026-07-31',
            },
          ],
        };
      }
    }
  }

  /**
   * A number cell's value (reading/cells/number.ts): its label's number, else its plain
   * numeral's; `plain` is the numeral's (null when the cell is not a plain numeral) and
   * `labelled` the label's, each computed once per row.
   */
  number(table: Table, field: string, cell: string, parse: Parse) {
    const d = this.d;
    const label = this.labelled(table, field, cell, true);
    const numeral = this.numeral(table, cell);
    const plain = parse(
      `(CASE WHEN ${d.matches(numeral, NUMBER)} THEN ${d.toDouble(numeral)} END)`,
    );
    const labelled = label ? parse(label) : null;
    return { labelled, plain, value: labelled ? `COALESCE(${labelled}, ${plain})` : plain };
  }

  /** One scored answer (reading/cells/score.ts): missing, a scale point, or refused. */
  score(
    table: Table,
    field: string,
    kind: Extract<FieldKind, { type: 'score' }>,
    cell: string,
    parse: Parse,
  ) {
    const d = this.d;
    const codes = kind.notApplicable.map((c) => d.literal(matchKey(c)));
    const na = codes.length > 0 ? `${d.matchKey(cell)} IN (${codes.join(', ')})` : 'false';
    const number = this.number(table, field, cell, parse).value;
    const read = `${cell} IS NOT NULL AND NOT (${na})`;
    const scale = `${kind.min}–${kind.max}`;
    return {
      value: `(CASE WHEN ${read} THEN ${number} END)`,
      checks: [
        {
          id: 'not-a-number' as const,
          bad: `${read} AND ${number} IS NULL`,
          message: `not a number and not a declared label (scale ${scale})`,
          hint: 'map the label to a score in the table\'s "values" in manifest.json, or add it to the item\'s "notApplicable" codes',
        },
        {
          id: 'not-an-integer' as const,
          bad: `${read} AND ${number} <> floor(${number})`,
          message: `scores are whole scale points (${scale})`,
          hint: 'correct the cell; if the export averages items, map the raw items instead',
        },
        {
          id: 'out-of-scale' as const,
          bad: `${read} AND (${number} < ${kind.min} OR ${number} > ${kind.max})`,
          message: `outside the declared scale ${scale}`,
          hint: 'correct the cell, declare the right scale, or list the code in "notApplicable"',
        },
      ],
    };
  }

  /**
   * A table's rows with each mapped field's value as `f_<field>`, duplicates dropped as the
   * manifest says; and the query of its checks.
   */
  table(name: TableName, engine: EngineTable) {
    const d = this.d;
    const table = this.manifest.tables[name]!;
    if (table.format.encoding !== 'utf-8')
      this.unsupported(`tables.${name}.format.encoding`, `files encoded ${table.format.encoding}`);
    if (table.format.thousands)
      this.unsupported(`tables.${name}.format.thousands`, 'numbers with a thousands separator');
    if (table.lookups.length > 0)
      this.unsupported(`tables.${name}.lookups`, 'segments taken from a lookup file');
    if (name === 'orders') this.orderRules();
    const byKey = new Map(engine.headers.map((h) => [matchKey(h), h]));
    const exact = new Set(engine.headers);
    const cells: string[] = [];
    const values: string[] = [];
    const checks: SqlCheck[] = [];
    const checkColumns: string[] = [];
    /** Each check's flag per row, computed with the values in the one pass over the file. */
    const flags: string[] = [];
    /** What values and checks read, computed once per row before them. */
    const parsed: string[] = [];
    const parse: Parse = (expr) => {
      const alias = `p${parsed.length}`;
      parsed.push(`${expr} AS ${alias}`);
      return alias;
    };
    const fields: string[] = [];
    for (const spec of fieldSpecs(name, this.manifest)) {
      const mapping = table.columns[spec.field]!;
      const headers = typeof mapping === 'string' ? [mapping] : mapping;
      const found = headers
        .map((h) => keptHeader(d, h))
        .map((h) => (exact.has(h) ? h : byKey.get(matchKey(h))));
      const missing = headers.filter((_, i) => found[i] === undefined);
      for (const header of missing)
        this.problems.push(
          diagnostic('missing-column', {
            file: engine.displayFile,
            row: table.format.headerRow,
            column: header,
            message: `no column "${header}" (mapped to ${spec.field}) in the header`,
            hint: `fix tables.${name}.columns.${spec.field} in manifest.json`,
          }),
        );
      if (missing.length > 0) continue;
      const trimmed = found.map((h) => {
        const alias = `c${cells.length}`;
        cells.push(`NULLIF(${d.trim(`CAST(${identifier(h!)} AS text)`)}, '') AS ${alias}`);
        return alias;
      });
      const sql = this.field(table, spec.field, spec.kind, trimmed, parse);
      values.push(`${sql.value} AS ${identifier(`f_${spec.field}`)}`);
      fields.push(spec.field);
      const column = headers.join(', ');
      const all = [...sql.checks];
      if (spec.requiredValue)
        all.push({
          id: 'missing-id',
          bad: `${trimmed[0]} IS NULL`,
          message: `${spec.field} is required and the cell is empty`,
          hint: 'fill in the cell, or remove the row from the export',
        });
      for (const check of all) {
        const alias = `k${checks.length}`;
        checks.push({
          id: check.id,
          table: name,
          alias,
          column,
          message: check.message,
          hint: check.hint,
        });
        flags.push(`(${check.bad}) AS ${alias}`);
        checkColumns.push(
          `SUM(CASE WHEN ${alias} THEN 1 ELSE 0 END) AS ${alias}_n`,
          `MIN(CASE WHEN ${alias} THEN _row END) AS ${alias}_row`,
        );
      }
    }
    // The engine numbers the rows of the table it fills, or the source carries its numbers.
    const row = d.storedRowNumber === null ? ['_row'] : [];
    const trimmed = `SELECT ${[...row, ...cells].join(', ')} FROM ${d.source(engine.source)} AS src`;
    const withParsed = `SELECT ${['*', ...parsed].join(', ')} FROM (${trimmed}) AS cells`;
    const idField = {
      survey: 'response_id',
      orders: 'order_id',
      tickets: 'ticket_id',
      customers: 'customer_id',
    }[name];
    const hasId = fields.includes(idField);
    const dedup = hasId && table.duplicateIds === 'keep-first';
    const id = identifier(`f_${idField}`);
    // Repeated ids are found by grouping (an aggregate engines spill to disk), not by a
    // window over every row: the repeats are few, the rows may be tens of millions.
    const relations: Relation[] = [
      // The one pass over the file: every value and every check's flag, kept for the queries.
      stored(
        `${name}_read`,
        `SELECT ${[...row, ...values, ...flags].join(', ')} FROM (${withParsed}) AS parsed`,
      ),
      view(
        `${name}_values`,
        d.storedRowNumber === null
          ? `SELECT * FROM ${name}_read`
          : `SELECT ${d.storedRowNumber} AS _row, * FROM ${name}_read`,
      ),
    ];
    if (hasId) {
      relations.push(
        stored(
          `${name}_repeats`,
          `SELECT ${id} AS id, MIN(_row) AS first, COUNT(*) AS n FROM ${name}_values WHERE ${id} IS NOT NULL GROUP BY ${id} HAVING COUNT(*) > 1`,
        ),
      );
    }
    relations.push(
      view(
        `${name}_rows`,
        dedup
          ? `SELECT v.* FROM ${name}_values AS v LEFT JOIN ${name}_repeats AS r ON r.id = v.${id} WHERE r.id IS NULL OR v._row = r.first`
          : `SELECT * FROM ${name}_values`,
      ),
    );
    const duplicates = hasId
      ? `SELECT (SELECT SUM(n - 1) FROM ${name}_repeats) AS n, (SELECT MIN(v._row) FROM ${name}_values AS v JOIN ${name}_repeats AS r ON r.id = v.${id} AND v._row > r.first) AS first`
      : null;
    const checkSql = `SELECT COUNT(*) AS rows, ${checkColumns.length > 0 ? checkColumns.join(', ') : '0 AS none'} FROM ${name}_values`;
    return { relations, checks: { sql: checkSql, checks }, fields, duplicates };
  }
}

const f = (field: string) => identifier(`f_${field}`);

/**
 * A relation the queries share: a view (computed where it is read: the rows of a table, read
 * in one pass by each query) or a temporary table (computed once: what several queries read
 * and is small enough to keep, or costly to compute twice).
 */
interface Relation {
  name: string;
  kind: 'VIEW' | 'TABLE';
  select: string;
}
const view = (name: string, select: string): Relation => ({ name, kind: 'VIEW', select });
const stored = (name: string, select: string): Relation => ({ name, kind: 'TABLE', select });

/** `expr IN (…)`, false for an empty list. */
function inList(d: Dialect, expr: string, list: readonly string[]): string {
  return list.length === 0 ? 'false' : `${expr} IN (${list.map((v) => d.literal(v)).join(', ')})`;
}

/**
 * The SQL of a snapshot: checks per table, and the result queries sql-states.ts turns into
 * the reducer states.
 * @param tables the tables the manifest declares, as the engine has them
 */
export function reductionSql(
  manifest: Manifest,
  questionnaire: Questionnaire,
  d: Dialect,
  tables: Partial<Record<TableName, EngineTable>>,
  manifestFile: string,
): ReductionSql {
  const g = new Generator(d, manifest, manifestFile);
  const ctes: Relation[] = [];
  const checks: ReductionSql['checks'] = {};
  const queries: Record<string, string> = {};
  const read: Partial<Record<TableName, ReturnType<Generator['table']>>> = {};
  for (const name of ['survey', 'orders', 'tickets', 'customers'] as const) {
    const engine = tables[name];
    if (!manifest.tables[name] || !engine) continue;
    const t = g.table(name, engine);
    read[name] = t;
    ctes.push(...t.relations);
    checks[name] = t.checks;
    if (t.duplicates) queries[`${name}_duplicates`] = t.duplicates;
  }
  const segments = Object.keys(manifest.segments);
  const has = (name: TableName, field: string) => read[name]?.fields.includes(field) ?? false;

  // Orders -----------------------------------------------------------------------------------
  if (read.orders) {
    const exclude = manifest.orders.excludeStatuses;
    const status = d.matchKey(
      `COALESCE(${has('orders', 'status') ? f('status') : 'NULL'}, 'completed')`,
    );
    const amount = has('orders', 'amount') ? f('amount') : 'CAST(NULL AS double precision)';
    const negative = manifest.orders.negativeAmounts === 'refund' ? 'refunds' : 'negative amounts';
    const timed = has('orders', 'delivered') && has('orders', 'estimated_delivery');
    const delivered = timed
      ? `(CASE WHEN ${f('delivered')} IS NOT NULL AND ${f('estimated_delivery')} IS NOT NULL THEN 1 ELSE 0 END)`
      : '0';
    const late = timed
      ? `(CASE WHEN ${f('delivered')} IS NOT NULL AND ${f('estimated_delivery')} IS NOT NULL AND ${f('delivered')} > ${f('estimated_delivery')} THEN 1 ELSE 0 END)`
      : '0';
    const orderSegments = segments.filter((s) => has('orders', s));
    const excluded = inList(d, 'status_eff', excludedStatuses(manifest.orders));
    ctes.push(
      view(
        'orders_status',
        `SELECT *, CASE WHEN ${inList(d, status, exclude)} THEN ${status} WHEN ${amount} < 0 THEN ${d.literal(negative)} ELSE ${status} END AS status_eff, ${amount} AS amount, ${delivered} AS delivered_n, ${late} AS late_n FROM orders_rows`,
      ),
      view('orders_counted', `SELECT * FROM orders_status WHERE NOT (${excluded})`),
      // One pass over the orders for both what counts per customer and what is left out per
      // status: each customer's totals by status, summed again below (a customer has orders
      // of one status or a few, so this is about as small as the totals).
      stored(
        'order_status_totals',
        `SELECT ${f('customer_id')} AS customer_id, status_eff, COUNT(*) AS orders, COUNT(amount) AS priced, SUM(amount) AS revenue, SUM(late_n) AS late, SUM(delivered_n) AS delivered, MIN(_row) AS first FROM orders_status GROUP BY ${f('customer_id')}, status_eff`,
      ),
      stored(
        'order_totals',
        `SELECT customer_id, SUM(orders) AS orders, SUM(priced) AS priced, SUM(revenue) AS revenue, SUM(late) AS late, SUM(delivered) AS delivered, MIN(first) AS first FROM order_status_totals WHERE NOT (${excluded}) GROUP BY customer_id`,
      ),
      // A customer's segments are those of their first order that counts.
      orderSegments.length === 0
        ? view('order_customers', 'SELECT * FROM order_totals')
        : stored(
            'order_customers',
            `SELECT t.*${orderSegments.map((s, i) => `, o.${f(s)} AS s${i}`).join('')} FROM order_totals AS t JOIN orders_counted AS o ON o.${f('customer_id')} = t.customer_id AND o._row = t.first`,
          ),
    );
    queries.order_customers = `SELECT * FROM order_customers ORDER BY first`;
    queries.order_excluded = `SELECT status_eff AS status, SUM(orders) AS n, MIN(first) AS first FROM order_status_totals WHERE ${excluded} GROUP BY status_eff ORDER BY first`;
    queries.order_totals = `SELECT SUM(orders - priced) AS missing_amount FROM order_totals`;
  }

  // Survey -----------------------------------------------------------------------------------
  if (read.survey) {
    const items = questionnaire.items.filter((item) => has('survey', item.id));
    const present = new Set(items.map((i) => i.id));
    const answered = items.map((i) => `${f(i.id)} IS NULL`).join(' AND ') || 'true';
    const join = read.orders
      ? `LEFT JOIN order_customers AS oc ON oc.customer_id = s.${f('customer_id')}`
      : '';
    const group = read.orders
      ? `(CASE WHEN oc.late > 0 THEN ${d.literal(DELIVERY_TIMING.levels[0]!)} WHEN oc.delivered > 0 THEN ${d.literal(DELIVERY_TIMING.levels[1]!)} END)`
      : null;
    ctes.push(
      view('survey_kept', `SELECT * FROM survey_rows WHERE NOT (${answered})`),
      stored(
        'survey_joined',
        `SELECT s.*${group ? `, ${group} AS og` : ''} FROM survey_kept AS s ${join}`,
      ),
    );
    queries.survey_empty = `SELECT COUNT(*) AS n, MIN(_row) AS first FROM survey_rows WHERE ${answered}`;
    const segmentCols = segments.map((s) => (has('survey', s) ? f(s) : 'CAST(NULL AS text)'));
    const exploreCols = group ? [...segmentCols, 'og'] : segmentCols;
    const indexItems = questionnaire.indexItems.flatMap((id) => {
      const item = items.find((i) => i.id === id);
      return item ? [item] : [];
    });
    const idx =
      indexItems.length === 0
        ? 'CAST(NULL AS double precision)'
        : `(CASE WHEN (${indexItems.map((i) => `(CASE WHEN ${f(i.id)} IS NOT NULL THEN 1 ELSE 0 END)`).join(' + ')}) > 0 THEN (${indexItems.map((i) => `(CASE WHEN ${f(i.id)} IS NOT NULL THEN ((${f(i.id)} - ${i.scale[0]}) * 100) / ${i.scale[1] - i.scale[0]} ELSE 0 END)`).join(' + ')}) / (${indexItems.map((i) => `(CASE WHEN ${f(i.id)} IS NOT NULL THEN 1 ELSE 0 END)`).join(' + ')}) END)`;
    const drivers = questionnaire.drivers.filter((id) => present.has(id));
    const outcomes =
      drivers.length > 0 ? questionnaire.outcomes.filter((id) => present.has(id)) : [];
    const competitor = has('survey', 'competitor') ? f('competitor') : 'CAST(NULL AS text)';
    const cellColumns = (levels: string[]) => {
      const cols = [
        ...levels.map((l, i) => `${l} AS l${i}`),
        'COUNT(*) AS responses',
        'MIN(_row) AS first',
        `COUNT(${idx}) AS index_n`,
        ...['better', 'same', 'worse'].map(
          (c) => `SUM(CASE WHEN ${competitor} = '${c}' THEN 1 ELSE 0 END) AS competitor_${c}`,
        ),
        `SUM(CASE WHEN ${competitor} IS NULL THEN 1 ELSE 0 END) AS competitor_missing`,
      ];
      outcomes.forEach((outcome, o) => {
        const variables = [...drivers, outcome];
        const complete = variables.map((v) => `${f(v)} IS NOT NULL`).join(' AND ');
        cols.push(`SUM(CASE WHEN ${complete} THEN 1 ELSE 0 END) AS d${o}_n`);
        variables.forEach((v, i) => {
          cols.push(`SUM(CASE WHEN ${complete} THEN ${f(v)} END) AS d${o}_s${i}`);
          for (let j = i; j < variables.length; j++)
            cols.push(
              `SUM(CASE WHEN ${complete} THEN ${f(v)} * ${f(variables[j]!)} END) AS d${o}_p${i}_${j}`,
            );
        });
      });
      return cols.join(', ');
    };
    const groupBy = (levels: string[]) =>
      levels.length > 0 ? `GROUP BY ${levels.join(', ')}` : '';
    // One pass: each response crossed with the list of items, its answer to each picked out.
    const itemList = `(VALUES ${items.map((item) => `(${d.literal(item.id)})`).join(', ')}) AS items (item)`;
    const answer = `(CASE items.item ${items.map((item) => `WHEN ${d.literal(item.id)} THEN ${f(item.id)}`).join(' ')} END)`;
    const histograms = (levels: string[]) =>
      `SELECT * FROM (SELECT ${[...levels.map((l, i) => `${l} AS l${i}`), 'items.item AS item', `${answer} AS value`, 'COUNT(*) AS n'].join(', ')} FROM survey_joined CROSS JOIN ${itemList} GROUP BY ${[...levels, 'items.item', answer].join(', ')}) AS h WHERE value IS NOT NULL`;
    queries.survey_cells = `SELECT ${cellColumns(segmentCols)} FROM survey_joined ${groupBy(segmentCols)} ORDER BY first`;
    queries.survey_histograms = histograms(segmentCols);
    queries.explore_cells = `SELECT ${cellColumns(exploreCols)} FROM survey_joined ${groupBy(exploreCols)} ORDER BY first`;
    queries.explore_histograms = histograms(exploreCols);
    // Each cell's index values with their counts, summed exactly where they are read
    // (sql-states.ts): a SUM of a million fractions is rounded in an order of the engine's own.
    const indexValues = (levels: string[]) =>
      `SELECT ${[...levels.map((l, i) => `${l} AS l${i}`), `${idx} AS value`, 'COUNT(*) AS n'].join(', ')} FROM survey_joined WHERE ${idx} IS NOT NULL GROUP BY ${[...levels, idx].join(', ')}`;
    queries.survey_index = indexValues(segmentCols);
    queries.explore_index = indexValues(exploreCols);
    const recommend = questionnaire.roles.recommend;
    const satisfaction = questionnaire.items.find((i) => i.id === questionnaire.roles.satisfaction);
    const rec =
      recommend && present.has(recommend) ? f(recommend) : 'CAST(NULL AS double precision)';
    if (has('survey', 'customer_id')) {
      const sat = satisfaction && present.has(satisfaction.id) ? f(satisfaction.id) : null;
      const satisfiedFrom = satisfaction ? satisfaction.scale[1] - satisfaction.topBox + 1 : 0;
      queries.survey_answers = `SELECT ${f('customer_id')} AS customer_id, COUNT(*) AS answers, ${sat ? `COUNT(${sat})` : '0'} AS ${identifier('satisfactionAnswers')}, ${sat ? `SUM(CASE WHEN ${sat} >= ${satisfiedFrom} THEN 1 ELSE 0 END)` : '0'} AS satisfied, MAX(CASE WHEN ${rec} <= ${DETRACTOR_TO} THEN 1 ELSE 0 END) AS detractor, MIN(_row) AS first FROM survey_joined WHERE ${f('customer_id')} IS NOT NULL GROUP BY ${f('customer_id')} ORDER BY first`;
      ctes.push(
        stored(
          'customer_cells',
          `SELECT * FROM (SELECT ${f('customer_id')} AS customer_id, ${exploreCols.map((l, i) => `${l} AS l${i}`).join(', ')}${exploreCols.length > 0 ? ', ' : ''}row_number() OVER (PARTITION BY ${f('customer_id')} ORDER BY _row) AS _k FROM survey_joined WHERE ${f('customer_id')} IS NOT NULL) AS firsts WHERE _k = 1`,
        ),
      );
    }
    if (has('survey', 'comment')) {
      const id = has('survey', 'response_id')
        ? f('response_id')
        : `CAST(_row + ${manifest.tables.survey!.format.headerRow} AS text)`;
      queries.survey_comments = `SELECT ${f('comment')} AS comment, ${rec} AS recommend, ${exploreCols.map((l, i) => `${l} AS l${i}`).join(', ')}${exploreCols.length > 0 ? ', ' : ''}MIN(_row) AS first, ${d.listOf(id, '_row')} AS ids FROM survey_joined WHERE ${f('comment')} IS NOT NULL GROUP BY ${[f('comment'), rec, ...exploreCols].join(', ')} ORDER BY first`;
    }
  }

  // Tickets ----------------------------------------------------------------------------------
  if (read.tickets) {
    const minutes = (to: string) =>
      has('tickets', to)
        ? `(CASE WHEN ${f(to)} IS NOT NULL AND ${f('opened')} IS NOT NULL AND ${f(to)} >= ${f('opened')} THEN ${d.intDiv(`${d.secondsBetween(f('opened'), f(to))} + 30`, '60')} END)`
        : 'CAST(NULL AS bigint)';
    const type = d.matchKey(
      `COALESCE(${has('tickets', 'type') ? f('type') : 'NULL'}, ${d.literal(COMPLAINT_TYPE)})`,
    );
    const resolved = has('tickets', 'resolved') ? `${f('resolved')} IS NOT NULL` : 'false';
    const customer = has('tickets', 'customer_id') ? f('customer_id') : 'CAST(NULL AS text)';
    const stage = has('tickets', 'journey_stage') ? f('journey_stage') : 'CAST(NULL AS text)';
    ctes.push(
      stored(
        'tickets_timed',
        `SELECT _row, ${customer} AS customer_id, ${f('category')} AS category, COALESCE(${stage}, 'unknown') AS stage, CASE WHEN ${type} = ${d.literal(COMPLAINT_TYPE)} THEN 1 ELSE 0 END AS complaint, CASE WHEN ${resolved} THEN 0 ELSE 1 END AS unresolved, ${minutes('first_response')} AS first_minutes, ${minutes('resolved')} AS resolution_minutes FROM tickets_rows`,
      ),
    );
    queries.ticket_totals = `SELECT COUNT(*) AS tickets, SUM(complaint) AS complaints, SUM(unresolved) AS unresolved FROM tickets_timed`;
    for (const [name, column] of [
      ['ticket_first_response', 'first_minutes'],
      ['ticket_resolution', 'resolution_minutes'],
    ] as const)
      queries[name] =
        `SELECT ${column} AS minutes, COUNT(*) AS n, MIN(_row) AS first FROM tickets_timed WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY first`;
    queries.ticket_categories = `SELECT category AS key, COUNT(*) AS n, MIN(_row) AS first FROM tickets_timed WHERE complaint = 1 GROUP BY category ORDER BY first`;
    queries.ticket_stages = `SELECT stage AS key, COUNT(*) AS n, MIN(_row) AS first FROM tickets_timed WHERE complaint = 1 GROUP BY stage ORDER BY first`;
    queries.ticket_customers = `SELECT customer_id, MIN(_row) AS first, MIN(CASE WHEN resolution_minutes IS NOT NULL THEN _row END) AS first_resolved, MAX(resolution_minutes) AS slowest, ${d.listOf('resolution_minutes', '_row')} AS resolutions FROM tickets_timed WHERE customer_id IS NOT NULL AND (resolution_minutes IS NOT NULL OR complaint = 1) GROUP BY customer_id ORDER BY first`;
    queries.ticket_customer_categories = `SELECT customer_id, category AS key, COUNT(*) AS n, MIN(_row) AS first FROM tickets_timed WHERE customer_id IS NOT NULL AND complaint = 1 GROUP BY customer_id, category ORDER BY first`;
    if (read.survey && has('survey', 'customer_id')) {
      // A ticket counts in the cell of its customer's first response (explore-reducers.ts).
      const cellLevels = segments.length + (read.orders ? 1 : 0);
      const ls = Array.from({ length: cellLevels }, (_, i) => `cc.l${i}`);
      const from = `tickets_timed AS t JOIN customer_cells AS cc ON cc.customer_id = t.customer_id`;
      const sel = ls.map((l, i) => `${l} AS l${i}`);
      const by = ls.length > 0 ? `GROUP BY ${ls.join(', ')}` : '';
      queries.explore_tickets = `SELECT ${[...sel, 'COUNT(*) AS tickets', 'SUM(t.complaint) AS complaints', 'SUM(t.unresolved) AS unresolved', 'MIN(t._row) AS first'].join(', ')} FROM ${from} ${by} ORDER BY first`;
      for (const [name, key] of [
        ['explore_categories', 't.category'],
        ['explore_stages', 't.stage'],
      ] as const)
        queries[name] =
          `SELECT ${[...sel, `${key} AS key`, 'COUNT(*) AS n', 'MIN(t._row) AS first'].join(', ')} FROM ${from} WHERE t.complaint = 1 GROUP BY ${[...ls, key].join(', ')} ORDER BY first`;
      queries.explore_unattributed = `SELECT COUNT(*) AS n FROM tickets_timed AS t WHERE t.customer_id IS NULL OR NOT EXISTS (SELECT 1 FROM customer_cells AS cc WHERE cc.customer_id = t.customer_id)`;
    } else queries.explore_unattributed = `SELECT COUNT(*) AS n FROM tickets_timed`;
  }

  // Customers --------------------------------------------------------------------------------
  if (read.customers) {
    const revenue = has('customers', 'revenue') ? f('revenue') : 'CAST(NULL AS double precision)';
    const churned = f('churned');
    const known = `${churned} IS NOT NULL`;
    const left = `${churned} = 'yes'`;
    queries.customer_totals = `SELECT SUM(CASE WHEN ${known} THEN 0 ELSE 1 END) AS unknown, SUM(CASE WHEN ${known} THEN 1 ELSE 0 END) AS customers, SUM(CASE WHEN ${left} THEN 1 ELSE 0 END) AS churned, SUM(CASE WHEN ${known} THEN ${revenue} END) AS revenue, SUM(CASE WHEN ${left} THEN ${revenue} END) AS churned_revenue, SUM(CASE WHEN ${known} THEN ${revenue} * ${revenue} END) AS revenue_sq, SUM(CASE WHEN ${left} THEN ${revenue} * ${revenue} END) AS churned_revenue_sq, SUM(CASE WHEN ${known} AND ${revenue} IS NULL THEN 1 ELSE 0 END) AS revenue_missing FROM customers_rows`;
    const dims = segments.filter((s) => has('customers', s));
    queries.customer_segments =
      dims.length === 0
        ? `SELECT CAST(NULL AS text) AS dimension, CAST(NULL AS text) AS level, 0 AS n, 0 AS k, 0 AS first WHERE false`
        : dims
            .map(
              (s) =>
                `SELECT ${d.literal(s)} AS dimension, ${f(s)} AS level, COUNT(*) AS n, SUM(CASE WHEN ${left} THEN 1 ELSE 0 END) AS k, MIN(_row) AS first FROM customers_rows WHERE ${known} AND ${f(s)} IS NOT NULL GROUP BY ${f(s)}`,
            )
            .join(' UNION ALL ');
  }

  // Dropped last first (a view may read an earlier relation), then created in order.
  const dropped = (relations: Relation[]) =>
    [...relations].reverse().map((r) => `DROP ${r.kind} IF EXISTS ${r.name}`);
  const drop = dropped(ctes);
  const setup = [
    ...drop,
    ...ctes.map((r) => `CREATE TEMPORARY ${r.kind} ${r.name} AS ${r.select}`),
  ];
  const released = new Set([
    ...Object.values(read).flatMap((t) => t.relations.map((r) => r.name)),
    'orders_status',
    'orders_counted',
    'order_status_totals',
    'survey_kept',
  ]);
  const release = dropped(ctes.filter((r) => released.has(r.name)));
  return { problems: g.problems, checks, setup, queries, release, drop };
}
