/**
 * Moves frozen figures of an earlier format (format 1: the snapshot's figures, its changes and
 * the whole history; format 2: the first of the figures schema; 3: ranked findings) to the
 * current format, without changing a published number. The current figures of the snapshot
 * (recomputed from its unchanged data) are compared with every number of the old file at the
 * place it now lives; where a definition has been corrected since (e.g. the average order value
 * now leaves out orders without an amount; comment themes are now matched as whole words, with
 * negations and praise set apart), the published number is kept and the metrics the registry
 * derives from it are left out of the migrated file, so the page shows what was published. The
 * one other accepted difference is a number published on a base below the minimum, which the
 * rule now suppresses (null, its n kept): it should never have been shown. Findings are derived
 * (ranked, merged) and recomputed, not compared; theme findings are drawn again from the kept
 * theme shares their titles quote. Verbatims are samples that illustrate a theme, not figures:
 * they are taken as today's sampling chooses them (once per comment, of the theme's own
 * sentiment, with their language, per group), from the same unchanged comments. Later formats
 * (4 on) move by steps that recompute nothing (`FORMAT_STEPS`). Pure.
 */
import { frozenTrendMetrics } from '../build/frozen-figures.ts';
import type { ReviewFigures, Verbatim } from '../contracts/figures-schema.ts';
import { detectLanguage } from '../reading/detect-language.ts';
import { redrawThemeFindings } from '../figures/root-causes.ts';

/** A published number that today's code computes differently. */
export interface FrozenDifference {
  /** Path in the current format, e.g. "behaviour.averageOrderValue". */
  path: string;
  published: number;
  current: number | null;
}

type Json = unknown;

/** Numbers (and nulls: a figure not computed) of a JSON value by path ("a.b.0.c"). */
function leaves(
  value: Json,
  prefix: string,
  out: Map<string, number | null>,
): Map<string, number | null> {
  if (typeof value === 'number' || value === null) out.set(prefix, value);
  else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${prefix}.${i}`, out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** A verbatim's numbers (its sample key, its recommend score): a sample, not a figure. */
const VERBATIM = /^voice\.themes\.\d+\.verbatims\./;

/**
 * Whether an old file keeps its figures at today's paths: formats 2 and 3 do; format 1 (no
 * field) held them under `figures`, with the operational ones (comment themes too) a level down.
 */
function atCurrentPaths(old: Record<string, Json>): boolean {
  return old.format === 2 || old.format === 3;
}

/** The old file's numbers, each at the path the same figure has in the current format. */
function publishedNumbers(old: Record<string, Json>): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const [path, value] of oldNumbers(old)) if (!VERBATIM.test(path)) out.set(path, value);
  return out;
}

function oldNumbers(old: Record<string, Json>): Map<string, number | null> {
  const out = new Map<string, number | null>();
  if (atCurrentPaths(old)) {
    // The same paths as today's; findings are derived from the other figures and re-ranked.
    for (const [key, value] of Object.entries(old))
      if (key !== 'findings' && key !== 'format') leaves(value, key, out);
    return out;
  }
  const figures = (old.figures ?? {}) as Record<string, Json>;
  for (const [key, value] of Object.entries(figures)) {
    if (key === 'operational') {
      for (const [part, v] of Object.entries((value ?? {}) as Record<string, Json>))
        leaves(v, part, out);
    } else leaves(value, key, out);
  }
  const changes = (old.changes ?? {}) as Record<string, { overall?: Json; segments?: Json }>;
  for (const [id, change] of Object.entries(changes)) {
    leaves(change.overall, `metrics.${id}.change`, out);
    for (const [d, levels] of Object.entries((change.segments ?? {}) as Record<string, Json>))
      for (const [l, c] of Object.entries((levels ?? {}) as Record<string, Json>))
        leaves(c, `metrics.${id}.segments.${d}.${l}.change`, out);
  }
  const history = (old.history ?? []) as Array<{ metrics?: Record<string, { overall?: Json }> }>;
  history.forEach((period, i) => {
    for (const [id, m] of Object.entries(period.metrics ?? {})) {
      const e = (m.overall ?? {}) as Record<string, Json>;
      for (const k of ['value', 'lower', 'upper', 'n'])
        if (typeof e[k] === 'number') out.set(`trends.${id}.${i}.${k}`, e[k]);
    }
  });
  return out;
}

/** The old file's comment themes, as published, wherever its format kept them. */
function publishedThemes(old: Record<string, Json>): Json[] {
  const figures = (old.figures ?? {}) as { operational?: { voice?: { themes?: Json } } };
  const voice = (atCurrentPaths(old) ? old.voice : figures.operational?.voice) as
    { themes?: Json } | undefined;
  return (voice?.themes ?? []) as Json[];
}

/**
 * The current figures with their comment themes in the old file's order: the old file's theme
 * figures sit by position, and the page lists themes in the order they were published (themes
 * the old file lacks come last).
 */
export function inPublishedThemeOrder(
  old: Record<string, Json>,
  current: ReviewFigures,
): ReviewFigures {
  const order = (publishedThemes(old) as Array<{ theme: string }>).map((t) => t.theme);
  const rank = (theme: string) => {
    const at = order.indexOf(theme);
    return at < 0 ? order.length : at;
  };
  const copy = structuredClone(current);
  copy.voice.themes.sort((a, b) => rank(a.theme) - rank(b.theme));
  return copy;
}

/**
 * The current figures with the old file's quotes: which comments a theme quoted was published
 * too, so a migrated page quotes what it quoted (each tagged with its language, which the old
 * formats did not record); the groups' quotes, which the old formats did not have, are today's.
 */
export function withPublishedVerbatims(
  old: Record<string, Json>,
  current: ReviewFigures,
): ReviewFigures {
  const themes = publishedThemes(old) as Array<{
    theme: string;
    verbatims: Array<Omit<Verbatim, 'lang'> & { lang?: string | null }>;
  }>;
  const published = new Map(themes.map((t) => [t.theme, t.verbatims]));
  const copy = structuredClone(current);
  for (const theme of copy.voice.themes) {
    const quotes = published.get(theme.theme);
    if (quotes)
      theme.verbatims = quotes.map((v) => ({ ...v, lang: v.lang ?? detectLanguage(v.text) }));
  }
  return copy;
}

/**
 * Differences between the old file's numbers and the current figures' (relative 1e-9; exact for
 * the comment-theme figures, whose definition has changed: every one of them is kept as
 * published, a p-value of 1e-40 too).
 */
export function compareFrozen(
  old: Record<string, Json>,
  current: ReviewFigures,
): { compared: number; differences: FrozenDifference[] } {
  const now = leaves(current, '', new Map());
  const differences: FrozenDifference[] = [];
  let compared = 0;
  for (const [path, published] of publishedNumbers(old)) {
    const value = now.get(path);
    // A figure the current format no longer keeps there (or keeps as text) is not compared.
    if (value === undefined || published === null) continue;
    compared += 1;
    const tolerance = THEME_FIGURES.test(path) ? 0 : 1e-9 * Math.max(1, Math.abs(published));
    if (value !== null && Math.abs(value - published) <= tolerance) continue;
    differences.push({ path, published, current: value });
  }
  return { compared, differences };
}

/** Registry metrics computed from a detail figure: dropped when the detail keeps its old value. */
const DERIVED: Array<[RegExp, string]> = [
  [/^behaviour\.(averageOrderValue|pricedOrders|ordersWithoutAmount)$/, 'average_order_value'],
  [/^behaviour\.(purchaseFrequency|orders)$/, 'purchase_frequency'],
  [/^behaviour\.(revenuePerCustomer|revenue)$/, 'revenue_per_customer'],
  [/^behaviour\.repeatRate\./, 'repeat_rate'],
  [/^behaviour\.lateShare\./, 'late_delivery_share'],
  [/^behaviour\.movement\.retention\./, 'retention'],
  [/^behaviour\.links\.revenueAtRisk/, 'revenue_at_risk'],
  [/^complaints\.per1000Orders$/, 'complaints_per_1000_orders'],
  [/^customers\.churn\./, 'customer_churn'],
];

/** Sets the number at a dotted path of a JSON object (the path exists). */
function setAt(root: object, path: string, value: number): void {
  const keys = path.split('.');
  let node = root as Record<string, Json>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, Json>;
  node[keys.at(-1)!] = value;
}

/**
 * Comment-theme figures, and the registry's theme shares computed from them: theme matching has
 * been corrected since (whole words, negations, praise apart from problems).
 */
const THEME_FIGURES =
  /^voice\.(comments|byClass\.\w+|themes\.(\d+)\.(mentions|share|detractors|passives|promoters|z|p))$|^(metrics|trends)\.theme_/;

/** The registry's theme-share metrics computed from a theme figure (all, for the comment count). */
function themeMetricsOf(path: string, figures: ReviewFigures): string[] {
  const match = THEME_FIGURES.exec(path);
  if (!match) return [];
  const at = match[2] === undefined ? undefined : figures.voice.themes[Number(match[2])];
  if (at) return [`theme_${at.theme}`];
  return match[1] === undefined ? [] : figures.voice.themes.map((t) => `theme_${t.theme}`);
}

/** Whether a difference is a comment-theme figure (or a theme share computed from one). */
export function themeFigure(d: FrozenDifference): boolean {
  return THEME_FIGURES.test(d.path);
}

/** Whether a difference comes from a definition corrected since (its published value is kept). */
export function correctedDefinition(d: FrozenDifference): boolean {
  return DERIVED.some(([pattern]) => pattern.test(d.path)) || themeFigure(d);
}

/** The value at a dotted path of a JSON value (undefined when absent). */
function at(root: Json, path: string): Json {
  let node = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, Json>)[key];
  }
  return node;
}

/**
 * Whether a difference is a number the minimum-base rule now suppresses: null today, in a
 * figure (or a comparison of two shares) whose base is below the minimum.
 */
export function suppressedByRule(d: FrozenDifference, current: ReviewFigures): boolean {
  if (d.current !== null) return false;
  const parent = at(current, d.path.split('.').slice(0, -1).join('.')) as
    { n?: unknown; a?: { n?: unknown }; b?: { n?: unknown } } | undefined;
  const small = (n: unknown) => typeof n === 'number' && n < current.minimumBase.suppress;
  return !!parent && (small(parent.n) || small(parent.a?.n) || small(parent.b?.n));
}

/**
 * The current figures of a published version with only the metrics its file published: a
 * version is frozen whole, so a migration never gives it a figure it did not show (a metric the
 * registry has gained since, a finding about one, or a related finding or an action's answer
 * that names one). A file that names no metrics (not figures at all) is left as computed.
 */
export function publishedMetricsOnly(
  current: ReviewFigures,
  old: Record<string, Json>,
): ReviewFigures {
  const own = (old.metrics ?? (old.figures as Record<string, Json> | undefined)?.metrics) as
    Record<string, Json> | undefined;
  if (!own || typeof own !== 'object') return current;
  const published = new Set(Object.keys(own));
  const keep = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).filter(([id]) => published.has(id)));
  const about = (id: string | null | undefined) => id == null || published.has(id);
  const findings = current.findings
    .filter((f) => about(f.metricId))
    .map((f) => ({ ...f, related: f.related.filter((r) => about(r.metricId)) }));
  const kept = new Set(findings.map((f) => f.id));
  const answered = (row: ReviewFigures['actions']['open'][number]) => ({
    ...row,
    answers: row.answers.filter((id) => kept.has(id)),
  });
  return {
    ...current,
    catalog: keep(current.catalog),
    metrics: keep(current.metrics),
    findings,
    trends: keep(current.trends),
    targetStatus: keep(current.targetStatus),
    actions: {
      ...current.actions,
      open: current.actions.open.map(answered),
      followUp: current.actions.followUp.map(answered),
      unanswered: current.actions.unanswered.filter((id) => kept.has(id)),
    },
  };
}

/** Whether a difference is one a migration accepts (see the module comment). */
export function acceptedDifference(d: FrozenDifference, current: ReviewFigures): boolean {
  return correctedDefinition(d) || suppressedByRule(d, current);
}

/**
 * The migrated figures: the current ones with every differing published number of a corrected
 * definition put back, and the registry metrics derived from those left out; numbers the rule
 * now suppresses stay suppressed.
 * @throws when a difference is not an accepted one (migrate nothing then)
 */
export function keepPublished(
  current: ReviewFigures,
  differences: readonly FrozenDifference[],
): ReviewFigures {
  const unexpected = differences.filter((d) => !acceptedDifference(d, current));
  if (unexpected.length > 0)
    throw new Error(
      `keepPublished requires differences of corrected definitions or suppressed bases only (${unexpected[0]!.path} differs)`,
    );
  const copy = structuredClone(current);
  const dropped = new Set<string>();
  for (const d of differences) {
    if (!correctedDefinition(d)) continue;
    setAt(copy, d.path, d.published);
    for (const [pattern, metric] of DERIVED) if (pattern.test(d.path)) dropped.add(metric);
    for (const metric of themeMetricsOf(d.path, copy)) dropped.add(metric);
  }
  for (const id of dropped) {
    delete copy.metrics[id];
    delete copy.trends[id];
  }
  return differences.some(themeFigure) ? withRedrawnThemeFindings(copy) : copy;
}

/**
 * The figures with their theme findings drawn from their (kept) theme figures, and each
 * action's answers updated: an action answers a theme finding only by citing its id, since a
 * theme finding has no metric or group.
 */
function withRedrawnThemeFindings(figures: ReviewFigures): ReviewFigures {
  const findings = redrawThemeFindings(figures);
  const answered = (row: ReviewFigures['actions']['open'][number]) => ({
    ...row,
    answers: findings
      .filter((f) => (f.kind === 'theme' ? row.finding === f.id : row.answers.includes(f.id)))
      .map((f) => f.id),
  });
  return {
    ...figures,
    findings,
    actions: {
      ...figures.actions,
      open: figures.actions.open.map(answered),
      followUp: figures.actions.followUp.map(answered),
    },
  };
}

/** A move of a frozen file's JSON one format forward that recomputes nothing. */
/** A published trend point with only its change's size and verdict. */
function slimTrendPoint(point: Json): Json {
  const p = point as Record<string, Json>;
  const change = p.change as Record<string, Json> | null | undefined;
  return {
    ...p,
    change: change
      ? { delta: change.delta ?? null, significant: change.significant ?? false }
      : null,
  };
}

export interface FormatStep {
  /** What the step does, as the command's lines say it. */
  name: string;
  /**
   * The file one format on.
   * @param mdx the version's MDX (what its page shows)
   */
  run: (old: Record<string, Json>, mdx: string) => Record<string, Json>;
}

/**
 * Format 4 → 5, linear history: keeps the published trends of the metrics the version's page
 * shows (frozenTrendMetrics), their values as published and of each point's change what the
 * chart reads (its size and verdict; the test is in that period's own figures), and drops the
 * others; nothing else changes.
 */
export const LINEAR_HISTORY_STEP: FormatStep = {
  name: 'linear history: kept only the trends its page shows',
  run: (old, mdx) => {
    const trends = (old.trends ?? {}) as Record<string, Json>;
    const shown = new Set(
      frozenTrendMetrics({ metrics: (old.metrics ?? {}) as ReviewFigures['metrics'] }, mdx),
    );
    return {
      ...old,
      format: Number(old.format) + 1,
      trends: Object.fromEntries(
        Object.entries(trends)
          .filter(([id]) => shown.has(id))
          .map(([id, points]) => [id, (points as Json[]).map(slimTrendPoint)]),
      ),
    };
  },
};

/**
 * The steps from each format that needs no recomputation (1 to 3 are recomputed from their
 * snapshot, migrate-frozen-files.ts), by the format they read. A step of another change to the
 * format goes here beside this one, each from the format it reads.
 */
export const FORMAT_STEPS: Readonly<Record<number, FormatStep>> = { 4: LINEAR_HISTORY_STEP };
