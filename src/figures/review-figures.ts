/**
 * The figures stage: turns a reduced snapshot (and what the earlier periods left) into
 * everything its review shows — every registry metric overall and by group with its tests, the
 * change against the previous period, drivers, the detail figures of each section, findings,
 * the action register's follow-up — validated against the figures schema by whoever stores it.
 * A period's own figures (`reviewFigures`) depend on the earlier periods only through the carry
 * (the previous period's estimates and the customers seen before), so they can be kept and
 * reused while neither the snapshot nor the carry changes (build/snapshot-cache.ts); the action
 * follow-up, which reads the whole register and every earlier period, is added after
 * (`withActions`). Trends are not part of them: they are a re-arrangement of the periods' figures
 * (`trends.ts`), made where a page shows them. Pure.
 */
import type { Action } from '../contracts/action-schema.ts';
import type { Estimate } from '../contracts/figures-schema.ts';
import type { Measured } from './trends.ts';
import { TABLE_NAMES, type TableName } from '../contracts/fields.ts';
import {
  FIGURES_FORMAT,
  type MetricFigures,
  type ReviewFigures,
} from '../contracts/figures-schema.ts';
import { mappedHeader, type Manifest } from '../contracts/manifest-schema.ts';
import { DEFAULT_THEMES } from '../contracts/theme-dictionary.ts';
import { compareEstimates } from '../metrics/change.ts';
import {
  duplicateMetricIds,
  metricsFor,
  type MetricSources,
  type RegistryContext,
} from '../metrics/registry/index.ts';
import { responseRate } from '../metrics/response-rates.ts';
import { SIGNIFICANCE_LEVEL } from '../metrics/significance.ts';
import { diagnostic, type Diagnostic } from '../reading/diagnostics.ts';
import type { ReducedSnapshot } from '../reducing/snapshot-reducers.ts';
import { poolCells } from '../reducing/survey-state.ts';
import { actionFigures } from './action-figures.ts';
import { activeCustomersOf, behaviourFigures, type ActiveCustomers } from './behaviour-figures.ts';
import { competitorFigures } from './competitor-figures.ts';
import { metricBases } from './comparability.ts';
import { complaintFigures } from './complaint-figures.ts';
import { customerBaseFigures } from './customer-base-figures.ts';
import { driverFigures } from './driver-figures.ts';
import { drillDownFor } from './drill-down.ts';
import { reachOfGroups } from './reach.ts';
import { findingsFor } from './root-causes.ts';
import { targetStatuses } from './target-status.ts';
import { surveyFigures } from './survey-figures.ts';
import { surveyWeights } from './survey-weights.ts';
import { voiceFigures } from './voice-figures.ts';

/** A snapshot as the figures stage takes it. */
export interface SnapshotInput {
  manifest: Manifest;
  hash: string;
  /** The content hash of each file of the snapshot, by name. */
  files: Record<string, string>;
  /** How the snapshot folder is named in diagnostics, e.g. "data/2026-Q3". */
  displayDir: string;
  tables: ReviewFigures['tables'];
  reduced: ReducedSnapshot;
  /** The reader's warnings for this snapshot (shown in the methodology). */
  warnings: readonly Diagnostic[];
}

/**
 * What a period's figures read of the previous one: each metric's estimates (for the changes),
 * overall and by group, without the previous period's own changes — so a period's figures do not
 * depend on the period before its previous one.
 */
export interface PreviousPeriod {
  id: string;
  period: string;
  metrics: Record<
    string,
    { overall: Estimate; segments: Record<string, Record<string, Estimate>> }
  >;
  /** Each metric's basis (comparability.ts): a change is measured only where it is the same. */
  bases: Record<string, string>;
}

/** What the earlier periods hand to the next one: all a period's figures depend on before it. */
export interface Carry {
  /** The previous period's estimates; null for the first. */
  previous: PreviousPeriod | null;
  /** The previous period's active customers; null for the first, or when it had no orders. */
  previousActive: ActiveCustomers | null;
  /** Every customer active in any earlier period (the previous one included). */
  seenBefore: ReadonlySet<string>;
}

/** The carry before the first period. */
export function firstCarry(): Carry {
  return { previous: null, previousActive: null, seenBefore: new Set() };
}

/** A review's figures before the action follow-up is added (see `withActions`). */
export type OwnFigures = Omit<ReviewFigures, 'actions'>;

/** The estimate fields of a figure (a segment figure also carries its tests). */
function estimateOf(e: Estimate): Estimate {
  const { value, lower, upper, se, n, nEffective, missing, base } = e;
  return { value, lower, upper, se, n, nEffective, missing, base };
}

/** What the next period reads of a period's figures. */
export function previousPeriodOf(
  figures: Pick<
    ReviewFigures,
    'id' | 'period' | 'metrics' | 'catalog' | 'questionnaire' | 'currency'
  >,
): PreviousPeriod {
  const metrics: PreviousPeriod['metrics'] = {};
  for (const [id, m] of Object.entries(figures.metrics)) {
    const segments: Record<string, Record<string, Estimate>> = {};
    for (const [dimension, levels] of Object.entries(m.segments)) {
      segments[dimension] = {};
      for (const [level, figure] of Object.entries(levels))
        segments[dimension][level] = estimateOf(figure);
    }
    metrics[id] = { overall: estimateOf(m.overall), segments };
  }
  const { items, indexItems } = figures.questionnaire;
  const bases = metricBases(figures.catalog, items, indexItems, figures.currency ?? null);
  return { id: figures.id, period: figures.period, metrics, bases };
}

/**
 * The carry for the period after one: its estimates, its active customers, and everyone seen up
 * to it. `seen` is extended in place (a copy per period would cost the whole customer base).
 * @param seen the running set of customers seen before, the one `carry.seenBefore` is
 */
export function nextCarry(
  figures: Pick<
    ReviewFigures,
    'id' | 'period' | 'metrics' | 'catalog' | 'questionnaire' | 'currency'
  >,
  active: ActiveCustomers | null,
  seen: Set<string>,
): Carry {
  if (active) for (const id of active.keys()) seen.add(id);
  return { previous: previousPeriodOf(figures), previousActive: active, seenBefore: seen };
}

/**
 * A review's figures with its action follow-up: the register's actions judged against the
 * periods up to it.
 * @param earlier the periods before it, oldest first
 */
export function withActions(
  own: OwnFigures,
  actions: readonly Action[],
  earlier: ReadonlyArray<Measured & Pick<ReviewFigures, 'period' | 'end'>>,
): ReviewFigures {
  // In the order the figures have always been written in (the action follow-up before the
  // warnings), so a file published now is laid out as the ones published before.
  const { warnings, ...rest } = own;
  return { ...rest, actions: actionFigures(actions, [...earlier, own], own.findings), warnings };
}

/**
 * The own figures of one snapshot (every figure but the action follow-up), the diagnostics the
 * figures raise, and its active customers (what the next period's movement needs).
 */
export function reviewFigures(
  input: SnapshotInput,
  carry: Carry,
): { figures: OwnFigures; diagnostics: Diagnostic[]; active: ActiveCustomers | null } {
  const { manifest, reduced } = input;
  const { questionnaire } = reduced;
  const manifestFile = `${input.displayDir}/manifest.json`;
  const diagnostics: Diagnostic[] = [];
  const tables = new Set<TableName>(TABLE_NAMES.filter((t) => manifest.tables[t]));
  const ctx: RegistryContext = {
    questionnaire,
    tables,
    themes: Object.entries(DEFAULT_THEMES).map(([id, t]) => ({
      id,
      label: t.label,
      sentiment: t.sentiment ?? 'problem',
    })),
  };
  for (const { id, entries } of duplicateMetricIds(ctx)) {
    diagnostics.push(
      diagnostic('metric-id-conflict', {
        file: manifestFile,
        column: `items.${id}`,
        value: id,
        message: `"${id}" names both an item and a metric of the registry (${entries.join(', ')}), so <Figure metric="${id}"> would be ambiguous`,
        hint: `rename the item (its key under "items" and in tables.survey.columns), e.g. "${id}_item"`,
      }),
    );
  }
  const metrics = metricsFor(ctx);
  const rule = manifest.minimumBase;
  const levels: Record<string, string[]> = {};
  for (const [dimension, def] of Object.entries(manifest.segments))
    levels[dimension] = Object.keys(def.levels);
  const weights = surveyWeights(reduced.survey, manifest, manifestFile);
  for (const d of weights.diagnostics) diagnostics.push(d);
  const byId: Record<string, MetricFigures> = surveyFigures(reduced.survey, metrics, {
    questionnaire,
    rule,
    levels,
    weightOf: weights.weightOf,
    adjustment: manifest.adjustment,
  });
  const pooled = poolCells(reduced.survey, () => true, weights.weightOf);
  const drivers = driverFigures(pooled, questionnaire, rule, byId);
  const previousActive = carry.previousActive ?? undefined;
  const behaviour = reduced.behaviour
    ? behaviourFigures(
        reduced.behaviour,
        reduced.answers,
        previousActive,
        previousActive ? carry.seenBefore : undefined,
        rule,
      )
    : null;
  const complaints = reduced.complaints
    ? complaintFigures(reduced.complaints, behaviour?.figures.orders ?? null, reduced.answers, rule)
    : null;
  for (const { shown, spellings } of complaints?.spellings ?? []) {
    const ticketsTable = manifest.tables.tickets;
    const written = new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(
      spellings.map(([spelling, n]) => `"${spelling}" (${n})`),
    );
    diagnostics.push(
      diagnostic('category-spellings', {
        // The tickets table was read whenever there are complaints.
        file: input.tables.tickets?.file ?? input.displayDir,
        column: mappedHeader(ticketsTable, 'category'),
        value: shown,
        message: `complaint categories ${written} differ only in case, spacing or how their accents are encoded: counted as one category, "${shown}"`,
        hint: 'nothing to do if they are one category; if they are different causes, give them different names in the export',
      }),
    );
  }
  const voice = voiceFigures(reduced.voice, DEFAULT_THEMES, rule);
  const competitor = competitorFigures(reduced.survey.cells.values(), weights.weightOf);
  const customers = reduced.customers
    ? customerBaseFigures(reduced.customers, manifest.adjustment)
    : null;
  const sources: MetricSources = {
    questionnaire,
    rule,
    behaviour,
    complaints,
    voice,
    competitor,
    customers,
    drivers: drivers.sources,
  };
  const catalog: ReviewFigures['catalog'] = {};
  for (const { instance, info } of metrics) {
    if (instance.scope === 'snapshot') {
      const overall = instance.compute(sources);
      if (!overall) continue;
      byId[instance.id] = { overall, change: null, significantButIndicative: false, segments: {} };
    }
    // Listed even when not computable here (retention in a first period), so <Figure> can
    // tell "not available in this review" from an unknown id.
    catalog[instance.id] = info;
  }
  const { previous } = carry;
  if (previous) {
    const bases = metricBases(
      catalog,
      questionnaire.items,
      questionnaire.indexItems,
      manifest.currency ?? null,
    );
    const redefined = attachChanges(byId, catalog, previous, bases);
    if (redefined.length > 0) diagnostics.push(redefinedMetrics(redefined, previous, input));
  }

  const base = {
    questionnaire: {
      items: questionnaire.items.map(({ id, label, scale, topBox, role, component }) => ({
        id,
        label,
        scale: [scale[0], scale[1]] as [number, number],
        topBox,
        role,
        component,
      })),
      indexItems: [...questionnaire.indexItems],
      drivers: [...questionnaire.drivers],
    },
    catalog,
    metrics: byId,
    segments: Object.fromEntries(
      Object.entries(manifest.segments).map(([d, def]) => [
        d,
        { label: def.label, levels: Object.keys(def.levels) },
      ]),
    ),
    drivers: drivers.figures,
    behaviour: behaviour ? withOrderLines(behaviour.figures, input) : null,
    complaints: complaints?.figures ?? null,
    voice,
    competitor: competitor?.figures ?? null,
    customers: customers?.figures ?? null,
    minimumBase: { suppress: rule.suppress, flag: rule.flag },
  };
  const { responses, responseRates } = responseFigures(input, diagnostics);
  const findings = findingsFor(base, previous?.period ?? null, {
    reachOf: reachOfGroups(responseRates, reduced.behaviour),
    drillDownOf: (segment) =>
      drillDownFor(
        {
          figures: base,
          voice: reduced.voice,
          themes: DEFAULT_THEMES,
          behaviour: reduced.behaviour,
          complaints: reduced.complaints,
          rule,
        },
        segment,
      ),
  });
  const id = manifest.id;
  const warnings = [...input.warnings, ...diagnostics].filter((d) => d.level === 'warning');
  const figures: OwnFigures = {
    format: FIGURES_FORMAT,
    id,
    period: manifest.period,
    start: manifest.start,
    end: manifest.end,
    hash: input.hash,
    files: input.files,
    previous: previous ? { id: previous.id, period: previous.period } : null,
    responses,
    tables: input.tables,
    weighting: weights.summary,
    responseRates,
    significanceLevel: SIGNIFICANCE_LEVEL,
    adjustment: manifest.adjustment,
    targets: manifest.targets,
    targetStatus: targetStatuses(catalog, byId, manifest.targets),
    benchmarks: manifest.benchmarks,
    // Only when declared, so figures without money in a currency read as they always did.
    ...(manifest.currency ? { currency: manifest.currency } : {}),
    ...base,
    findings,
    trends: {},
    warnings: warnings.map((d) => ({ ...d })),
  };
  return {
    figures,
    diagnostics,
    active: reduced.behaviour ? activeCustomersOf(reduced.behaviour) : null,
  };

  /** Response counts, rates by level, and the warnings of small or short groups. */
  function responseFigures(
    snapshot: SnapshotInput,
    out: Diagnostic[],
  ): Pick<ReviewFigures, 'responses' | 'responseRates'> {
    let count = 0;
    for (const cell of reduced.survey.cells.values()) count += cell.responses;
    const rates: ReviewFigures['responseRates'] = {};
    const surveyTable = manifest.tables.survey;
    if (!surveyTable) return { responses: count, responseRates: rates };
    const file = snapshot.tables.survey?.file ?? `${snapshot.displayDir}/${surveyTable.file}`;
    for (const [dimension, def] of Object.entries(manifest.segments)) {
      rates[dimension] = {};
      for (const [level, plan] of Object.entries(def.levels)) {
        let n = 0;
        for (const cell of reduced.survey.cells.values())
          if (cell.levels[dimension] === level) n += cell.responses;
        const rate = responseRate(n, plan);
        rates[dimension][level] = rate;
        const where = { file, column: mappedHeader(surveyTable, dimension), value: level };
        if (n < rule.flag) {
          out.push(
            diagnostic('segment-below-minimum-base', {
              ...where,
              message: `${def.label} "${level}" has ${n} responses: figures are ${n < rule.suppress ? 'suppressed' : 'flagged as indicative'} (minimum base ${rule.suppress}/${rule.flag})`,
              hint: 'invite more customers of this group next period, or report it combined with a neighbouring group',
            }),
          );
        }
        if (rate.target !== null && n < rate.target) {
          out.push(
            diagnostic('low-response-rate', {
              ...where,
              message: `${def.label} "${level}": ${n} responses against a target of ${rate.target}${rate.rate !== null ? ` (response rate ${rate.rate.toFixed(1)}%)` : ''}`,
              hint: 'send reminders or more invitations next period; weighting corrects the mix but not a small base',
            }),
          );
        }
      }
    }
    return { responses: count, responseRates: rates };
  }
}

/** The behaviour figures, with the number of order lines summed when the rows are lines. */
function withOrderLines(
  figures: NonNullable<ReviewFigures['behaviour']>,
  input: SnapshotInput,
): NonNullable<ReviewFigures['behaviour']> {
  const lines = input.tables.orders?.used;
  return input.manifest.orders.rows === 'lines' && lines !== undefined
    ? { ...figures, orderLines: lines }
    : figures;
}

/** A significant change where either period's base is indicative (the mark needs its caveat). */
function indicativeChange(
  change: MetricFigures['change'],
  now: { base: string },
  before: { base: string },
): boolean {
  return (
    (change?.significant ?? false) && (now.base === 'indicative' || before.base === 'indicative')
  );
}

/**
 * Each metric's change against the previous period, overall and for every group, where the
 * metric is measured as it was then (its basis is the same); returns the metrics that are not,
 * whose changes stay null.
 */
function attachChanges(
  metrics: Record<string, MetricFigures>,
  catalog: ReviewFigures['catalog'],
  previous: PreviousPeriod,
  bases: Readonly<Record<string, string>>,
): Array<{ id: string; now: string; before: string }> {
  const redefined: Array<{ id: string; now: string; before: string }> = [];
  for (const [id, figures] of Object.entries(metrics)) {
    const before = previous.metrics[id];
    const kind = catalog[id]?.kind;
    if (!before || !kind) continue;
    const basis = { now: bases[id] ?? '', before: previous.bases[id] ?? '' };
    if (basis.now !== basis.before) {
      figures.redefined = true;
      redefined.push({ id, ...basis });
      continue;
    }
    figures.change = compareEstimates(figures.overall, before.overall, kind);
    figures.significantButIndicative = indicativeChange(
      figures.change,
      figures.overall,
      before.overall,
    );
    for (const [dimension, levels] of Object.entries(figures.segments)) {
      for (const [level, figure] of Object.entries(levels)) {
        const prior = before.segments[dimension]?.[level];
        figure.change = prior
          ? compareEstimates(figure, prior, kind, SIGNIFICANCE_LEVEL, false)
          : null;
        if (prior)
          figure.significantButIndicative ||= indicativeChange(figure.change, figure, prior);
      }
    }
  }
  return redefined;
}

/** The warning that some metrics are measured otherwise than in the previous period. */
function redefinedMetrics(
  redefined: ReadonlyArray<{ id: string; now: string; before: string }>,
  previous: PreviousPeriod,
  input: SnapshotInput,
): Diagnostic {
  const shown = redefined
    .slice(0, 4)
    .map((r) => `${r.id} (${r.now || 'no item'} now, ${r.before || 'no item'} then)`);
  const more =
    redefined.length > shown.length ? ` and ${redefined.length - shown.length} more` : '';
  return diagnostic('metric-redefined', {
    file: `${input.displayDir}/manifest.json`,
    value: redefined.map((r) => r.id).join(', '),
    message: `${redefined.length} metric${redefined.length === 1 ? ' is' : 's are'} not measured as in ${previous.period}, so no change against it is computed or tested: ${shown.join('; ')}${more}`,
    hint: "keep each item's scale and top box, and the currency, from period to period; if the question really changed, this period starts a new series for those metrics, and their trends start here",
  });
}
