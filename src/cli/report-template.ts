/**
 * The MDX of a new draft report: every section wired to the snapshot by component, the hash
 * filled in, and the root-cause findings drafted as a list for the analyst to edit. Pure.
 */
import type { Finding } from '../metrics/root-causes.ts';
import type { SnapshotFigures } from '../metrics/snapshot-figures.ts';

export interface TemplateInput {
  figures: SnapshotFigures;
  version: number;
  /** ISO date of drafting. */
  date: string;
  findings: readonly Finding[];
  /** For a correction: the version it replaces. */
  replaces?: number;
}

function yamlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The report MDX text. */
export function reportTemplate(input: TemplateInput): string {
  const { figures, version, date, findings } = input;
  const dimensions = Object.keys(figures.segments);
  const drafted = findings
    .filter((f) => f.kind !== 'improvement')
    .slice(0, 8)
    .map((f) => `- ${f.title}. {/* finding: ${f.id} */}`);
  const front = [
    '---',
    `title: ${yamlString(`Customer satisfaction review, ${figures.period}`)}`,
    `snapshot: ${yamlString(figures.id)}`,
    `snapshotHash: ${yamlString(figures.hash)}`,
    `version: ${version}`,
    'status: draft',
    `date: ${date}`,
    'authors: []',
    `summary: ${yamlString(`Satisfaction, loyalty and service quality in ${figures.period}: what changed, why, and what we are doing about it.`)}`,
    ...(input.replaces
      ? [
          `changeNote: ${yamlString(`Replaces version ${input.replaces}: describe what changed in the data and why.`)}`,
        ]
      : []),
    '---',
  ];
  const body = [
    '## Executive summary',
    '',
    `The satisfaction index is <Figure metric="index" show="full" />, NPS <Figure metric="nps" show="full" /> (change: <Figure metric="nps" show="change" />).`,
    '',
    '<HeadlineGrid sparklines />',
    '',
    '**Decisions needed:** _write the one to three decisions this review asks of leadership._',
    '',
    '## Scorecard by customer group',
    '',
    ...dimensions.flatMap((d) => [`<Scorecard dimension="${d}" />`, '']),
    '## Trends',
    '',
    '<TrendChart metric="index" />',
    '',
    '<TrendChart metric="nps" />',
    '',
    '<TrendChart metric="csat" />',
    '',
    '## Drivers of satisfaction',
    '',
    '<Drivers outcome="satisfaction" />',
    '',
    '### Drivers of recommendation',
    '',
    '<Drivers outcome="recommend" />',
    '',
    '## Voice of the customer',
    '',
    '<VoiceOfCustomer />',
    '',
    '## Competitor comparison and brand',
    '',
    '<Competitor />',
    '',
    '## Behaviour and value',
    '',
    '<Behaviour />',
    '',
    '## Service and complaints',
    '',
    '<Complaints />',
    '',
    '## Root causes',
    '',
    '<RootCauses />',
    '',
    "### Analyst's narrative",
    '',
    'Drafted from the evidence above; edit, merge or delete:',
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
