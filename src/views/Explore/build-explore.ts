/**
 * Pure builder of what the Explore page shows for a selection's figures: a title, a one-line
 * summary for the live region, and sections of tables and quotes. Every number is a `Figure`:
 * its text as a reader sees it and, for checking, the path of the value in the figures
 * (`metrics.2.estimate.value`) and the value itself at full precision — the page writes both
 * as data attributes, and the browser test compares each with the figures the build computed.
 */
import { ADJUSTMENT_LABELS } from '../../contracts/fields.ts';
import type { Estimate, MetricInfo } from '../../contracts/figures-schema.ts';
import type { ExploreFigures, ExploreMetric } from '../../figures/explore-figures.ts';
import { formatCount, formatP, numberFormats, type NumberFormats } from '../format.ts';
import { readDifference, SIGNIFICANCE_WORDS } from '../significance.ts';

/** A number on the page and where it comes from. */
export interface Figure {
  /** Path of the value in the figures, keys and indexes joined by ".". */
  figure: string;
  value: number;
  text: string;
}

export type Part = string | Figure;

export interface ViewRow {
  /** What the row is about, for tests and styling (a metric id, a category). */
  key: string;
  header: string;
  cells: Part[][];
  /** A significant difference from the rest: which way it reads. */
  mark?: 'better' | 'worse';
}

export interface ViewSection {
  id: string;
  title: string;
  /** Sentences before the table, each made of parts. */
  notes: Part[][];
  table?: { caption: string; head: string[]; rows: ViewRow[] };
  quotes?: Array<{ theme: string; items: Array<{ text: string; npsClass: string }> }>;
}

export interface ExploreView {
  title: string;
  /** One sentence for the live region. */
  summary: string;
  /** Shown instead of figures when the selection has none. */
  message: string | null;
  facts: Part[][];
  sections: ViewSection[];
}

/** The value at a path of the figures (where the path was made from). */
function valueAt(figures: ExploreFigures, path: string): number {
  let node: unknown = figures;
  for (const key of path.split('.')) node = (node as Record<string, unknown>)[key];
  if (typeof node !== 'number') throw new Error(`buildExploreView: no number at ${path}`);
  return node;
}

const PERCENT = { unit: '%', decimals: 1, direction: 'higher-is-better', changeUnit: '' } as const;
const QUADRANTS: Record<string, string> = {
  'concentrate-here': 'Concentrate here',
  'keep-up-the-good-work': 'Keep up the good work',
  'low-priority': 'Low priority',
  'possible-overkill': 'Possible overkill',
};

/** The title of a selection: its levels and its periods. */
export function selectionTitle(f: ExploreFigures): string {
  const who =
    f.filters.length === 0
      ? 'All responses'
      : f.filters.map((x) => x.levels.join(' or ')).join(' · ');
  const periods = f.periods.map((p) => p.period);
  const when =
    periods.length === 0
      ? ''
      : periods.length === 1
        ? periods[0]!
        : `${periods[0]} to ${periods.at(-1)} (${periods.length} periods pooled)`;
  return when ? `${who}, ${when}` : who;
}

/** The view of a selection's figures. */
export function buildExploreView(f: ExploreFigures, locale: string): ExploreView {
  const format = numberFormats(locale);
  const fig = (path: string, text: (v: number) => string): Figure => {
    const value = valueAt(f, path);
    return { figure: path, value, text: text(value) };
  };
  const count = (path: string) => fig(path, (v) => formatCount(v, locale));
  const percent = (path: string) => fig(path, (v) => format.value(PERCENT, v));
  /** An estimate's value and interval, each a figure; `none` when it is suppressed. */
  const withInterval = (
    path: string,
    e: Estimate,
    metric: Parameters<NumberFormats['value']>[0],
    none: string,
  ): Part[] => {
    if (e.value === null) return [none];
    const parts: Part[] = [fig(`${path}.value`, (v) => format.value(metric, v))];
    if (e.lower !== null && e.upper !== null) {
      const [lower, separator, upper, unit] = format.intervalParts(metric, e.lower, e.upper);
      parts.push(
        ' (',
        { figure: `${path}.lower`, value: e.lower, text: lower },
        separator,
        { figure: `${path}.upper`, value: e.upper, text: upper },
        `${unit})`,
      );
    }
    return parts;
  };
  const title = selectionTitle(f);
  const base = f.minimumBase.suppress;
  const empty = (message: string): ExploreView => ({
    title,
    summary: `${title}: ${message}`,
    message,
    facts: [],
    sections: [],
  });
  if (f.status === 'no-period') return empty('choose at least one period.');
  if (f.status === 'different-questionnaires')
    return empty(
      'these periods asked different questions, so their responses cannot be pooled: choose periods with the same questionnaire.',
    );
  if (f.status === 'empty')
    return empty(
      `too few responses to show: no published group of at least ${base} responses matches this selection. Groups below the minimum base are merged with others to protect respondents, so a small group cannot be selected on its own.`,
    );

  const facts: Part[][] = [
    [count('responses'), ' responses in the selection; ', count('rest'), ' in the rest.'],
  ];
  if (f.unplaced > 0)
    facts.push([
      count('unplaced'),
      ' responses have no known level on a filtered dimension (unknown, or merged to protect a small group) and are in neither.',
    ]);
  const family = f.family.dimension
    ? `P-values are adjusted across the ${f.family.size} groups of ${
        f.filters.find((x) => x.dimension === f.family.dimension)?.label ?? f.family.dimension
      } (${ADJUSTMENT_LABELS[f.family.method]}), as in the report.`
    : 'One comparison with the rest: its p-value is not adjusted.';

  const sections: ViewSection[] = [];
  const metricRows = (section: MetricInfo['section']) =>
    f.metrics.flatMap((m, i) => (m.info.section === section ? [metricRow(m, i)] : []));
  const metricRow = (m: ExploreMetric, i: number): ViewRow => {
    const at = `metrics.${i}`;
    const estimate = (path: string, e: Estimate): Part[] => [
      ...withInterval(path, e, m.info, 'too few responses'),
      ...(e.value !== null && e.base === 'indicative' ? [' indicative'] : []),
    ];
    const test = m.vsRest;
    // The site's one vocabulary: "a real difference" with its mark, or "within normal
    // variation"; the caveat whenever a base compared is indicative.
    const indicative = m.estimate.base === 'indicative' || m.rest.base === 'indicative';
    const reading = test
      ? readDifference(m.info, test, test.significantAdjusted, indicative, 'gap')
      : null;
    const better =
      test !== null && (m.info.direction === 'higher-is-better' ? test.delta > 0 : test.delta < 0);
    return {
      key: m.id,
      header: m.info.label,
      cells: [
        estimate(`${at}.estimate`, m.estimate),
        [count(`${at}.estimate.n`)],
        test && reading
          ? [
              ...(reading.mark ? [`${reading.mark} `] : []),
              fig(`${at}.vsRest.delta`, (v) => format.delta(m.info, v)),
              `, ${reading.words}`,
              ...(reading.mark && reading.indicative
                ? [` (${SIGNIFICANCE_WORDS.indicative})`]
                : []),
              ' (',
              fig(`${at}.vsRest.pAdjusted`, (p) =>
                f.family.dimension ? `adjusted ${formatP(p)}` : formatP(p),
              ),
              ')',
            ]
          : ['not tested'],
        estimate(`${at}.rest`, m.rest),
      ],
      mark: test?.significantAdjusted ? (better ? 'better' : 'worse') : undefined,
    };
  };
  const metricHead = [
    'Metric',
    'Selection (95% CI)',
    'n',
    'Difference from the rest',
    'Rest (95% CI)',
  ];
  sections.push({
    id: 'headline',
    title: 'Headline figures',
    notes: [
      [
        `Each figure of the selection against the rest, with the report's test of its kind. ${family} Figures on fewer than ${base} responses are not shown.`,
      ],
    ],
    table: {
      caption: `Headline figures: ${title}`,
      head: metricHead,
      rows: metricRows('headline'),
    },
  });
  const items = metricRows('attributes');
  if (items.length > 0)
    sections.push({
      id: 'items',
      title: 'Item scores',
      notes: [],
      table: { caption: `Item scores: ${title}`, head: metricHead, rows: items },
    });

  for (const role of ['satisfaction', 'recommend'] as const) {
    if (!(role in f.drivers)) continue;
    const d = f.drivers[role];
    const noun = role === 'satisfaction' ? 'overall satisfaction' : 'likelihood to recommend';
    if (!d) {
      sections.push({
        id: `drivers-${role}`,
        title: `Key drivers of ${noun}`,
        notes: [
          [
            `Not enough complete responses in this selection to estimate them (at least ${base}, and more than there are drivers).`,
          ],
        ],
      });
      continue;
    }
    const at = `drivers.${role}`;
    sections.push({
      id: `drivers-${role}`,
      title: `Key drivers of ${noun}`,
      notes: [
        [
          'The drivers explain ',
          fig(`${at}.r2`, (v) => format.value(PERCENT, 100 * v)),
          ' of its variance (R², ',
          count(`${at}.n`),
          ` complete responses); each driver's share of it by Johnson's relative weights, as in the report.`,
        ],
      ],
      table: {
        caption: `Key drivers of ${noun}: ${title}`,
        head: ['Driver', 'Importance (share of R²)', 'Performance (top-box share)', 'Quadrant'],
        rows: d.grid.map((point, i) => ({
          key: point.driver,
          header: point.label,
          cells: [
            [percent(`${at}.grid.${i}.importance`)],
            [percent(`${at}.grid.${i}.performance`)],
            [QUADRANTS[point.quadrant] ?? point.quadrant],
          ],
        })),
      },
    });
  }

  if (f.complaints) {
    const c = f.complaints;
    sections.push({
      id: 'complaints',
      title: 'Complaints',
      notes: [
        [
          count('complaints.complaints'),
          ' complaints (of ',
          count('complaints.tickets'),
          ' tickets) raised by the customers who answered in this selection, joined by customer id.',
        ],
      ],
      table:
        c.categories.length === 0
          ? undefined
          : {
              caption: `Complaint categories: ${title}`,
              head: ['Category', 'Complaints', 'Share'],
              rows: c.categories.map((row, i) => ({
                key: row.category,
                header: row.category,
                cells: [
                  [count(`complaints.categories.${i}.complaints`)],
                  [percent(`complaints.categories.${i}.share`)],
                ],
              })),
            },
    });
  }

  if (!f.voice) {
    sections.push({
      id: 'voice',
      title: 'Comment themes',
      notes: [
        [
          `Too few comments in the published comment groups of this selection to show their themes (at least ${base}).`,
        ],
      ],
    });
  } else {
    const v = f.voice;
    const share = (path: string, e: Estimate): Part[] =>
      withInterval(path, e, PERCENT, 'too few comments');
    const ofClass = (path: string, value: number | null): Part[] =>
      value === null ? ['too few'] : [percent(path)];
    sections.push({
      id: 'voice',
      title: 'Comment themes',
      notes: [
        [
          count('voice.comments'),
          ' comments in the published comment groups of this selection (comments are grouped apart from the scores, each group at least the minimum base).',
        ],
      ],
      table: {
        caption: `Comment themes: ${title}`,
        head: [
          'Theme',
          'Share of comments (95% CI)',
          "Detractors' comments",
          "Promoters' comments",
        ],
        rows: v.themes.map((t, i) => ({
          key: t.theme,
          header: t.label,
          cells: [
            share(`voice.themes.${i}.share`, t.share),
            ofClass(`voice.themes.${i}.detractors`, t.detractors),
            ofClass(`voice.themes.${i}.promoters`, t.promoters),
          ],
        })),
      },
      quotes: v.themes
        .filter((t) => t.verbatims.length > 0)
        .slice(0, 3)
        .map((t) => ({ theme: t.label, items: t.verbatims })),
    });
  }

  const headline = f.metrics.filter(
    (m) => m.info.section === 'headline' && m.estimate.value !== null,
  );
  const some = headline
    .slice(0, 3)
    .map((m) => `${m.info.shortLabel} ${format.value(m.info, m.estimate.value!)}`)
    .join(', ');
  return {
    title,
    summary: `${title}: ${formatCount(f.responses, locale)} responses${some ? `; ${some}` : ''}.`,
    message: null,
    facts,
    sections,
  };
}
