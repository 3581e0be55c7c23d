/**
 * The MDX of a new draft report: every section wired to the snapshot by component, the hash
 * filled in, and the root-cause findings drafted as a list for the analyst to edit. Pure.
 * The body types no number: every figure in a sentence is a component over the figures
 * (`<Figure>`, `<FindingText>`), so a draft cannot go stale against its page, and what the
 * analyst must replace is one of the placeholders publish-report refuses
 * (`draft-placeholders.ts`). Periods, levels, labels and finding ids come from the data: each
 * reaches the MDX through `draft-literals.ts`, never as MDX, so the draft compiles to the same
 * text.
 */
import type { Finding, ReviewFigures } from '../contracts/figures-schema.ts';
import { whatMattersMost } from '../figures/ranking.ts';
import { numberFormats } from '../views/format.ts';
import { DRAFT_PLACEHOLDERS } from './draft-placeholders.ts';
import { mdxAttribute, yamlString } from './draft-literals.ts';

export interface TemplateInput {
  figures: ReviewFigures;
  version: number;
  /** ISO date of drafting. */
  date: string;
  /** For a correction: the version it replaces. */
  replaces?: number;
}

/** The headline metrics this snapshot has, in display order. */
function headline(figures: ReviewFigures): string[] {
  return ['index', 'nps', 'csat'].filter((id) => figures.metrics[id]);
}

function summarySentence(figures: ReviewFigures): string {
  const names: Record<string, string> = {
    index: 'The satisfaction index',
    nps: 'NPS',
    csat: 'CSAT',
  };
  const parts = headline(figures).map(
    (id) =>
      `${names[id]} is <Figure metric="${id}" show="full" /> (change: <Figure metric="${id}" show="change" />)`,
  );
  return parts.length > 0 ? `${parts.join('; ')}.` : DRAFT_PLACEHOLDERS.summary.text;
}

/** A one-paragraph summary drafted from the headline figures and the top finding. */
function draftSummary(figures: ReviewFigures, findings: readonly Finding[]): string {
  const parts: string[] = [];
  for (const id of headline(figures)) {
    const e = figures.metrics[id]!.overall;
    if (e.value === null) continue;
    const metric = figures.catalog[id]!;
    parts.push(`${metric.shortLabel} ${numberFormats().value(metric, e.value)}`);
  }
  const [top] = whatMattersMost(findings, 1);
  const lead = parts.length > 0 ? `${figures.period}: ${parts.join(', ')}.` : `${figures.period}.`;
  if (top) return `${lead} ${top.title}.`;
  return figures.previous === null
    ? `${lead} The first review: no earlier period to compare with.`
    : `${lead} No significant headline change, decline or group gap.`;
}

/** The report MDX text. */
export function reportTemplate(input: TemplateInput): string {
  const { figures, version, date } = input;
  const { findings } = figures;
  const dimensions = Object.keys(figures.segments);
  const drafted = findings
    .filter((f) => f.kind !== 'improvement')
    .slice(0, 8)
    .map((f) => `- <FindingText id=${mdxAttribute(f.id)} />.`);
  const front = [
    '---',
    `title: ${yamlString(`Customer satisfaction review, ${figures.period}`)}`,
    `snapshot: ${yamlString(figures.id)}`,
    `snapshotHash: ${yamlString(figures.hash)}`,
    `version: ${version}`,
    'status: draft',
    `date: ${date}`,
    'authors: []',
    `summary: ${yamlString(draftSummary(figures, findings))}`,
    ...(input.replaces
      ? [
          `changeNote: ${yamlString(`Replaces version ${input.replaces}: ${DRAFT_PLACEHOLDERS.changeNote.text}`)}`,
        ]
      : []),
    '---',
  ];
  // Sections whose table the snapshot lacks are left out of the draft.
  const has = (table: keyof ReviewFigures['tables']) => figures.tables[table] !== undefined;
  const section = (table: keyof ReviewFigures['tables'], lines: string[]) =>
    has(table) ? lines : [];
  const body = [
    '## Executive summary',
    '',
    summarySentence(figures),
    '',
    ...section('survey', ['<HeadlineGrid sparklines />', '']),
    `**Decisions needed:** ${DRAFT_PLACEHOLDERS.decisions.text}`,
    '',
    ...section('survey', [
      // A snapshot that declares no groups has no scorecard: no heading over nothing.
      ...(dimensions.length > 0
        ? [
            '## Scorecard by customer group',
            '',
            ...dimensions.flatMap((d) => [`<Scorecard dimension=${mdxAttribute(d)} />`, '']),
          ]
        : []),
      ...(figures.questionnaire.items.some((i) => i.role === null)
        ? ['## Quality components', '', '<ItemScores />', '']
        : []),
      '## Trends',
      '',
      ...headline(figures).flatMap((id) => [`<TrendChart metric="${id}" />`, '']),
      ...(figures.drivers.satisfaction !== undefined
        ? ['## Drivers of satisfaction', '', '<Drivers outcome="satisfaction" />', '']
        : []),
      ...(figures.drivers.recommend !== undefined
        ? ['### Drivers of recommendation', '', '<Drivers outcome="recommend" />', '']
        : []),
      '## Voice of the customer',
      '',
      '<VoiceOfCustomer />',
      '',
      '## Competitor comparison and brand',
      '',
      '<Competitor />',
      '',
    ]),
    ...section('orders', ['## Behaviour and value', '', '<Behaviour />', '']),
    ...section('customers', ['## Churn by segment', '', '<Churn />', '']),
    ...section('tickets', ['## Service and complaints', '', '<Complaints />', '']),
    '## Root causes',
    '',
    '<RootCauses />',
    '',
    "### Analyst's narrative",
    '',
    DRAFT_PLACEHOLDERS.narrative.text,
    '',
    ...(drafted.length > 0 ? drafted : ['- No significant decline or gap this period.']),
    '',
    '## Improvement actions',
    '',
    '<Actions />',
    '',
    '## Methodology',
    '',
    '<MethodologySection />',
    '',
  ];
  return `${front.join('\n')}\n\n${body.join('\n')}`;
}
