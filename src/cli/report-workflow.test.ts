import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { join } from 'node:path';
import { mdxToMdast, type MdastNode } from 'satteri';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SITE } from '../../test/build-site.ts';
import { finishDraft } from './finish-draft.ts';
import { reportComponents } from '../../test/report-components.ts';
import { ALL_HOSTILE, HOSTILE_STRINGS } from '../../test/hostile-strings.ts';
import { contentHash } from '../build/content-hash.ts';
import { freezeFigures } from '../build/frozen-figures.ts';
import { loadReviews, type ReviewData } from '../build/review-data.ts';
import { ReviewFiguresSchema, type ReviewFigures } from '../contracts/figures-schema.ts';
import { actionsAsOf } from '../figures/action-figures.ts';
import { memoryEffects } from '../../test/memory-effects.ts';
import { CliError } from './cli-support.ts';
import { DRAFT_PLACEHOLDERS } from './draft-placeholders.ts';
import { newReport, publishReport } from './report-workflow.ts';
import { reportTemplate } from './report-template.ts';

/** The analyst's edit of a draft in memory: every placeholder replaced. */
function finish(fx: { files: Map<string, string> }, file: string): void {
  fx.files.set(file, finishDraft(fx.files.get(file)!));
}

let review: ReviewData;
beforeAll(async () => {
  review = await loadReviews(join(FIXTURE_SITE, 'data'), FIXTURE_SITE);
});

describe('newReport', () => {
  it('writes a draft with every section, the snapshot hash and drafted findings', () => {
    const fx = memoryEffects();
    const file = newReport(review, '2026-Q2', 'reports', fx);
    expect(file).toBe('reports/2026-Q2/v1.mdx');
    const text = fx.files.get(file)!;
    const hash = review.reviews.find((s) => s.id === '2026-Q2')!.hash;
    expect(text).toContain(`snapshotHash: "${hash}"`);
    expect(text).toContain('status: draft');
    expect(text).toContain('date: 2026-10-15');
    for (const section of [
      '<HeadlineGrid',
      '<Scorecard dimension="group" />',
      '<TrendChart metric="nps" />',
      '<VoiceOfCustomer />',
      '<RootCauses />',
      '<Actions />',
      '<MethodologySection />',
    ]) {
      expect(text).toContain(section);
    }
    // Its questionnaire has no attribute items, so no drivers: that section is left out.
    expect(text).not.toContain('<Drivers');
    // This snapshot has a survey only: sections of tables it lacks are left out of the draft.
    for (const section of ['<Behaviour />', '<Complaints />', '<Churn />']) {
      expect(text).not.toContain(section);
    }
    expect(text).toMatch(/<FindingText id="(decline|gap):/);
  });

  it('drafts no scorecard for a snapshot that declares no customer groups', () => {
    const figures = review.reviews.find((s) => s.id === '2026-Q2')!;
    const grouped = reportTemplate({ figures, version: 1, date: '2026-10-15' });
    expect(grouped).toContain('## Scorecard by customer group');
    const ungrouped = reportTemplate({
      figures: { ...figures, segments: {} },
      version: 1,
      date: '2026-10-15',
    });
    expect(ungrouped).not.toContain('Scorecard');
    expect(ungrouped).toContain('## Trends');
  });

  it('refuses a missing snapshot, a second draft, and data a published version already reports', () => {
    expect(() => newReport(review, '2030-Q1', 'reports', memoryEffects())).toThrow(CliError);
    const fx = memoryEffects();
    const file = newReport(review, '2026-Q2', 'reports', fx);
    expect(() => newReport(review, '2026-Q2', 'reports', fx)).toThrow(/already a draft/);
    finish(fx, file);
    publishReport(review, '2026-Q2', 'reports', fx);
    expect(() => newReport(review, '2026-Q2', 'reports', fx)).toThrow(/already published/);
  });

  it('writes the next version, marked as a correction, when the published data changed', () => {
    const hash = review.reviews.find((s) => s.id === '2026-Q2')!.hash;
    const old = `sha256:${'0'.repeat(64)}`;
    const fx = memoryEffects({
      'reports/2026-Q2/v1.mdx': `---\ntitle: Old\nsnapshot: 2026-Q2\nsnapshotHash: '${old}'\nversion: 1\nstatus: published\ndate: 2026-07-10\nsummary: s\n---\n`,
    });
    const file = newReport(review, '2026-Q2', 'reports', fx);
    expect(file).toBe('reports/2026-Q2/v2.mdx');
    expect(fx.files.get(file)).toContain('version: 2');
    expect(fx.files.get(file)).toContain(`snapshotHash: "${hash}"`);
    expect(fx.files.get(file)).toContain('changeNote:');
  });
});

describe('a draft whose snapshot changed (stale)', () => {
  /** The review as after an edit of 2026-Q2's data: the same figures under a new hash. */
  function changedData(): ReviewData {
    const reviews = review.reviews.map((r) =>
      r.id === '2026-Q2' ? { ...r, hash: `sha256:${'e'.repeat(64)}` } : r,
    );
    return { ...review, reviews };
  }

  it('publish-report refuses it and names new-report, which re-pins it keeping the text; then it publishes', () => {
    const fx = memoryEffects();
    const out: string[] = [];
    fx.out = (text) => void out.push(text);
    const file = newReport(review, '2026-Q2', 'reports', fx);
    const edited = `${finishDraft(fx.files.get(file)!)}\nThe analyst's own paragraph.\n`;
    fx.files.set(file, edited);
    const changed = changedData();
    expect(() => publishReport(changed, '2026-Q2', 'reports', fx)).toThrow(
      /pins sha256:\w+ but data\/2026-Q2 hashes to sha256:e+: run `npm run new-report -- 2026-Q2` to re-pin the draft/,
    );
    // The command publish-report names does what it says: the loop is gone.
    expect(newReport(changed, '2026-Q2', 'reports', fx)).toBe(file);
    expect(out.at(-1)).toMatch(/^Re-pinned reports\/2026-Q2\/v1\.mdx to the current data/);
    const oldHash = review.reviews.find((r) => r.id === '2026-Q2')!.hash;
    expect(fx.files.get(file)).toBe(
      edited.replace(`snapshotHash: "${oldHash}"`, `snapshotHash: "sha256:${'e'.repeat(64)}"`),
    );
    expect(fx.files.get(file)).toContain("The analyst's own paragraph.");
    expect(publishReport(changed, '2026-Q2', 'reports', fx)).toEqual([
      file,
      'reports/2026-Q2/v1.figures.json',
    ]);
  });

  it('new-report on a draft of the current data refuses, saying to edit and publish it', () => {
    const fx = memoryEffects();
    newReport(review, '2026-Q2', 'reports', fx);
    expect(() => newReport(review, '2026-Q2', 'reports', fx)).toThrow(
      /already a draft for 2026-Q2, pinned to its current data: edit it .* `npm run publish-report -- 2026-Q2`/,
    );
  });
});

describe('publishReport', () => {
  it('freezes the figures next to the draft and marks it published with today’s date', () => {
    const fx = memoryEffects();
    finish(fx, newReport(review, '2026-Q1', 'reports', fx));
    const written = publishReport(review, '2026-Q1', 'reports', fx);
    expect(written).toEqual(['reports/2026-Q1/v1.mdx', 'reports/2026-Q1/v1.figures.json']);
    // The whole review figures as computed now, valid against the schema the build reads.
    const frozen = ReviewFiguresSchema.parse(
      JSON.parse(fx.files.get('reports/2026-Q1/v1.figures.json')!),
    );
    // Overdue judged at the publication date, the date the frontmatter gets.
    expect(frozen.actions.asOf).toBe('2026-10-15');
    const draft = fx.files.get('reports/2026-Q1/v1.mdx')!;
    expect(frozen).toEqual(
      actionsAsOf(freezeFigures(review.reviews[0]!, review.reviews, draft), '2026-10-15'),
    );
    // Of the history, the trends its page shows: the headline metrics' and those its MDX names.
    expect(Object.keys(frozen.trends).sort()).toEqual(['ces', 'csat', 'index', 'nps']);
    expect(frozen.trends.nps!.map((p) => p.snapshot)).toEqual(['2026-Q1']);
    expect(fx.files.get('reports/2026-Q1/v1.mdx')).toMatch(/status: published\ndate: 2026-10-15/);
    // The version records the hash of the file it renders from, so a later edit fails the build.
    const figuresHash = contentHash(fx.files.get('reports/2026-Q1/v1.figures.json')!);
    expect(fx.files.get('reports/2026-Q1/v1.mdx')).toContain(`figuresHash: ${figuresHash}`);
  });

  it('refuses when there is no draft', () => {
    expect(() => publishReport(review, '2026-Q1', 'reports', memoryEffects())).toThrow(/No draft/);
  });

  it('refuses a draft that still holds a drafting instruction or placeholder, naming each line', () => {
    const fx = memoryEffects();
    const file = newReport(review, '2026-Q1', 'reports', fx);
    const lines = fx.files.get(file)!.split('\n');
    const lineOf = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
    const refusal = () => {
      try {
        publishReport(review, '2026-Q1', 'reports', fx);
      } catch (error) {
        expect(error).toBeInstanceOf(CliError);
        return (error as Error).message;
      }
      throw new Error('published');
    };
    const message = refusal();
    for (const placeholder of [DRAFT_PLACEHOLDERS.decisions, DRAFT_PLACEHOLDERS.narrative])
      expect(message).toContain(`${file}:${lineOf(placeholder.text)}: ${placeholder.what}`);
    expect(fx.files.get(file)).toContain('status: draft');
    expect(fx.files.has('reports/2026-Q1/v1.figures.json')).toBe(false);
    // Edited around, wrapped over two lines, or in another case, the instruction is still there.
    const decisions = lineOf(DRAFT_PLACEHOLDERS.decisions.text);
    const narrative = lineOf(DRAFT_PLACEHOLDERS.narrative.text);
    lines[decisions - 1] = '**Decisions needed:** Fund the desk. Write the one to three\ndecisions';
    lines[narrative - 1] = 'In short:';
    fx.files.set(file, lines.join('\n'));
    expect(refusal()).toBe(
      `${file}:${decisions}: ${DRAFT_PLACEHOLDERS.decisions.what} ("${DRAFT_PLACEHOLDERS.decisions.text}"): write your own words or delete it.`,
    );
    // Inside an MDX comment no reader sees it: it may stay.
    lines[decisions - 1] =
      `**Decisions needed:** Fund the desk. {/* ${DRAFT_PLACEHOLDERS.decisions.text} */}`;
    fx.files.set(file, lines.join('\n'));
    expect(publishReport(review, '2026-Q1', 'reports', fx)).toHaveLength(2);
  });

  it('refuses a correction whose change note is still the placeholder, naming its line', () => {
    const fx = memoryEffects({
      'reports/2026-Q2/v1.mdx': `---\ntitle: Old\nsnapshot: 2026-Q2\nsnapshotHash: 'sha256:${'0'.repeat(64)}'\nversion: 1\nstatus: published\ndate: 2026-07-10\nsummary: s\n---\n`,
    });
    const file = newReport(review, '2026-Q2', 'reports', fx);
    const text = fx.files.get(file)!.split(DRAFT_PLACEHOLDERS.decisions.text).join('None.');
    fx.files.set(file, text.split(DRAFT_PLACEHOLDERS.narrative.text).join('Evidence:'));
    const line = text.split('\n').findIndex((l) => l.startsWith('changeNote:')) + 1;
    expect(() => publishReport(review, '2026-Q2', 'reports', fx)).toThrow(
      `${file}:${line}: ${DRAFT_PLACEHOLDERS.changeNote.what}`,
    );
  });
});

/** The components a report may use (ReportView's list): nothing else may appear in a draft. */
const COMPONENTS = reportComponents();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function nodes(node: MdastNode): MdastNode[] {
  const kids = 'children' in node ? (node.children as MdastNode[]) : [];
  return [node, ...kids.flatMap(nodes)];
}

/** A copy of a snapshot's figures whose every data text is hostile. */
function hostileFigures(figures: ReviewFigures): ReviewFigures {
  const copy = structuredClone(figures);
  copy.period = ALL_HOSTILE;
  copy.catalog.nps!.shortLabel = ALL_HOSTILE;
  copy.segments = { [ALL_HOSTILE]: Object.values(copy.segments)[0]! };
  const template = copy.findings[0]!;
  copy.findings = HOSTILE_STRINGS.map((h) => ({
    ...template,
    kind: 'decline' as const,
    id: `decline:nps:group=${h.text}`,
    title: h.text,
  }));
  return copy;
}

describe('a draft of hostile data', () => {
  it('keeps every period, label, level and finding id as text in the MDX and its frontmatter, drafted and published', () => {
    const figures = hostileFigures(review.reviews.find((s) => s.id === '2026-Q2')!);
    const hostile: ReviewData = { ...review, reviews: [figures] };
    const fx = memoryEffects();
    const file = newReport(hostile, '2026-Q2', 'reports', fx);
    for (const stage of ['drafted', 'published']) {
      if (stage === 'published') {
        finish(fx, file);
        publishReport(hostile, '2026-Q2', 'reports', fx);
      }
      const { frontmatter, content } = parseFrontmatter(fx.files.get(file)!);
      expect(frontmatter.title, stage).toBe(`Customer satisfaction review, ${ALL_HOSTILE}`);
      // The period, the NPS label and the top finding's title.
      expect(frontmatter.summary, stage).toMatch(new RegExp(`^${escapeRegExp(ALL_HOSTILE)}: `));
      expect(frontmatter.summary, stage).toContain(`, ${ALL_HOSTILE} `);
      expect(frontmatter.summary, stage).toContain(`. ${HOSTILE_STRINGS[0]!.text}.`);
      expect(frontmatter.status, stage).toBe(stage === 'drafted' ? 'draft' : 'published');

      const tree = mdxToMdast(content, {
        features: { gfm: true, smartPunctuation: false },
        position: false,
      });
      const all = nodes(tree);
      expect(all.filter((n) => /^(html|link|image|mdxjsEsm)$/.test(n.type))).toEqual([]);
      for (const element of all.filter((n) => n.type.startsWith('mdxJsx'))) {
        const { name, attributes } = element as {
          name: string;
          attributes: Array<{ name: string; value: unknown }>;
        } & MdastNode;
        expect(COMPONENTS.has(name), name).toBe(true);
        if (name === 'Scorecard')
          expect(attributes).toMatchObject([{ name: 'dimension', value: ALL_HOSTILE }]);
      }
      // The narrative: each finding as a component over the figures, its id exactly as data
      // wrote it, and nothing else but the stop after it.
      const drafted = all
        .filter((n) => n.type === 'listItem')
        .map((item) =>
          nodes(item)
            .filter((n) => n.type === 'text' || n.type.startsWith('mdx'))
            .map((n) => {
              if (n.type === 'text') return (n as { value: string }).value;
              const { name, attributes } = n as unknown as {
                name: string;
                attributes: Array<{ name: string; value: string }>;
              };
              expect(name).toBe('FindingText');
              return `<${attributes.map((a) => `${a.name}=${a.value}`).join(' ')}>`;
            })
            .join(''),
        );
      // The template drafts the first eight findings.
      expect(drafted, stage).toEqual(figures.findings.slice(0, 8).map((f) => `<id=${f.id}>.`));
    }
  });
});
