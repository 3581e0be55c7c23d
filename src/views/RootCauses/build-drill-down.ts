/**
 * Pure builder of a finding's drill-down: the group's drivers, complaint causes, operational
 * links and detractors' themes, each as a row of the group against the rest (values to draw as
 * bars, the difference in the site's vocabulary) with the same row as a plain sentence. Values
 * below the minimum base arrive as null and are said to be too few, never shown.
 */
import type { DrillDown, GroupComparison } from '../../contracts/figures-schema.ts';
import type { CellDifference } from '../EstimateCell/build-estimate-cell.ts';
import { formatCount, formatHours, formatPercent, numberFormats } from '../format.ts';
import { readDifference, readingWords } from '../significance.ts';

/** One line of a drill-down: the group against the rest on one thing. */
export interface DrillDownRow {
  label: string;
  /** Group and rest values as written ("50.5%"), null when too few. */
  group: string | null;
  rest: string | null;
  /** Shares in percent for the bars; null when not a share or too few. */
  groupShare: number | null;
  restShare: number | null;
  difference: CellDifference | null;
  /** "too few responses (n = 16)" when a side is below the minimum base. */
  note: string | null;
  /** The row as one sentence, for text-only reading. */
  text: string;
}

export interface DrillDownView {
  heading: string;
  /** The group's name as the columns call it. */
  groupName: string;
  drivers: DrillDownRow[];
  complaints: DrillDownRow[];
  operational: DrillDownRow[];
  /** Each theme's row and its quotes, with their language (undefined when unknown). */
  themes: Array<{
    row: DrillDownRow;
    verbatims: Array<{ text: string; lang: string | undefined }>;
  }>;
}

/** How a share compares: higher is worse for complaints, lateness and problem themes. */
type Direction = 'higher-is-better' | 'lower-is-better';

/** The sentence of a row: "Service quality: 50.5% top-box against 68.9% for the rest, a real difference". */
function sentence(row: Omit<DrillDownRow, 'text'>, of: string): string {
  if (row.note) return `${row.label}: ${row.note}`;
  const rest = row.rest === null ? '' : ` against ${row.rest} for the rest`;
  const verdict = row.difference ? `, ${readingWords(row.difference.reading)}` : '';
  return `${row.label}: ${row.group}${of}${rest}${verdict}`;
}

/** A row from two shares of a comparison, in percent. */
function comparedRow(
  label: string,
  c: GroupComparison,
  significant: boolean,
  direction: Direction,
  flag: number,
  of: string,
  locale: string,
): DrillDownRow {
  const tooFew = c.a.value === null || c.b.value === null;
  const indicative = Math.min(c.a.n, c.b.n) < flag;
  const row: Omit<DrillDownRow, 'text'> = tooFew
    ? {
        label,
        group: null,
        rest: null,
        groupShare: null,
        restShare: null,
        difference: null,
        note: `too few to compare (n = ${formatCount(c.a.n, locale)} against ${formatCount(c.b.n, locale)})`,
      }
    : {
        label,
        group: formatPercent(c.a.value!, locale),
        rest: formatPercent(c.b.value!, locale),
        groupShare: c.a.value,
        restShare: c.b.value,
        difference: {
          text: numberFormats(locale).percentDelta(c.a.value! - c.b.value!),
          reading: readDifference(
            { direction },
            { delta: c.a.value! - c.b.value! },
            significant,
            indicative,
            'gap',
          ),
        },
        note: null,
      };
  return { ...row, text: sentence(row, of) };
}

/**
 * @param rules the review's minimum base and significance level (as its figures record them)
 * @param top how many rows of each list to show (the largest first)
 */
export function buildDrillDown(
  d: DrillDown,
  rules: { flag: number; alpha: number },
  locale = 'en-GB',
  top = 3,
): DrillDownView {
  const { flag, alpha } = rules;
  const drivers = d.drivers.slice(0, top).map((r): DrillDownRow => {
    const base: Omit<DrillDownRow, 'text'> =
      r.group === null
        ? {
            label: r.label,
            group: null,
            rest: null,
            groupShare: null,
            restShare: null,
            difference: null,
            note: `too few responses (n = ${formatCount(r.n, locale)})`,
          }
        : {
            label: r.label,
            group: formatPercent(r.group, locale),
            rest: r.rest === null ? null : formatPercent(r.rest, locale),
            groupShare: r.group,
            restShare: r.rest,
            difference: r.vsRest
              ? {
                  text: numberFormats(locale).percentDelta(r.vsRest.delta),
                  reading: readDifference(
                    { direction: 'higher-is-better' },
                    r.vsRest,
                    r.vsRest.significantAdjusted,
                    r.base === 'indicative',
                    'gap',
                  ),
                }
              : null,
            note: null,
          };
    return { ...base, text: sentence(base, ' top-box') };
  });
  const complaints = (d.complaints?.categories ?? [])
    .slice(0, top)
    .map((r) =>
      comparedRow(
        r.label,
        r.comparison,
        r.significant,
        'lower-is-better',
        flag,
        ' of complaints',
        locale,
      ),
    );
  const themes = d.themes.rows
    .filter((r) => r.comparison.a.k > 0)
    .slice(0, top)
    .map((r) => ({
      row: comparedRow(
        r.label,
        r.comparison,
        r.significant,
        'lower-is-better',
        flag,
        " of detractors' comments",
        locale,
      ),
      verbatims: r.verbatims.map((v) => ({ text: v.text, lang: v.lang ?? undefined })),
    }));
  const operational: DrillDownRow[] = [];
  const late = d.operational.lateDelivery;
  if (late) {
    operational.push(
      comparedRow(
        'Late deliveries',
        late,
        late.p !== null && late.p < alpha,
        'lower-is-better',
        flag,
        ' of delivered orders',
        locale,
      ),
    );
  }
  const res = d.operational.resolution;
  if (res) {
    const hours = (h: number | null, n: number) =>
      // No-break spaces keep "(n = 254)" whole when a narrow column wraps it under the hours.
      h === null ? null : `${formatHours(h, locale)} (n\u00a0=\u00a0${formatCount(n, locale)})`;
    const row: Omit<DrillDownRow, 'text'> = {
      label: 'Ticket resolution, median',
      group: hours(res.group.median, res.group.n),
      rest: hours(res.rest.median, res.rest.n),
      groupShare: null,
      restShare: null,
      difference: null,
      note:
        res.group.median === null
          ? `too few tickets (n = ${formatCount(res.group.n, locale)})`
          : null,
    };
    operational.push({ ...row, text: sentence(row, '') });
  }
  return {
    heading: `Why ${d.group.level} (${d.group.label}) fell`,
    groupName: d.group.level,
    drivers,
    complaints,
    operational,
    themes,
  };
}
