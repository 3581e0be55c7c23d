/**
 * Guesses a manifest from export files: which file is the survey, orders or tickets (by what
 * their columns hold); which header maps to which canonical field, in the languages the project
 * reads, each mapping checked against the column's values (a column of numbers is never a date,
 * a comment column holds text); each item's scale and labels (guess-item.ts); segment
 * dimensions from low-cardinality columns, case variants as one level; encoding and delimiter.
 * Pure: it works on decoded samples. Every guess is returned as a sentence for the analyst, and
 * those that could change a figure are also written under the manifest's "assumptions", which
 * validate reports until the analyst confirms them.
 */
import Papa from 'papaparse';
import type { TableName } from '../contracts/fields.ts';
import {
  ITEM_ROLES,
  type ItemDeclaration,
  type QualityComponent,
} from '../contracts/questionnaire.ts';
import type { ManifestInput } from '../contracts/manifest-schema.ts';
import { columnNames, detectDelimiter, excelSepDelimiter, isSubHeaderRow } from './csv-reader.ts';
import { draftOrders, guessDateFormat, type OrdersDraft } from './guess-orders.ts';
import { guessItem, guessScale, type ItemGuess } from './guess-item.ts';
import { isNoAnswer } from './no-answer.ts';
import { toIsoDate, type DateFormat } from './cells/date.ts';

export interface FileSample {
  /** File name as it will sit in the snapshot folder. */
  name: string;
  /** Decoded text of (the start of) the file. */
  text: string;
  encoding: 'utf-8' | 'windows-1252';
}

export interface GuessedSnapshot {
  /** The draft; its "assumptions" are the guesses that could change a figure. */
  manifest: ManifestInput;
  /** One sentence per other guess, to print for the analyst. */
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

/** A customer's id as exports name it, in the languages the project reads. */
const CUSTOMER_ID =
  /^(customer|client|account|user|member|subscriber|buyer|shopper|guest|kunden?|cliente|klant)s?[ _-]*(id|number|no|nr|num|code|key|ref|#)\.?$|^(id|no|n°|nº|num(é|e)ro|número|code|código|nummer)[ _-]*(de |du |do |des )?(customer|client|cliente|kunde)$|^kundennummer$/i;
const SURVEY_RULES: Array<[string, RegExp]> = [
  [
    'response_id',
    /^(response|respondent|review|survey|answer|submission)[ _-]?id$|^id$|^respondent$|^response$/i,
  ],
  ['customer_id', CUSTOMER_ID],
  ['recommend', /recommend|recommand|recomend|empfehl|\bnps\b|likel|probabilit/i],
  ['effort', /effort|\bease\b|\beasy\b|facilit|facilidad|aufwand/i],
  ['competitor', /competitor|concurren|konkurren|wettbewerb|concorren/i],
  ['journey_stage', /journey|stage|étape|etapa/i],
  [
    'satisfaction',
    /satisf|zufrieden|overall|score|stars|rating|\bnote\b|\bnota\b|bewertung|calificaci|valoraci|avalia|évaluation/i,
  ],
  [
    'comment',
    /^(?!.*title|.*titre|.*título|.*titel).*(comment|verbatim|feedback|remark|remarque|kommentar|anmerkung|bemerkung|observa|suggest|sugest|avis|opini|improve|amélior|mejor|verbesser|melhor|message|text|why|pourquoi|por ?qu|warum|reason|raison|motivo|explain|tell us|do better|anything else)/i,
  ],
  ['date', /date|datum|fecha|\bdata\b|submitted|created|timestamp|time|horodatage/i],
];
const ORDER_RULES: Array<[string, RegExp]> = [
  ['order_id', /^(order|transaction|invoice)[ _-]?(id|number|no)$/i],
  ['customer_id', CUSTOMER_ID],
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
  ['customer_id', CUSTOMER_ID],
  ['order_id', /^(order)[ _-]?(id|number|no)$/i],
  ['first_response', /first[ _-]?response|responded/i],
  ['resolved', /resolv|closed/i],
  ['opened', /open|created|date/i],
  ['category', /category|reason|topic|type of/i],
  ['journey_stage', /journey|stage/i],
  ['type', /^type$|kind/i],
];
const CUSTOMER_RULES: Array<[string, RegExp]> = [
  ['customer_id', CUSTOMER_ID],
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
const SEGMENT_HINT =
  /segment|group|\btype\b|tier|region|country|\bstate\b|contract|channel|\bplan\b|loyalty|membership|\bclass\b|store|\bshop\b|branch|magasin|boutique|agence|tienda|sucursal|filiale|\bpays\b|país|\bland\b|région|\bcanal\b|kanal|gruppe|groupe|grupo|typ\b|\btipo\b|niveau|nivel|stufe/i;

/** A header's words: snake_case, kebab-case and camelCase cut apart ("customer_state"). */
function headerWords(header: string): string {
  return header.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_\-./]+/g, ' ');
}

/** The header names a way of grouping customers. */
function segmentHeader(header: string): boolean {
  return SEGMENT_HINT.test(headerWords(header));
}

/** Fields holding dates: a column of numbers is never one of them. */
const DATE_FIELDS = new Set([
  'date',
  'opened',
  'first_response',
  'resolved',
  'estimated_delivery',
  'delivered',
]);
/** A cell written as a date (with or without a time), in the writings exports use. */
const DATE_CELL =
  /^(\d{4}-\d{1,2}-\d{1,2}|\d{4}\/\d{1,2}\/\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})([ T]\d|$)/;

/** Most cells of the column are dates (an empty column gives no evidence against). */
function looksLikeDates(cells: readonly string[]): boolean {
  return cells.filter((c) => DATE_CELL.test(c)).length >= 0.9 * cells.length;
}

/** Headers that name a comment outright; the comment rule's other words ("reason", "text") may head categories. */
const COMMENT_HEADER =
  /comment|verbatim|feedback|remark|remarque|kommentar|anmerkung|bemerkung|observa|suggest|sugest|avis|opini|improve|amélior|mejor|verbesser|melhor|do better|anything else|tell us/i;

/**
 * The column holds free text: mostly words rather than numbers, and, unless its header names a
 * comment, many different texts (a column of categories repeats a handful); with no header to
 * go by, long texts with spaces too.
 */
function looksLikeFreeText(cells: readonly string[], header: string | null): boolean {
  const texts = cells.filter((c) => !isNoAnswer(c) && !/^-?[\d.,]+$/.test(c));
  if (texts.length < 0.5 * cells.length || texts.length === 0) return false;
  if (header !== null && COMMENT_HEADER.test(header)) return true;
  const distinct = new Set(texts).size;
  if (header !== null) return distinct >= Math.min(10, 0.5 * texts.length);
  const length = texts.reduce((sum, t) => sum + t.length, 0) / texts.length;
  const spaced = texts.filter((t) => /\s/.test(t) || /[\u3040-\u30ff\u3400-\u9fff]/.test(t));
  // Comments repeat ("Great service"), but a column of categories repeats a handful of values.
  return (
    (distinct >= 0.3 * texts.length || distinct >= 20) &&
    length >= 15 &&
    spaced.length >= 0.5 * texts.length
  );
}

/** Whether a column's cells fit the field a header rule proposes. */
function fits(field: string, header: string, cells: readonly string[]): boolean {
  if (DATE_FIELDS.has(field)) return looksLikeDates(cells);
  if (field === 'comment') return looksLikeFreeText(cells, header);
  if (field === 'response_id') return new Set(cells).size >= 0.95 * cells.length;
  return true;
}

/** The drafted item ids with a role (the roles' own names: contracts/questionnaire.ts). */
const ROLE_ITEMS = new Set<string>(ITEM_ROLES);

/** Headers that name the effort question itself, not only the ease of something. */
const EFFORT_NAMED = /effort|aufwand|esfuerzo|esforço/i;

/**
 * Words that place a rated question in a component of customer quality, the first that matches
 * (service before product: "Service quality" names its quality's kind, a bare "quality" none).
 */
const COMPONENT_HINTS: Array<[QualityComponent, RegExp]> = [
  ['service_quality', /service|support|staff|crew|agent|friendl|helpful/i],
  ['product_quality', /product|quality|comfort|food|clean|seat|entertain/i],
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

/** Headers of rated questions: the recommend, satisfaction and rating columns. */
const RATED_HEADER = new RegExp(
  [
    SURVEY_RULES.find(([f]) => f === 'recommend')![1],
    SURVEY_RULES.find(([f]) => f === 'satisfaction')![1],
  ]
    .map((r) => r.source)
    .join('|'),
  'i',
);

/**
 * Which kind of table an export is, by what its columns hold: a ticket id makes tickets; a
 * rated question (a recommend, NPS, satisfaction or rating column whose cells are answers on a
 * scale) makes a survey, whatever other words the headers use; then a churn flag, ticket
 * timings and order words.
 * @param cellsOf the non-empty cells of a column, to check a rated header holds answers
 */
export function classifyTable(
  headers: readonly string[],
  cellsOf: (header: string) => string[] = () => [],
): TableName {
  const text = headers.join(' ');
  if (headers.some((h) => /^(ticket|case|complaint|incident)[ _-]?(id|number|no|#)$/i.test(h)))
    return 'tickets';
  const rated = hasRatedColumn(headers, cellsOf);
  // A customer-base extract flags who left and carries no survey answers.
  if (/churn|attrition/i.test(text) && !rated) return 'customers';
  if (rated) return 'survey';
  if (/ticket|case id|first response|resolv/i.test(text)) return 'tickets';
  if (/order|transaction|invoice|amount|revenue/i.test(text)) return 'orders';
  return 'survey';
}

/** Whether a column is a rated question: its header says so and its cells are answers. */
function hasRatedColumn(
  headers: readonly string[],
  cellsOf: (header: string) => string[],
): boolean {
  return headers.some((h) => {
    if (!RATED_HEADER.test(h)) return false;
    const cells = cellsOf(h);
    return cells.length === 0 || guessItem(h, cells) !== null;
  });
}

/**
 * A file's header and first rows. A first line "sep=;" (Excel's way of naming the delimiter)
 * names the delimiter, and the header is the line after it (`sepLine`). A Qualtrics export's
 * three header rows (column codes, question texts, ImportIds) give the question texts as the
 * header, and a SurveyMonkey export's row of "Response" under its questions is left out, its
 * labels naming the columns of a question of several columns as the readers name them
 * (columnNames; `rowLabels` holds each such column's label); the readers skip either row after
 * the header. `layout` says what was read so, for the draft's assumptions.
 */
function sample(file: FileSample): {
  headers: string[];
  rows: string[][];
  delimiter: string;
  sepLine: boolean;
  headerRow: number;
  layout: string[];
  rowLabels: Map<string, string>;
} {
  const sep = excelSepDelimiter(file.text);
  const text = file.text.replace(/^\uFEFF/, '').replace(sep === null ? /^$/ : /^[^\n]*\n/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = sep ?? detectDelimiter(firstLine);
  const parsed = Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: true,
    preview: 2001,
  });
  let [headers = [], ...rows] = parsed.data;
  let headerRow = sep === null ? 1 : 2;
  const layout: string[] = [];
  const rowLabels = new Map<string, string>();
  if (rows.length >= 2 && isSubHeaderRow(rows[1]!) && !isSubHeaderRow(rows[0]!)) {
    headers = rows[0]!;
    rows = rows.slice(2);
    headerRow += 1;
    layout.push(
      `a Qualtrics export: its question texts (row ${headerRow}) are the header, and its ImportId row is skipped`,
    );
  } else if (rows.length >= 1 && isSubHeaderRow(rows[0]!, headers)) {
    const named = columnNames(headers, rows[0]!);
    named.forEach((name, i) => {
      if (name !== headers[i]!.trim()) rowLabels.set(name, rows[0]![i]!.trim());
    });
    const joined = rowLabels.size;
    headers = named;
    rows = rows.slice(1);
    layout.push(
      joined === 0
        ? 'a SurveyMonkey export: its row of "Response" under the questions is skipped'
        : `a SurveyMonkey export: its second header row is skipped, and the ${joined} columns of its questions of several columns (a matrix's rows, a list's options, "Other (please specify)") are named "<question> — <label in row ${headerRow + 1}>"`,
    );
  }
  return {
    headers: headers.map((h) => h.trim()),
    rows,
    delimiter,
    sepLine: sep !== null,
    headerRow,
    layout,
    rowLabels,
  };
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

/**
 * A segment column's levels, spellings that differ only in case ("Gold", "GOLD") as one level
 * written as most cells write it (the reader matches levels whatever their case).
 */
function caseLevels(cells: readonly string[]): { levels: string[]; variants: string[] } {
  const spellings = new Map<string, Map<string, number>>();
  for (const cell of cells) {
    const key = cell.toLowerCase();
    const counts = spellings.get(key) ?? new Map<string, number>();
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
    spellings.set(key, counts);
  }
  const levels: string[] = [];
  const variants: string[] = [];
  for (const counts of spellings.values()) {
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    levels.push(ranked[0]![0]);
    if (ranked.length > 1)
      variants.push(
        `${ranked
          .slice(1)
          .map(([s]) => `"${s}"`)
          .join(', ')} read as "${ranked[0]![0]}"`,
      );
  }
  return { levels: levels.sort(), variants };
}

/** The format of a survey's dates: ISO, else the day-and-month order guessDateFormat reads. */
function surveyDateFormat(cells: readonly string[]): DateFormat | undefined {
  if (cells.every((c) => /^\d{4}-\d{2}-\d{2}/.test(c))) return 'YYYY-MM-DD';
  return guessDateFormat(cells)?.format;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The last day of a month (1–12) of a year, as YYYY-MM-DD. */
function lastDay(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${day}`;
}

/**
 * The period a snapshot id names, the way snapshots are usually named: a quarter ("2024-Q4"), a
 * half year ("2024-H2"), a month ("2024-11") or a year ("2024"); null for any other id.
 * @example periodOfId('2024-Q4') // { start: '2024-10-01', end: '2024-12-31', label: 'Q4 2024' }
 */
export function periodOfId(id: string): { start: string; end: string; label: string } | null {
  const match = /^(\d{4})(?:-(?:Q([1-4])|H([12])|(0[1-9]|1[0-2])))?$/i.exec(id.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const span = (first: number, last: number, label: string) => ({
    start: `${year}-${String(first).padStart(2, '0')}-01`,
    end: lastDay(year, last),
    label,
  });
  if (match[2]) {
    const q = Number(match[2]);
    return span(3 * q - 2, 3 * q, `Q${q} ${year}`);
  }
  if (match[3]) {
    const h = Number(match[3]);
    return span(6 * h - 5, 6 * h, `H${h} ${year}`);
  }
  if (match[4]) {
    const m = Number(match[4]);
    return span(m, m, `${MONTHS[m - 1]} ${year}`);
  }
  return span(1, 12, String(year));
}

/** Guesses a manifest for the given files. */
export function guessSnapshot(
  files: readonly FileSample[],
  options: { id: string; period?: string; start?: string; end?: string },
): GuessedSnapshot {
  const assumptions: string[] = [];
  /** The guesses that could change a figure, for the manifest's "assumptions". */
  const recorded: string[] = [];
  const tables: Partial<Record<TableName, NonNullable<ManifestInput['tables']['orders']>>> = {};
  const items: NonNullable<ManifestInput['items']> = {};
  const segments: NonNullable<ManifestInput['segments']> = {};
  const dates: string[] = [];
  const orderDates: string[] = [];
  let orders: OrdersDraft | null = null;

  // A file taken for a survey only for want of anything else (no rated question) goes last, so
  // that it never takes the place of the export that holds the answers, whatever their order.
  const read = files.map((file) => {
    const sampled = sample(file);
    const { headers, rows } = sampled;
    const column = (h: string) =>
      rows.map((r) => (r[headers.indexOf(h)] ?? '').trim()).filter((v) => v !== '');
    const kind = classifyTable(headers, column);
    const unrated = kind === 'survey' && !hasRatedColumn(headers, column);
    return { file, ...sampled, column, kind, unrated };
  });
  read.sort((a, b) => Number(a.unrated) - Number(b.unrated));
  for (const {
    file,
    headers,
    rows,
    delimiter,
    sepLine,
    headerRow,
    layout,
    rowLabels,
    column,
    kind,
    unrated,
  } of read) {
    if (tables[kind]) {
      // A second file with no rated question is no survey: a customer list, a product list.
      assumptions.push(
        unrated
          ? `${file.name}: no rated question, order, ticket or churn column found; left out (the review reads survey answers, orders, tickets and a customer base with who left)`
          : `${file.name}: looks like another ${kind} table; left out (merge it into one file first)`,
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
    let dateFormat: DateFormat | undefined;
    for (const [field, pattern] of rules) {
      // A row of a matrix ("How satisfied are you with… — Delivery") is an aspect, never the
      // overall question its words name: it is drafted as an item below.
      const header = headers.find(
        (h) => !used.has(h) && !rowLabels.has(h) && pattern.test(h) && fits(field, h, column(h)),
      );
      if (!header) continue;
      columns[field] = header;
      used.add(header);
    }
    if (kind === 'survey') {
      if (!columns.comment) {
        // No header says "comment": the column of free text, if one is (the longest texts).
        const text = headers
          .filter(
            (h) =>
              !used.has(h) &&
              h !== '' &&
              !looksLikeDates(column(h)) &&
              looksLikeFreeText(column(h), null),
          )
          .map((h) => ({ h, length: column(h).join('').length }))
          .sort((a, b) => b.length - a.length)[0]?.h;
        if (text) {
          columns.comment = text;
          used.add(text);
          assumptions.push(`${file.name}: "${text}" → comment (its cells are free text)`);
        }
      }
      /** Declares a rated item from the draft's reading of its column. */
      const declare = (id: string, header: string, guess: ItemGuess, extra: object = {}) => {
        items[id] = {
          ...extra,
          scale: guess.scale,
          ...(guess.notApplicable.length > 0 ? { notApplicable: guess.notApplicable } : {}),
        };
        if (Object.keys(guess.labels).length > 0) values[id] = guess.labels;
        assumptions.push(...guess.notes.map((n) => `${file.name}: ${n} → ${id}`));
        recorded.push(...guess.assumed.map((a) => `${file.name}: ${a}`));
        if (guess.unknown.length > 0)
          assumptions.push(
            `${file.name}: "${header}": ${guess.unknown.map((u) => `"${u}"`).join(', ')} fit no scale the draft knows: map each to its point under values.${id} (validate reports them until then)`,
          );
      };
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
      const seen = answers.map(Number);
      if (scale && (Math.min(...seen) > scale[0] || Math.max(...seen) < scale[1]))
        recorded.push(
          `${file.name}: construct questions on ${scale[0]}–${scale[1]} assumed from answers ${Math.min(...seen)}–${Math.max(...seen)}`,
        );
      for (const field of ROLE_ITEMS) {
        const header = columns[field];
        if (!header) continue;
        const guess = guessItem(header, column(header), field === 'recommend');
        if (!guess) {
          assumptions.push(
            field === 'recommend'
              ? `${file.name}: "${header}" is not answered on 0–10, the scale NPS is defined on: not the recommend question`
              : `${file.name}: "${header}" looked like ${field} but its cells are no answers on a scale the draft knows; left unmapped`,
          );
          delete columns[field];
          used.delete(header);
          continue;
        }
        // "Ease" and "easy" name the effort question but also attribute ratings ("Ease of online
        // booking"), and the role makes the CES headline: unless the header says effort, the
        // analyst confirms it, and the item keeps the export's question as its label.
        const sure = field !== 'effort' || EFFORT_NAMED.test(header);
        declare(field, header, guess, sure ? {} : { label: header });
        if (!sure)
          recorded.push(
            `${file.name}: "${header}" read as the effort question (CES: how easy it was to deal with you); if it rates one attribute instead, rename its item and column key to an id of its own`,
          );
      }
      // Every other column of answers on a usual scale is a rated item of its own, under its
      // own label: a questionnaire has as many items as its designers wrote.
      for (const header of headers) {
        if (used.has(header) || header === '') continue;
        if (segmentHeader(header) && !RATED_HEADER.test(header)) continue;
        if (/(^|[ _-])(id|date|time)$/i.test(header)) continue;
        const guess = guessItem(header, column(header));
        // Amounts, counts and yes/no flags are not rated questions.
        if (!guess || guess.scale[1] > 10 || guess.scale[1] - guess.scale[0] < 2) continue;
        // A matrix's row is labelled by its row ("Delivery"), the question being the matrix's.
        const label = rowLabels.get(header) ?? header;
        let id = slug(label);
        while (items[id] || columns[id] || ROLE_ITEMS.has(id)) id = `${id}_item`;
        const component = COMPONENT_HINTS.find(([, pattern]) => pattern.test(label))?.[0];
        columns[id] = header;
        used.add(header);
        declare(id, header, guess, { label, ...(component ? { component } : {}) });
        if (component) assumptions.push(`${file.name}: "${header}" → component ${component}`);
      }
      if (columns.date) {
        const cells = column(columns.date);
        dateFormat = surveyDateFormat(cells);
        if (dateFormat === undefined)
          assumptions.push(
            `${file.name}: "${columns.date}" dates are in no format the draft knows: declare the table's "dateFormat"`,
          );
        else if (dateFormat !== 'YYYY-MM-DD')
          assumptions.push(`${file.name}: "${columns.date}" dates read as ${dateFormat}`);
        dates.push(
          ...cells
            .map((d) => toIsoDate(d, dateFormat ?? 'YYYY-MM-DD')?.slice(0, 10) ?? '')
            .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)),
        );
      }
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
        if (used.has(header) || !segmentHeader(header)) continue;
        const { levels, variants } = caseLevels(column(header));
        if (levels.length < 2 || levels.length > 20) continue;
        const dimension = slug(header);
        if (!segments[dimension]) {
          segments[dimension] = {
            label: header,
            levels: Object.fromEntries(levels.map((l) => [l, {}])),
          };
          assumptions.push(
            `${file.name}: "${header}" → segment "${dimension}" with levels ${levels.join(', ')} (add population and invitations per level)${variants.length > 0 ? `; ${variants.join('; ')}` : ''}`,
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
      `${file.name}: ${kind} table, ${file.encoding}, delimiter ${JSON.stringify(delimiter)}${sepLine ? ` (named by Excel's "sep=" first line; the header is on row 2)` : ''}`,
    );
    for (const line of layout) assumptions.push(`${file.name}: ${line}`);
    tables[kind] = {
      file: file.name,
      columns: { ...columns, ...constructs },
      ...(Object.keys(values).length > 0 ? { values } : {}),
      format: {
        ...(file.encoding === 'utf-8' ? {} : { encoding: 'windows-1252' as const }),
        ...(dateFormat && dateFormat !== 'YYYY-MM-DD' ? { dateFormat } : {}),
        ...(delimiter === ',' && !sepLine ? {} : { delimiter: delimiter as ';' }),
        ...(headerRow > 1 ? { headerRow } : {}),
        ...(ignored.length > 0 ? { ignore: ignored } : {}),
        ...(kind === 'orders' && orders?.dateFormat ? { dateFormat: orders.dateFormat } : {}),
      },
    };
  }
  if (Object.keys(tables).length === 0) throw new Error('guessSnapshot requires at least one file');
  // An id that names a period ("2024-Q4") makes the period; else the survey's dates, or without
  // them the orders' (of the rows read).
  const fromOrders = dates.length === 0 && orderDates.length > 0;
  if (fromOrders) dates.push(...orderDates);
  dates.sort();
  const named = periodOfId(options.id);
  const start = options.start ?? named?.start ?? dates[0] ?? '2026-01-01';
  const end = options.end ?? named?.end ?? dates.at(-1) ?? start;
  const source = fromOrders ? 'order dates of the rows read' : 'survey dates';
  if (!options.start || !options.end) {
    const outside = dates.filter((d) => d.slice(0, 10) < start || d.slice(0, 10) > end).length;
    assumptions.push(
      named
        ? `period ${start} – ${end} taken from the id "${options.id}"${dates.length === 0 ? '' : `; the ${source} run ${dates[0]!.slice(0, 10)} – ${dates.at(-1)!.slice(0, 10)}${outside > 0 ? `, ${outside} of them outside it (check the id, or set --start/--end)` : ''}`}`
        : dates.length === 0
          ? `period ${start} – ${end} is a placeholder: the files have no survey dates (set --start/--end, or name the snapshot by its period, e.g. --id 2026-Q4)`
          : fromOrders
            ? `period ${start} – ${end} taken from the ${source} (set --start/--end to override; validate warns of order dates outside it)`
            : `period ${start} – ${end} taken from the ${source} (set --start/--end to override)`,
    );
  }
  return {
    manifest: {
      ...(recorded.length > 0 ? { assumptions: recorded } : {}),
      id: options.id,
      period: options.period ?? named?.label ?? options.id,
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
