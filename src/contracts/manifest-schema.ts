import { z } from 'zod';
import { ADJUSTMENTS, DEFAULT_EXCLUDED_STATUSES, TABLE_NAMES } from './fields.ts';
import { ItemIdSchema, ItemSchema } from './item-schema.ts';
import { matchKey } from './match-key.ts';

const isoDate = z.iso.date({ error: 'must be a date written YYYY-MM-DD' });
const count = z.number().int().nonnegative();

/** One level of a segment dimension, with its sampling plan. */
export const SegmentLevelSchema = z.strictObject({
  /** Customers in this level (for response rates and weighting). */
  population: count
    .optional()
    .describe('Customers in this level (for response rates and weighting).'),
  /** Survey invitations sent to this level. */
  invitations: count.optional().describe('Survey invitations sent to this level.'),
  /** Responses the sampling plan aims for. */
  target: count.optional().describe('Responses the sampling plan aims for.'),
});

/** A way of splitting customers into groups, e.g. customer type or region. */
export const SegmentDimensionSchema = z.strictObject({
  /** Human label, e.g. "Customer group". */
  label: z.string().min(1).describe('Human label, e.g. "Customer group".'),
  /** Every allowed level; a value outside this list is an error. */
  levels: z
    .record(z.string().min(1), SegmentLevelSchema)
    .refine((levels) => Object.keys(levels).length > 0, { error: 'needs at least one level' })
    .describe('Every allowed level; a value outside this list is an error.'),
});

/** How a file is written. Everything has a default that fits a plain UTF-8 CSV. */
export const FileFormatSchema = z.strictObject({
  /** Field separator; detected from the header line when absent. */
  delimiter: z
    .enum([',', ';', '\t', '|'])
    .optional()
    .describe('Field separator; detected from the header line when absent.'),
  /** Character encoding of the bytes on disk. */
  encoding: z
    .enum(['utf-8', 'windows-1252', 'latin1'])
    .default('utf-8')
    .describe('Character encoding of the bytes on disk.'),
  /** Decimal separator of numbers. */
  decimal: z.enum(['.', ',']).default('.').describe('Decimal separator of numbers.'),
  /** Thousands separator in numbers, e.g. "1,234.50" or "1.234,50"; none by default. */
  thousands: z
    .enum([',', '.', ' ', "'"])
    .optional()
    .describe(
      'Thousands separator in numbers, e.g. "," in 1,234.50 or "." in 1.234,50; none by default.',
    ),
  /** How dates are written; "excel" reads spreadsheet serial day numbers (45123 = 2023-07-16). */
  dateFormat: z
    .enum(['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'excel'])
    .default('YYYY-MM-DD')
    .describe(
      'How dates are written: YYYY-MM-DD (ISO, with an optional time), DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY, or excel (serial day numbers). A time is kept as the export writes it: a UTC offset after an ISO time ("+02:00", "Z") is accepted and not applied, so write the times of one table in one zone.',
    ),
  /** 1-based line of the header row (rows above it are skipped). */
  headerRow: z
    .number()
    .int()
    .positive()
    .default(1)
    .describe('1-based line of the header row (rows above it are skipped).'),
  /** Export headers to ignore (not reported as unmapped). */
  ignore: z
    .array(z.string())
    .default([])
    .describe('Export headers to ignore (not reported as unmapped).'),
});

/** One table of a snapshot: its file and how its columns map onto canonical fields. */
export const TableSchema = z.strictObject({
  /** File name inside the snapshot folder. */
  file: z.string().min(1).describe('File name inside the snapshot folder.'),
  /** Canonical field → the export's own column header (or, for a scored item, several). */
  columns: z
    .record(z.string().min(1), z.union([z.string().min(1), z.array(z.string().min(1)).min(2)]))
    .describe(
      "Canonical field → the export's own column header. A scored item may name several headers: its score is then the mean of those answers (a construct score, e.g. satisfaction = mean of three satisfaction questions), missing when any of them is.",
    ),
  /** Canonical field → { export value label → canonical value }. */
  values: z
    .record(z.string(), z.record(z.string(), z.union([z.number(), z.string()])))
    .default({})
    .describe('Canonical field → { export value label → canonical value }.'),
  format: FileFormatSchema.default(FileFormatSchema.parse({})).describe(
    'How the file is written: delimiter, encoding, decimal separator, header row, ignored columns.',
  ),
  /** A repeated id: keep the first row (default) or keep every row (some exports repeat on purpose). */
  duplicateIds: z
    .enum(['keep-first', 'keep-all'])
    .default('keep-first')
    .describe(
      'A repeated id: keep the first row (default) or keep every row (some exports repeat on purpose).',
    ),
  /** Segments taken from another file by a key, e.g. the customer group from a CRM export. */
  lookups: z
    .array(
      z.strictObject({
        /** Segment dimension to fill, e.g. "customer_group". */
        field: z.string().min(1).describe('Segment dimension to fill, e.g. "customer_group".'),
        /** Lookup file inside the snapshot folder. */
        file: z
          .string()
          .min(1)
          .describe('Lookup file inside the snapshot folder (a CSV with a header).'),
        /** Canonical field of this table holding the key, e.g. "customer_id". */
        key: z
          .string()
          .min(1)
          .describe('Canonical field of this table holding the key, e.g. "customer_id".'),
        /** Lookup file header holding the key. */
        lookupKey: z.string().min(1).describe('Header of the key column in the lookup file.'),
        /** Lookup file header holding the level. */
        lookupValue: z.string().min(1).describe('Header of the segment column in the lookup file.'),
      }),
    )
    .default([])
    .describe(
      'Segments taken from another file by a key (used when the table has no column for the segment).',
    ),
});
export type Table = z.output<typeof TableSchema>;

export { mappedHeader } from './mapped-header.ts';

/**
 * A rule that gives a row a status its status column does not say: an order id that starts with
 * a prefix (some exports mark a cancellation by a "C" before the invoice number), or a negative
 * quantity (a returned line).
 */
export const StatusRuleSchema = z.union([
  z.strictObject({
    /** Rows whose order id starts with this text (case-sensitive). */
    idPrefix: z
      .string()
      .min(1)
      .describe('Rows whose order id starts with this text (case-sensitive).'),
    /** The status these rows take, e.g. "cancelled". */
    status: z
      .string()
      .min(1)
      .transform(matchKey)
      .describe('The status these rows take, e.g. "cancelled".'),
  }),
  z.strictObject({
    /** Rows whose quantity is below 0. */
    negativeQuantity: z.literal(true).describe('Rows whose quantity is below 0.'),
    /** The status these rows take, e.g. "returned". */
    status: z
      .string()
      .min(1)
      .transform(matchKey)
      .describe('The status these rows take, e.g. "returned".'),
  }),
]);
export type StatusRule = z.output<typeof StatusRuleSchema>;

/** How the orders table's rows make orders, and which of them count. */
export const OrdersSchema = z.strictObject({
  /** Order statuses that are not revenue. */
  // Compared with the statuses a table writes as those are read: case-blind (matchKey).
  excludeStatuses: z
    .array(z.string().transform(matchKey))
    .default([...DEFAULT_EXCLUDED_STATUSES])
    .describe('Order statuses left out of orders and revenue, whatever their case.'),
  /** The largest plausible order amount; a larger one is an error. */
  maxAmount: z
    .number()
    .positive()
    .optional()
    .describe(
      "The largest plausible order amount: a larger one (in either sign) is an error, as are more than 15 significant digits. For amounts formed as quantity × unit price, it bounds each line's product.",
    ),
  /** What a negative amount is: undeclared, each is a warning; the order is left out either way. */
  negativeAmounts: z
    .enum(['refund'])
    .optional()
    .describe(
      '"refund": negative amounts are refunds, left out of orders and revenue and counted apart. Undeclared, each is a warning and its order is left out too (never netted).',
    ),
  /** What one row is: an order, or one line of an order (the lines of an order are summed). */
  rows: z
    .enum(['orders', 'lines'])
    .default('orders')
    .describe(
      'What one row of the orders table is: "orders" (one row per order, the default) or "lines" (one row per order line, as invoice-line exports write them: the rows of one order_id are summed into one order, in any row order).',
    ),
  /** Where a row's amount comes from: its amount column, or quantity × unit price. */
  amountFrom: z
    .enum(['amount', 'quantity*unit_price'])
    .default('amount')
    .describe(
      'Where a row\'s amount comes from: "amount" (the column mapped to amount: the order total, or the line total when rows are lines) or "quantity*unit_price" (the columns mapped to quantity and unit_price, multiplied).',
    ),
  /** Statuses given by rules beyond the status column's labels; the first rule that matches wins. */
  statusRules: z
    .array(StatusRuleSchema)
    .default([])
    .describe(
      'Statuses given by rules, checked in order before the status column: { "idPrefix": "C", "status": "cancelled" } or { "negativeQuantity": true, "status": "returned" }. A row matching no rule takes its status column (or "completed").',
    ),
  /** An order without a customer id: an error, or a guest order. */
  guests: z
    .enum(['error', 'count'])
    .default('error')
    .describe(
      'An order without a customer id: "error" (the default) or "count" (a guest order: it counts toward orders, revenue and order value, and toward no customer figure such as repeat rate, frequency or retention).',
    ),
});

export const MinimumBaseSchema = z.strictObject({
  /** Below this many responses a figure is hidden. */
  suppress: count.default(30).describe('Below this many responses a figure is hidden.'),
  /** Below this many responses a figure is shown but flagged as indicative. */
  flag: count
    .default(100)
    .describe('Below this many responses a figure is shown but flagged as indicative.'),
});

export const WeightingSchema = z.strictObject({
  /** none: unweighted; poststratify: one dimension; rake: several dimensions (IPF). */
  method: z
    .enum(['none', 'poststratify', 'rake'])
    .describe('none: unweighted; poststratify: one dimension; rake: several dimensions (IPF).'),
  /** Segment dimensions whose population counts are the targets. */
  dimensions: z
    .array(z.string())
    .min(1)
    .describe('Segment dimensions whose population counts are the targets.'),
});

/** The manifest of one snapshot folder `data/<id>/manifest.json`. */
export const ManifestSchema = z.strictObject({
  /** Snapshot id; must equal the folder name, e.g. "2026-Q3". */
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'use letters, digits, ".", "_" or "-" only' })
    .describe('Snapshot id; must equal the folder name, e.g. "2026-Q3".'),
  /** Period label shown to readers, e.g. "Q3 2026". */
  period: z.string().min(1).describe('Period label shown to readers, e.g. "Q3 2026".'),
  /** First day of the period. */
  start: isoDate.describe('First day of the period.'),
  /** Last day of the period. */
  end: isoDate.describe('Last day of the period.'),
  /** Segment dimensions: canonical field name → levels with population and invitations. */
  segments: z
    .record(z.string().regex(/^[a-z][a-z0-9_]*$/), SegmentDimensionSchema)
    .default({})
    .describe('Segment dimensions: canonical field name → levels with population and invitations.'),
  /** The questionnaire: every rated item, keyed by its id, in the order readers see them. */
  items: z
    .record(ItemIdSchema, ItemSchema)
    .default({})
    .describe(
      'The questionnaire: every rated survey item, keyed by an id of your choice (map the id to its column in tables.survey.columns), with its scale, label and role.',
    ),
  /** Items averaged into the satisfaction index (defaults to satisfaction + quality components). */
  index: z
    .strictObject({ items: z.array(ItemIdSchema).min(1) })
    .optional()
    .describe(
      'Item ids averaged into the satisfaction index (default: the overall satisfaction item and the items of the quality components other than brand).',
    ),
  adjustment: z
    .enum(ADJUSTMENTS)
    .default('holm')
    .describe(
      'Multiple-testing adjustment of the group-vs-rest tests: holm (family-wise error, default) or bh (Benjamini–Hochberg false discovery rate).',
    ),
  weighting: WeightingSchema.optional().describe(
    'Weight responses to the population counts of the segments (omit for unweighted figures).',
  ),
  minimumBase: MinimumBaseSchema.default(MinimumBaseSchema.parse({})).describe(
    'Minimum number of responses for a figure to be shown (suppress) or shown unflagged (flag).',
  ),
  /** How the orders table's rows make orders, and which of them count. */
  orders: OrdersSchema.default(OrdersSchema.parse({})).describe(
    'How the orders table is read and which orders count towards behaviour and value.',
  ),
  /** Targets and external benchmarks per metric id, shown beside our figures. */
  targets: z
    .record(z.string(), z.number())
    .default({})
    .describe('Targets and external benchmarks per metric id, shown beside our figures.'),
  /** ISO 4217 code of the money in the orders and customer tables, e.g. "EUR". */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'must be a three-letter ISO 4217 code such as "EUR" or "USD"' })
    .optional()
    .describe(
      'Currency of order amounts and revenue (ISO 4217, e.g. "EUR"), shown with every money figure; without it money is a plain number.',
    ),
  benchmarks: z
    .record(z.string(), z.number())
    .default({})
    .describe('External benchmark per metric id (e.g. an industry NPS), shown beside ours.'),
  /** What new-snapshot assumed that could change a figure, until the analyst confirms it. */
  assumptions: z
    .array(z.string().min(1))
    .optional()
    .describe(
      'What new-snapshot assumed that could change a figure (a scale, a label map, a code read as not applicable); validate warns about each until you check it and delete it.',
    ),
  /** The tables of this snapshot: at least one. */
  tables: z
    .strictObject({
      survey: TableSchema.optional().describe('Survey responses.'),
      orders: TableSchema.optional().describe('Orders or transactions.'),
      tickets: TableSchema.optional().describe('Support tickets and complaints.'),
      customers: TableSchema.optional().describe(
        'The customer base with a churn flag (a CRM or billing extract): churn and revenue at risk by segment.',
      ),
    })
    .refine((tables) => Object.values(tables).some((t) => t !== undefined), {
      error: 'declare at least one table (survey, orders, tickets or customers)',
    })
    .describe(
      'The tables of this snapshot: at least one of survey, orders, tickets and customers.',
    ),
});
export type Manifest = z.output<typeof ManifestSchema>;
export type ManifestInput = z.input<typeof ManifestSchema>;

export { TABLE_NAMES };
