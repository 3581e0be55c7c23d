/**
 * Guesses a manifest from export files: which file is the survey, orders or tickets; which
 * header maps to which canonical field; each item's scale from the values seen; value-label
 * maps for text answers; segment dimensions from low-cardinality columns; encoding and
 * delimiter. Pure: it works on decoded samples. Every guess is also returned as a sentence, for
 * the analyst to confirm.
 */
import Papa from 'papaparse';
import { SURVEY_ITEMS, type SurveyItem, type TableName } from '../schemas/fields.ts';
import type { ManifestInput } from '../schemas/manifest-schema.ts';
import { detectDelimiter } from './csv-reader.ts';

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
  ['product_quality', /product/i],
  ['service_quality', /service|support/i],
  ['reliability', /reliab/i],
  ['value', /value|price/i],
  ['emotional', /emotion|feel/i],
  ['brand', /brand/i],
  ['expectations', /expect/i],
  ['competitor', /competitor/i],
  ['journey_stage', /journey|stage/i],
  ['satisfaction', /satisf|overall|score|stars|rating/i],
  ['comment', /^(?!.*title).*(comment|verbatim|feedback|message|remark|text)/i],
  ['date', /date|submitted|created|timestamp|time/i],
];
const ORDER_RULES: Array<[string, RegExp]> = [
  ['order_id', /^(order|transaction|invoice)[ _-]?(id|number|no)$/i],
  ['customer_id', /^(customer|client|account)[ _-]?(id|number|no)$/i],
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

/** Which kind of table a header row looks like. */
export function classifyTable(headers: readonly string[]): TableName {
  const text = headers.join(' ');
  if (/ticket|case id|first response|resolv/i.test(text)) return 'tickets';
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

  for (const file of files) {
    const { headers, rows, delimiter } = sample(file);
    const kind = classifyTable(headers);
    if (tables[kind]) {
      assumptions.push(
        `${file.name}: looks like another ${kind} table; left out (merge it into one file first)`,
      );
      continue;
    }
    const rules = kind === 'survey' ? SURVEY_RULES : kind === 'orders' ? ORDER_RULES : TICKET_RULES;
    const columns: Record<string, string> = {};
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
      for (const field of SURVEY_ITEMS) {
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
          items[field as SurveyItem] = { scale: [1, 5] };
          assumptions.push(
            `${file.name}: "${header}" → ${field}, text labels mapped to 1–5 (${Object.keys(map).join(', ')})`,
          );
          const unknown = text.filter((t) => map[t] === undefined);
          if (unknown.length > 0) {
            items[field as SurveyItem] = { scale: [1, 5], notApplicable: unknown };
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
        items[field as SurveyItem] = {
          scale,
          ...(notApplicable.length > 0 ? { notApplicable } : {}),
        };
        assumptions.push(
          `${file.name}: "${header}" → ${field}, scale ${scale[0]}–${scale[1]} (seen ${Math.min(...numeric)}–${Math.max(...numeric)})`,
        );
      }
      if (columns.date)
        dates.push(
          ...column(columns.date)
            .map((d) => d.slice(0, 10))
            .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)),
        );
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
    const ignored = headers.filter((h) => !used.has(h));
    if (ignored.length > 0)
      assumptions.push(`${file.name}: not mapped: ${ignored.map((h) => `"${h}"`).join(', ')}`);
    assumptions.push(
      `${file.name}: ${kind} table, ${file.encoding}, delimiter ${JSON.stringify(delimiter)}`,
    );
    tables[kind] = {
      file: file.name,
      columns,
      ...(Object.keys(values).length > 0 ? { values } : {}),
      format: {
        ...(file.encoding === 'utf-8' ? {} : { encoding: 'windows-1252' as const }),
        ...(delimiter === ',' ? {} : { delimiter: delimiter as ';' }),
      },
    };
  }
  if (!tables.survey)
    throw new Error(
      'guessSnapshot requires a survey file (headers with recommend, satisfaction, score or rating)',
    );
  dates.sort();
  const start = options.start ?? dates[0] ?? '2026-01-01';
  const end = options.end ?? dates.at(-1) ?? start;
  if (!options.start || !options.end)
    assumptions.push(
      `period ${start} – ${end} taken from the survey dates (set --start/--end to override)`,
    );
  return {
    manifest: {
      id: options.id,
      period: options.period ?? options.id,
      start,
      end,
      segments,
      items,
      tables: {
        survey: tables.survey,
        ...(tables.orders ? { orders: tables.orders } : {}),
        ...(tables.tickets ? { tickets: tables.tickets } : {}),
      },
    },
    assumptions,
  };
}
