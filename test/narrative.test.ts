/**
 * Narrative integrity: a number in a report's prose comes from the figures, never typed.
 * - Every draft `new-report` writes (for the demo data, the fixtures and, where the shared
 *   datasets are at hand, the worked examples; first versions and corrections) has no digit
 *   outside a component, a comment or the frontmatter.
 * - Every committed report (demo, examples, fixtures) has none either, uses only the
 *   components ReportView hands it, with valid props, and every figure, finding, action,
 *   group and metric it names exists in the frozen figures its page renders from (an unknown
 *   one would fail the build, see the last test).
 */
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mdxToMdast, type MdastNode } from 'satteri';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { loadReviews } from '../src/build/review-data.ts';
import { reportTemplate } from '../src/cli/report-template.ts';
import type { ReviewFigures } from '../src/contracts/figures-schema.ts';
import { ActionRefPropsSchema } from '../src/views/ActionRef/action-ref-props.ts';
import { buildActionRef } from '../src/views/ActionRef/build-action-ref.ts';
import { DriversPropsSchema } from '../src/views/Drivers/drivers-props.ts';
import { buildFigure } from '../src/views/Figure/build-figure.ts';
import { FigurePropsSchema } from '../src/views/Figure/figure-props.ts';
import { buildFindingText } from '../src/views/FindingText/build-finding-text.ts';
import { FindingTextPropsSchema } from '../src/views/FindingText/finding-text-props.ts';
import { HeadlineGridPropsSchema } from '../src/views/HeadlineGrid/headline-grid-props.ts';
import { RootCausesPropsSchema } from '../src/views/RootCauses/root-causes-props.ts';
import { ScorecardPropsSchema } from '../src/views/Scorecard/scorecard-props.ts';
import { TrendChartPropsSchema } from '../src/views/TrendChart/trend-chart-props.ts';
import { validateProps } from '../src/views/validate-props.ts';
import { VoiceOfCustomerPropsSchema } from '../src/views/VoiceOfCustomer/voice-of-customer-props.ts';
import { buildSite, copyFixtureSite, FIXTURE_SITE, ROOT } from './build-site.ts';
import { frozenOf } from './frozen-of.ts';
import { reportComponents } from './report-components.ts';
import { SHARED_DATASETS, sharedDataset } from './shared-datasets.ts';

interface Element {
  name: string;
  line: number;
  attributes: Array<{ name: string; value: unknown }>;
}

function children(node: MdastNode): MdastNode[] {
  return 'children' in node ? (node.children as MdastNode[]) : [];
}

function lineOf(node: MdastNode): number {
  return (node as { position?: { start: { line: number } } }).position?.start.line ?? 0;
}

/** A report's body as the MDX compiler reads it, lines numbered as in the file. */
function parse(mdx: string): MdastNode {
  // The frontmatter's lines stay as blank lines, so positions are the file's.
  const body = mdx.replace(/^---\n[\s\S]*?\n---\n/, (front) => front.replace(/[^\n]/g, ''));
  return mdxToMdast(body, { features: { gfm: true, smartPunctuation: false }, position: true });
}

/**
 * The text a reader sees that the author typed, with its line: text nodes and string
 * expressions, but not what components render, nor comments, nor the frontmatter.
 */
function typedText(node: MdastNode): Array<{ line: number; text: string }> {
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code')
    return [{ line: lineOf(node), text: (node as { value: string }).value }];
  if (node.type === 'mdxTextExpression' || node.type === 'mdxFlowExpression') {
    const value = (node as { value: string }).value.trim();
    return /^\/\*[\s\S]*\*\/$/.test(value) ? [] : [{ line: lineOf(node), text: value }];
  }
  if (node.type.startsWith('mdxJsx')) return [];
  return children(node).flatMap(typedText);
}

/** Lines whose typed text holds a digit, as "line: text". */
function typedNumbers(mdx: string): string[] {
  return typedText(parse(mdx))
    .filter(({ text }) => /\d/.test(text))
    .map(({ line, text }) => `${line}: ${text}`);
}

function elements(node: MdastNode): Element[] {
  const own: Element[] = node.type.startsWith('mdxJsx')
    ? [
        {
          name: (node as { name: string }).name,
          line: lineOf(node),
          attributes: (node as { attributes: Element['attributes'] }).attributes,
        },
      ]
    : [];
  return [...own, ...children(node).flatMap(elements)];
}

/** The props an element passes: strings as written, a bare attribute as true, {…} as its value. */
function propsOf(element: Element): Record<string, unknown> {
  return Object.fromEntries(
    element.attributes.map(({ name, value }) => {
      if (value === null || value === undefined) return [name, true];
      if (typeof value === 'string') return [name, value];
      return [name, JSON.parse((value as { value: string }).value) as unknown];
    }),
  );
}

const SCHEMAS: Record<string, z.ZodObject> = {
  ActionRef: ActionRefPropsSchema,
  Drivers: DriversPropsSchema,
  Figure: FigurePropsSchema,
  FindingText: FindingTextPropsSchema,
  HeadlineGrid: HeadlineGridPropsSchema,
  RootCauses: RootCausesPropsSchema,
  Scorecard: ScorecardPropsSchema,
  TrendChart: TrendChartPropsSchema,
  VoiceOfCustomer: VoiceOfCustomerPropsSchema,
};

/** What an element names that the figures must hold; throws as the component would. */
function resolve(element: Element, figures: ReviewFigures): void {
  const known = reportComponents();
  if (!known.has(element.name)) throw new Error(`<${element.name}> is not a report component`);
  const schema = SCHEMAS[element.name];
  const props = propsOf(element);
  if (!schema) {
    if (element.attributes.length > 0) throw new Error(`<${element.name}> takes no props`);
    return;
  }
  const p = validateProps(element.name, schema, props) as Record<string, unknown>;
  const metric = (id: unknown) => {
    if (typeof id === 'string' && !figures.catalog[id])
      throw new Error(`<${element.name}>: no metric "${id}" in review ${figures.id}`);
  };
  switch (element.name) {
    case 'Figure':
      buildFigure(
        figures,
        p.metric as string,
        p.segment as string | undefined,
        p.show as 'value',
        'en-GB',
      );
      break;
    case 'FindingText':
      buildFindingText(figures, p.id as string, p.show as 'title', 'en-GB');
      break;
    case 'ActionRef':
      buildActionRef(figures, p.id as string, 'en-GB');
      break;
    case 'Scorecard':
      if (!figures.segments[p.dimension as string])
        throw new Error(
          `<Scorecard>: no dimension "${String(p.dimension)}" in review ${figures.id}`,
        );
      // The defaults skip what a review lacks; metrics named in the report must exist.
      ((props.metrics ?? []) as string[]).forEach(metric);
      break;
    case 'HeadlineGrid':
      ((props.metrics ?? []) as string[]).forEach(metric);
      break;
    case 'TrendChart':
      metric(p.metric);
      break;
  }
}

const examples = ['mobi', 'olist', 'telco'] as const;
const EXAMPLE_DATA: Record<(typeof examples)[number], ReturnType<typeof sharedDataset>> = {
  mobi: sharedDataset('mobi', 'mobi.csv'),
  olist: sharedDataset('olist-subset', 'olist_order_reviews_dataset.csv'),
  telco: sharedDataset('telco', 'Telco-Customer-Churn.csv'),
};

/** Data folders whose drafts are scanned: the demo, the fixtures, the examples at hand. */
const DATA_FOLDERS: Array<[string, string, boolean, string]> = [
  ['the demo', join(ROOT, 'data'), true, ''],
  ['the fixture site', join(FIXTURE_SITE, 'data'), true, ''],
  ...examples.map((name): [string, string, boolean, string] => [
    `the ${name} example`,
    join(ROOT, `examples/${name}/data`),
    EXAMPLE_DATA[name].available,
    EXAMPLE_DATA[name].reason,
  ]),
];

describe('typedNumbers (the scan)', () => {
  it('finds a digit in prose, a heading, code or a string expression, and none in components, comments or frontmatter', () => {
    const mdx = [
      '---',
      'summary: "NPS 4.6"',
      '---',
      '## Executive summary',
      '',
      'NPS is <Figure metric="nps" show="full" /> {/* finding: "gap:nps:group=2" */}.',
      '',
      '- <FindingText id="complaint:Level 2" />.',
      '- Late deliveries cost 15–20 points.',
      '',
      '{"22% of comments"} and `PERQ1`',
      '',
      '### Q3 decisions',
    ].join('\n');
    expect(typedNumbers(mdx)).toEqual([
      '9: Late deliveries cost 15–20 points.',
      '11: "22% of comments"',
      '11: PERQ1',
      '13: Q3 decisions',
    ]);
  });
});

describe('drafts type no number', () => {
  for (const [name, dataDir, available, reason] of DATA_FOLDERS) {
    it.skipIf(!available)(
      `every draft new-report writes for ${name}, first version or correction${reason}`,
      { timeout: 120_000 },
      async () => {
        const review = await loadReviews(dataDir, ROOT, { externalData: [SHARED_DATASETS] });
        expect(review.reviews.length).toBeGreaterThan(0);
        for (const figures of review.reviews) {
          for (const replaces of [undefined, 1]) {
            const mdx = reportTemplate({ figures, version: 2, date: '2026-10-20', replaces });
            expect(typedNumbers(mdx), `${figures.id} draft`).toEqual([]);
            // Findings reach the body as components, never as their titles.
            const { content } = parseFrontmatter(mdx);
            for (const f of figures.findings.filter((f) => f.kind !== 'improvement').slice(0, 8))
              expect(content).not.toContain(f.title);
          }
        }
      },
    );
  }
});

/** Every committed report version with the folder of its reports. */
function committedReports(): Array<{ file: string; frozen: string }> {
  const folders = [
    join(ROOT, 'reports'),
    join(FIXTURE_SITE, 'reports'),
    ...examples.map((name) => join(ROOT, `examples/${name}/reports`)),
  ];
  return folders.flatMap((folder) =>
    readdirSync(folder, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) =>
        readdirSync(join(folder, d.name))
          .filter((f) => /^v\d+\.mdx$/.test(f))
          .map((f) => {
            const file = join(folder, d.name, f);
            return { file, frozen: file.replace(/\.mdx$/, '.figures.json') };
          }),
      ),
  );
}

describe('committed reports', () => {
  const reports = committedReports();

  it('are all published, each with its frozen figures', () => {
    expect(reports.length).toBeGreaterThanOrEqual(13);
    for (const { file, frozen } of reports) {
      expect(parseFrontmatter(readFileSync(file, 'utf8')).frontmatter.status, file).toBe(
        'published',
      );
      expect(existsSync(frozen), frozen).toBe(true);
    }
  });

  it.each(reports.map((r) => [r.file.slice(ROOT.length + 1), r] as const))(
    '%s types no number and every component it uses resolves against its frozen figures',
    (_name, { file, frozen }) => {
      const mdx = readFileSync(file, 'utf8');
      expect(typedNumbers(mdx)).toEqual([]);
      const figures = frozenOf(frozen);
      for (const element of elements(parse(mdx)))
        expect(() => resolve(element, figures), `line ${element.line}`).not.toThrow();
    },
  );
});

describe('an unknown reference fails the build', () => {
  it('a <Figure> of a metric the review does not have stops the build as a report problem, before any page', () => {
    const site = copyFixtureSite();
    const file = join(site.reportsDir, '2026-Q2/v1.mdx');
    const mdx = readFileSync(file, 'utf8');
    // Resolves before the edit, not after: the pure check and the build agree.
    const figures = frozenOf(join(site.reportsDir, '2026-Q2/v1.figures.json'));
    const broken = mdx.replace(
      '<Figure metric="nps" show="full" />',
      '<Figure metric="npz" show="full" />',
    );
    expect(broken).not.toBe(mdx);
    const figure = elements(parse(broken)).find((e) => e.name === 'Figure')!;
    expect(() => resolve(figure, figures)).toThrow(/no metric "npz"/);
    writeFileSync(file, broken);
    const build = buildSite(site.dataDir, site.reportsDir);
    // A problem of the report (exit 1) with its file and a fix, not a crash (exit 70).
    expect(build.code).toBe(1);
    expect(build.output).toMatch(
      /2026-Q2\/v1\.mdx: <Figure metric="npz">: no metric "npz" in the figures this version froze \(did you mean "nps"\?\)/,
    );
    expect(build.output).not.toContain('crashed');
  });
});
