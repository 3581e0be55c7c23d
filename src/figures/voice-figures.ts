/** Comment-theme figures: each theme's share among detractors, passives and promoters. */
import type { NpsClass } from '../contracts/nps-classes.ts';
import type { ThemeDictionary } from '../contracts/theme-dictionary.ts';
import type { Verbatim, VoiceState } from '../reducing/voice-state.ts';
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
}

export interface VoiceFigures {
  comments: number;
  byClass: Record<NpsClass, number>;
  themes: ThemeFigures[];
}

export function voiceFigures(state: VoiceState, themes: ThemeDictionary): VoiceFigures {
  const total = Object.values(state.comments).reduce((a, b) => a + b, 0);
  const pct = (k: number, n: number) => (n > 0 ? (100 * k) / n : null);
  return {
    comments: total,
    byClass: state.comments,
    themes: Object.entries(state.mentions)
      .map(([theme, m]) => {
        const mentions = m.promoter + m.passive + m.detractor + m.unknown;
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
        return {
          theme,
          label: themes[theme]?.label ?? theme,
          mentions,
          share: total > 0 ? (100 * mentions) / total : 0,
          detractors: pct(m.detractor, state.comments.detractor),
          passives: pct(m.passive, state.comments.passive),
          promoters: pct(m.promoter, state.comments.promoter),
          z: test?.z ?? null,
          p: test?.p ?? null,
          sentiment,
          tested: sentiment !== 'praise',
          verbatims: state.samples[theme] ?? [],
        };
      })
      .sort((a, b) => b.mentions - a.mentions || a.theme.localeCompare(b.theme)),
  };
}
