/**
 * Guesses a manifest from export files: which file is the survey, orders or tickets; which
 * header maps to which canonical field; each item's scale from the values seen; value-label
 * maps for text answers; segment dimensions from low-cardinality columns; encoding and
 * delimiter. Pure: it works on decoded samples. Every guess is also returned as a sentence, for
 * the analyst to confirm.
 */
import Papa from 'papaparse';
import type { TableName } from '../contracts/fields.ts';
import type { ItemDeclaration, QualityComponent } from '../contracts/questionnaire.ts';
import type { ManifestInput } from '../contracts/manifest-schema.ts';
import { detectDelimiter } from './csv-reader.ts';
import { draftOrders, type OrdersDraft } from './guess-orders.ts';

export interface FileSample {
  /** File name as it will sit in the snapshot folder. */
  name: string;
  /** Decoded text of (the start of) the file. */
  text: string;
  encoding: 'utf-8' | 'windows-1252';
}

export interface GuessedSnapshot {
  manifest: ManifestInput;
  /** One sentence per assumption, to print for the analyst. */
  assumptions: string[];
}

/** UTF-8 when the bytes decode strictly, else Windows-1252 (the usual spreadsheet export). */
export function guessEncoding(bytes: Uint8Array): 'utf-8' | 'windows-1252' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

const SURVEY_RULES: Array<[string, RegExp]> = [
  ['response_id', /^(response|respondent|review|survey|answer)[ _-]?id$|^id$/i],
  ['customer_id', /^(customer|client|account|user)[ _-]?(id|number|no)$/i],
  ['recommend', /recommend|\bnps\b|likel/i],
  ['effort', /effort|ease|easy/i],
  ['competitor', /competitor/i],
  ['journey_stage', /journey|stage/i],
  ['satisfaction', /satisf|overall|score|stars|rating/i],
  ['comment', /^(?!.*title).*(comment|verbatim|feedback|message|remark|text)/i],
  ['date', /date|submitted|created|timestamp|time/i],
];
const ORDER_RULES: Array<[string, RegExp]> = [
  ['order_id', /^(order|transaction|invoice)[ _-]?(id|number|no)$/i],
  ['customer_id', /^(customer|client|account)[ _-]?(id|number|no)$/i],
  ['quantity', /^(quantity|qty|units|number of items)$/i],
  ['unit_price', /unit[ _-]?(price|cost)|price[ _-]?(each|per)|^price$/i],
  ['amount', /amount|value|total|revenue|price/i],
  ['status', /status/i],
  ['estimated_delivery', /estimat|promised/i],
  ['delivered', /^(?!.*carrier).*deliver/i],
  ['date', /date|purchase|created|time/i],
];
const TICKET_RULES: Array<[string, RegExp]> = [
  ['ticket_id', /^(ticket|case|complaint)[ _-]?(id|number|no)$/i],
  ['customer_id', /^(customer|client|account)[ _-]?(id|number|no)$/i],
  ['order_id', /^(order)[ _-]?(id|number|no)$/i],
  ['first_response', /first[ _-]?response|responded/i],
  ['resolved', /resolv|closed/i],
  ['opened', /open|created|date/i],
  ['category', /category|reason|topic|type of/i],
  ['journey_stage', /journey|stage/i],
  ['type', /^type$|kind/i],
];
const CUSTOMER_RULES: Array<[string, RegExp]> = [
  ['customer_id', /^(customer|client|account|user|subscriber)[ _-]?(id|number|no)$/i],
  ['churned', /churn|attrition|^left$|cancell?ed/i],
  ['revenue', /monthly|revenue|charges|spend|arpu|value/i],
];
/** Ways exports write a churn flag, read as the canonical yes/no. */
const CHURN_LABELS: Record<string, 'yes' | 'no'> = {
  yes: 'yes',
  no: 'no',
  y: 'yes',
  n: 'no',
  true: 'yes',
  false: 'no',
  '1': 'yes',
  '0': 'no',
  churned: 'yes',
  retained: 'no',
  active: 'no',
};
const CHOICE_GUESSES: Array<[string, (label: string) => string | null]> = [
  [
    'competitor',
    (l) =>
      /better/i.test(l)
        ? 'better'
        : /worse/i.test(l)
          ? 'worse'
          : /same|equal|similar/i.test(l)
            ? 'same'
            : null,
  ],
  [
    'journey_stage',
    (l) =>
      /before|pre/i.test(l)
        ? 'pre-purchase'
        : /after|post|support|return/i.test(l)
          ? 'after-sales'
          : /purchase|checkout|buy|order/i.test(l)
            ? 'purchase'
            : null,
  ],
];
const SEGMENT_HINT = /segment|group|type|tier|region|country|state|contract|channel|plan/i;

/** The drafted item ids with a role (the roles' own names: contracts/questionnaire.ts). */
const ROLE_ITEMS = new Set(['recommend', 'satisfaction', 'effort']);

/** Words that place a rated question in a component of customer quality. */
const COMPONENT_HINTS: Array<[QualityComponent, RegExp]> = [
  ['product_quality', /product|quality|comfort|food|clean|seat|entertain/i],
  ['service_quality', /service|support|staff|crew|agent|friendl|helpful/i],
  ['reliability', /reliab|on.?time|punctual|delay|depend/i],
  ['value', /value|price|cost|fee/i],
  ['emotional', /emotion|feel|trust|love|proud/i],
  ['brand', /brand|image|reputation/i],
];

/** ECSI/ACSI construct codes and the items they measure. */
const CONSTRUCT_CODES: Record<string, { id: string; declaration: Partial<ItemDeclaration> }> = {
  CUSA: { id: 'satisfaction', declaration: {} },
  IMAG: { id: 'image', declaration: { label: 'Image', component: 'brand' } },
  CUEX: { id: 'expectations', declaration: { label: 'Expectations' } },
  PERQ: {
    id: 'perceived_quality',
    declaration: { label: 'Perceived quality', component: 'product_quality' },
  },
  PERV: { id: 'perceived_value', declaration: { label: 'Perceived value', component: 'value' } },
};

/** Item → its numbered questions, for headers such as CUSA1, CUSA2, CUSA3 not yet mapped. */
function constructGroups(headers: readonly string[], used: ReadonlySet<string>) {
  const groups = new Map<string, string[]>();
  for (const header of headers) {
    const code = /^([A-Z]{3,5})\d+$/.exec(header)?.[1];
    const item = code === undefined ? undefined : CONSTRUCT_CODES[code]?.id;
    if (!item || used.has(header)) continue;
    groups.set(item, [...(groups.get(item) ?? []), header]);
  }
  return [...groups].filter(([, members]) => members.length >= 2);
}

/** Which kind of table a header row looks like. */
export function classifyTable(headers: readonly string[]): TableName {
  const text = headers.join(' ');
  if (/ticket|case id|first response|resolv/i.test(text)) return 'tickets';
  // A customer-base extract flags who left and carries no survey answers.
  if (/churn|attrition/i.test(text) && !/recommend|satisf|nps|rating|stars|review/i.test(text))
    return 'customers';
  if (/recommend|satisf|nps|rating|score|stars|review/i.test(text)) return 'survey';
  if (/order|transaction|invoice|amount|revenue/i.test(text)) return 'orders';
  return 'survey';
}

const LABEL_SCALES: Array<[RegExp, string[]]> = [
  [/satisf/i, ['very dissatisfied', 'dissatisfied', 'neither', 'satisfied', 'very satisfied']],
  [/agree/i, ['strongly disagree', 'disagree', 'neither', 'agree', 'strongly agree']],
  [/poor|excellent/i, ['very poor', 'poor', 'fair', 'good', 'excellent']],
];

/** The smallest common scale that holds every observed value. */
export function guessScale(values: readonly number[]): [number, number] | null {
  if (values.length === 0 || values.some((v) => !Number.isInteger(v))) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  // Both ends of 1–10 answered and never 0: a 1–10 scale, not 0–10.
  if (min === 1 && max === 10) return [1, 10];
  for (const scale of [
    [1, 5],
    [1, 7],
    [0, 10],
    [1, 10],
    [0, 100],
  ] as Array<[number, number]>) {
    if (min >= scale[0] && max <= scale[1]) return scale;
  }
  return null;
}

function sample(file: FileSample): { headers: string[]; rows: string[][]; delimiter: string } {
  const firstLine = file.text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  const parsed = Papa.parse<string[]>(file.text.replace(/^\uFEFF/, ''), {
    delimiter,
    skipEmptyLines: true,
    preview: 2001,
  });
  const [headers = [], ...rows] = parsed.data;
  return { headers: headers.map((h) => h.trim()), rows, delimiter };
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^(\d)/, 'd$1') || 'segment'
  );
}

/** Guesses a manifest for the given files. */
export function guessSnapshot(
  files: readonly FileSample[],
  options: { id: string; period?: string; start?: string; end?: string },
): GuessedSnapshot {
  const assumptions: string[] = [];
  const tables: Partial<Record<TableName, NonNullable<ManifestInput['tables']['orders']>>> = {};
  const items: NonNullable<ManifestInput['items']> = {};
  const segments: NonNullable<ManifestInput['segments']> = {};
  const dates: string[] = [];
  const orderDates: string[] = [];
  let orders: OrdersDraft | null = null;

  for (const file of files) {
    const { headers, rows, delimiter } = sample(file);
    const kind = classifyTable(headers);
    if (tables[kind]) {
      assumptions.push(
        `${file.name}: looks like another ${kind} table; left out (merge it into one file first)`,
      );
      continue;
    }
    const rules = {
      survey: SURVEY_RULES,
      orders: ORDER_RULES,
      tickets: TICKET_RULES,
      customers: CUSTOMER_RULES,
    }[kind];
    const columns: Record<string, string> = {};
    const constructs: Record<string, string[]> = {};
    const values: Record<string, Record<string, number | string>> = {};
    const used = new Set<string>();
    const column = (h: string) =>
      rows.map((r) => (r[headers.indexOf(h)] ?? '').trim()).filter((v) => v !== '');
    for (const [field, pattern] of rules) {
      const header = headers.find((h) => !used.has(h) && pattern.test(h));
      if (!header) continue;
      columns[field] = header;
      used.add(header);
    }
    if (kind === 'survey') {
      // Questionnaires in the ECSI/ACSI tradition name several questions per construct with
      // one code (CUSA1, CUSA2, …): each construct becomes an item scored as their mean.
      // One questionnaire, one scale: guessed from the answers to all its construct questions.
      const groups = constructGroups(headers, used);
      const answers = groups.flatMap(([, members]) => members.flatMap((h) => column(h)));
      const scale = answers.every((v) => /^\d+$/.test(v)) ? guessScale(answers.map(Number)) : null;
      for (const [field, members] of scale ? groups : []) {
        constructs[field] = members;
        for (const h of members) used.add(h);
        const code = Object.values(CONSTRUCT_CODES).find((c) => c.id === field);
        items[field] = { ...code?.declaration, scale: scale! };
        assumptions.push(
          `${file.name}: ${members.map((h) => `"${h}"`).join(', ')} → ${field}, the mean of ${members.length} questions on ${scale![0]}–${scale![1]}`,
        );
      }
      for (const field of ROLE_ITEMS) {
        const header = columns[field];
        if (!header) continue;
        const observed = column(header);
        const numeric = observed.filter((v) => /^-?\d+$/.test(v)).map(Number);
        const text = [...new Set(observed.filter((v) => !/^-?\d+$/.test(v)))];
        const labelScale = LABEL_SCALES.find(([pattern]) => text.some((t) => pattern.test(t)));
        if (labelScale && text.length > 0) {
          const map: Record<string, number> = {};
          for (const t of text) {
            const position = labelScale[1].indexOf(t.toLowerCase());
            if (position >= 0) map[t] = position + 1;
          }
          values[field] = map;
          items[field] = { scale: [1, 5] };
          assumptions.push(
            `${file.name}: "${header}" → ${field}, text labels mapped to 1–5 (${Object.keys(map).join(', ')})`,
          );
          const unknown = text.filter((t) => map[t] === undefined);
          if (unknown.length > 0) {
            items[field] = { scale: [1, 5], notApplicable: unknown };
            assumptions.push(
              `${file.name}: "${header}": treating ${unknown.map((u) => `"${u}"`).join(', ')} as "not applicable" — check`,
            );
          }
          continue;
        }
        const scale = field === 'recommend' ? ([0, 10] as [number, number]) : guessScale(numeric);
        if (!scale) {
          assumptions.push(
            `${file.name}: "${header}" looked like ${field} but its values fit no usual scale; left unmapped`,
          );
          delete columns[field];
          continue;
        }
        const notApplicable = text.filter((t) => /^(n\/?a|na|-|don't know|dk)$/i.test(t));
        items[field] = {
          scale,
          ...(notApplicable.length > 0 ? { notApplicable } : {}),
        };
        assumptions.push(
          `${file.name}: "${header}" → ${field}, scale ${scale[0]}–${scale[1]} (seen ${Math.min(...numeric)}–${Math.max(...numeric)})`,
        );
      }
      // Every other column of whole numbers on a usual scale is a rated item of its own,
      // under its own label: a questionnaire has as many items as its designers wrote.
      for (const header of headers) {
        if (used.has(header) || header === '' || SEGMENT_HINT.test(header)) continue;
        if (/(^|[ _-])(id|date|time)$/i.test(header)) continue;
        const observed = column(header);
        const numeric = observed.filter((v) => /^-?\d+$/.test(v)).map(Number);
        if (numeric.length === 0 || new Set(numeric).size > 11) continue;
        const scale = guessScale(numeric);
        if (!scale || scale[1] > 10) continue;
        let id = slug(header);
        while (items[id] || columns[id] || ROLE_ITEMS.has(id)) id = `${id}_item`;
        const component = COMPONENT_HINTS.find(([, pattern]) => pattern.test(header))?.[0];
        columns[id] = header;
        used.add(header);
        items[id] = { label: header, scale, ...(component ? { component } : {}) };
        assumptions.push(
          `${file.name}: "${header}" → item "${id}", scale ${scale[0]}–${scale[1]}${component ? `, component ${component}` : ''} (seen ${Math.min(...numeric)}–${Math.max(...numeric)})`,
        );
      }
      if (columns.date)
        dates.push(
          ...column(columns.date)
            .map((d) => d.slice(0, 10))
            .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)),
        );
    }
    if (kind === 'customers' && columns.churned) {
      const header = columns.churned;
      const labels = [...new Set(column(header))];
      const map: Record<string, string> = {};
      for (const label of labels) {
        const canonical = CHURN_LABELS[label.toLowerCase()];
        if (canonical && canonical !== label.toLowerCase()) map[label] = canonical;
      }
      const unread = labels.filter((l) => CHURN_LABELS[l.toLowerCase()] === undefined);
      if (Object.keys(map).length > 0) values.churned = map;
      assumptions.push(
        unread.length > 0
          ? `${file.name}: "${header}" → churned, but ${unread.map((u) => `"${u}"`).join(', ')} is neither yes nor no: map it under values.churned`
          : `${file.name}: "${header}" → churned (${labels.join(' / ')})`,
      );
    }
    if (kind === 'customers' && columns.revenue) {
      const observed = column(columns.revenue);
      if (observed.some((v) => !/^-?\d+(\.\d+)?$/.test(v))) {
        assumptions.push(
          `${file.name}: "${columns.revenue}" looked like revenue but holds non-numbers; left unmapped`,
        );
        used.delete(columns.revenue);
        delete columns.revenue;
      } else assumptions.push(`${file.name}: "${columns.revenue}" → revenue per customer`);
    }
    // Choice fields: map the export's labels by their words.
    for (const [field, guess] of CHOICE_GUESSES) {
      const header = columns[field];
      if (!header) continue;
      const map: Record<string, string> = {};
      for (const label of new Set(column(header))) {
        const canonical = guess(label);
        if (canonical && canonical !== label) map[label] = canonical;
      }
      if (Object.keys(map).length > 0) {
        values[field] = map;
        assumptions.push(
          `${file.name}: "${header}" → ${field}, labels ${Object.entries(map)
            .map(([a, b]) => `"${a}" = ${b}`)
            .join(', ')}`,
        );
      }
    }
    if (kind === 'orders') {
      orders = draftOrders(file.name, headers, rows, columns);
      for (const field of Object.keys(columns)) {
        if (orders.columns[field] === columns[field]) continue;
        used.delete(columns[field]!);
        delete columns[field];
      }
      for (const [field, header] of Object.entries(orders.columns)) {
        columns[field] = header;
        used.add(header);
      }
      orderDates.push(...orders.dates);
      assumptions.push(...orders.assumptions);
    }
    if (kind !== 'tickets') {
      for (const header of headers) {
        if (used.has(header) || !SEGMENT_HINT.test(header)) continue;
        const levels = [...new Set(column(header))].sort();
        if (levels.length < 2 || levels.length > 20) continue;
        const dimension = slug(header);
        if (!segments[dimension]) {
          segments[dimension] = {
            label: header,
            levels: Object.fromEntries(levels.map((l) => [l, {}])),
          };
          assumptions.push(
            `${file.name}: "${header}" → segment "${dimension}" with levels ${levels.join(', ')} (add population and invitations per level)`,
          );
        }
        columns[dimension] = header;
        used.add(header);
      }
    }
    // Unmapped columns go under format.ignore, named here once, so validate does not repeat them.
    const ignored = headers.filter((h) => !used.has(h) && h !== '');
    if (ignored.length > 0)
      assumptions.push(
        `${file.name}: not mapped (listed in format.ignore; map any you need): ${ignored.map((h) => `"${h}"`).join(', ')}`,
      );
    assumptions.push(
      `${file.name}: ${kind} table, ${file.encoding}, delimiter ${JSON.stringify(delimiter)}`,
    );
    tables[kind] = {
      file: file.name,
      columns: { ...columns, ...constructs },
      ...(Object.keys(values).length > 0 ? { values } : {}),
      format: {
        ...(file.encoding === 'utf-8' ? {} : { encoding: 'windows-1252' as const }),
        ...(delimiter === ',' ? {} : { delimiter: delimiter as ';' }),
        ...(ignored.length > 0 ? { ignore: ignored } : {}),
        ...(kind === 'orders' && orders?.dateFormat ? { dateFormat: orders.dateFormat } : {}),
      },
    };
  }
  if (Object.keys(tables).length === 0) throw new Error('guessSnapshot requires at least one file');
  // The survey's dates make the period; without them, the orders' (of the rows read).
  const fromOrders = dates.length === 0 && orderDates.length > 0;
  if (fromOrders) dates.push(...orderDates);
  dates.sort();
  const start = options.start ?? dates[0] ?? '2026-01-01';
  const end = options.end ?? dates.at(-1) ?? start;
  if (!options.start || !options.end)
    assumptions.push(
      dates.length === 0
        ? `period ${start} – ${end} is a placeholder: the files have no survey dates (set --start/--end)`
        : fromOrders
          ? `period ${start} – ${end} taken from the order dates of the rows read (set --start/--end to override; validate warns of order dates outside it)`
          : `period ${start} – ${end} taken from the survey dates (set --start/--end to override)`,
    );
  return {
    manifest: {
      id: options.id,
      period: options.period ?? options.id,
      start,
      end,
      segments,
      items,
      ...(orders && Object.keys(orders.orders).length > 0 ? { orders: orders.orders } : {}),
      tables: {
        ...(tables.survey ? { survey: tables.survey } : {}),
        ...(tables.orders ? { orders: tables.orders } : {}),
        ...(tables.tickets ? { tickets: tables.tickets } : {}),
        ...(tables.customers ? { customers: tables.customers } : {}),
      },
    },
    assumptions,
  };
}
