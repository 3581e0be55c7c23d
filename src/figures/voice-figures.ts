/**
 * Comment-theme figures: each theme's share among detractors, passives and promoters, and the
 * verbatims that illustrate it, overall and for each group. A theme is illustrated by the
 * comments of its own sentiment: a problem by detractors' comments (then passives'), praise by
 * promoters'; a promoter's comment never illustrates a problem, nor a detractor's praise. Only
 * where no comment has a recommend score (a survey without the question) are the unscored
 * comments shown. Each verbatim carries the language of its text when it can be told.
 */
import type { NpsClass } from '../contracts/nps-classes.ts';
import type { Verbatim } from '../contracts/figures-schema.ts';
import type { ThemeDictionary } from '../contracts/theme-dictionary.ts';
import type { MinimumBase } from '../metrics/estimate.ts';
import { detectLanguage } from '../reading/detect-language.ts';
import type {
  ClassSamples,
  GroupVoice,
  Verbatim as SampledVerbatim,
  VoiceState,
} from '../reducing/voice-state.ts';
import { twoProportionTest } from '../statistics/two-proportion-test.ts';

export interface ThemeFigures {
  theme: string;
  label: string;
  mentions: number;
  /** % of all comments. */
  share: number;
  /** % of detractors' / passives' / promoters' comments that mention the theme. */
  detractors: number | null;
  passives: number | null;
  promoters: number | null;
  /** Detractors vs promoters, two-proportion z-test. */
  z: number | null;
  p: number | null;
  sentiment: 'problem' | 'praise';
  /** False for praise: promoters are those who praise, so its test is true by construction. */
  tested: boolean;
  verbatims: Verbatim[];
  /** Dimension → level → the group's verbatims (groups under the minimum base have none). */
  groups: Record<string, Record<string, Verbatim[]>>;
}

export interface VoiceFigures {
  comments: number;
  byClass: Record<NpsClass, number>;
  /** Dimension → level → comments from that group. */
  groupComments: Record<string, Record<string, number>>;
  themes: ThemeFigures[];
}

/** The classes whose comments illustrate a theme of this sentiment, in order of preference. */
const ILLUSTRATED_BY: Record<ThemeFigures['sentiment'], readonly NpsClass[]> = {
  problem: ['detractor', 'passive'],
  praise: ['promoter'],
};

/** A sampled comment as a page shows it: its language told, its comparison form left behind. */
export function quote(v: SampledVerbatim): Verbatim {
  return {
    text: v.text,
    npsClass: v.npsClass,
    ...(v.recommend !== undefined ? { recommend: v.recommend } : {}),
    key: v.key,
    lang: detectLanguage(v.text),
  };
}

/**
 * The verbatims of a theme from its samples by class: those of the theme's sentiment, most
 * telling class first, each comment form once, at most `size`.
 * @param scored whether any comment has a recommend score (else the unscored ones are shown)
 */
export function chooseVerbatims(
  samples: ClassSamples,
  sentiment: ThemeFigures['sentiment'],
  scored: boolean,
  size: number,
): Verbatim[] {
  const classes = scored ? ILLUSTRATED_BY[sentiment] : (['unknown'] as const);
  const seen = new Set<string>();
  const chosen: SampledVerbatim[] = [];
  for (const cls of classes)
    for (const v of samples[cls]) {
      if (chosen.length === size || seen.has(v.form)) continue;
      seen.add(v.form);
      chosen.push(v);
    }
  return chosen.map(quote);
}

function total(counts: Record<NpsClass, number>): number {
  return counts.promoter + counts.passive + counts.detractor + counts.unknown;
}

/**
 * The voice figures of a reduced snapshot.
 * @param rule a group's verbatims are shown only when it has at least `rule.suppress` comments
 */
export function voiceFigures(
  state: VoiceState,
  themes: ThemeDictionary,
  rule: Pick<MinimumBase, 'suppress'>,
): VoiceFigures {
  const all = total(state.comments);
  const scored = all - state.comments.unknown > 0;
  const pct = (k: number, n: number) => (n > 0 ? (100 * k) / n : null);
  const shown = (group: GroupVoice) => total(group.comments) >= rule.suppress;
  const groupComments: VoiceFigures['groupComments'] = {};
  for (const [dimension, levels] of Object.entries(state.groups)) {
    groupComments[dimension] = {};
    for (const [level, group] of Object.entries(levels))
      groupComments[dimension][level] = total(group.comments);
  }
  return {
    comments: all,
    byClass: state.comments,
    groupComments,
    themes: Object.entries(state.mentions)
      .map(([theme, m]) => {
        const mentions = total(m);
        const test =
          state.comments.detractor > 0 && state.comments.promoter > 0
            ? twoProportionTest(
                m.detractor,
                state.comments.detractor,
                m.promoter,
                state.comments.promoter,
              )
            : null;
        const sentiment = themes[theme]?.sentiment ?? 'problem';
        const choose = (samples: ClassSamples | undefined) =>
          samples ? chooseVerbatims(samples, sentiment, scored, state.sampleSize) : [];
        const groups: ThemeFigures['groups'] = {};
        for (const [dimension, levels] of Object.entries(state.groups)) {
          groups[dimension] = {};
          for (const [level, group] of Object.entries(levels))
            groups[dimension][level] = shown(group) ? choose(group.samples[theme]) : [];
        }
        return {
          theme,
          label: themes[theme]?.label ?? theme,
          mentions,
          share: all > 0 ? (100 * mentions) / all : 0,
          detractors: pct(m.detractor, state.comments.detractor),
          passives: pct(m.passive, state.comments.passive),
          promoters: pct(m.promoter, state.comments.promoter),
          z: test?.z ?? null,
          p: test?.p ?? null,
          sentiment,
          tested: sentiment !== 'praise',
          verbatims: choose(state.samples[theme]),
          groups,
        };
      })
      .sort((a, b) => b.mentions - a.mentions || a.theme.localeCompare(b.theme)),
  };
}
