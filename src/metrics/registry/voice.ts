/** Voice of the customer (brief §4): the share of comments mentioning each theme. */
import { shareEstimate } from '../share.ts';
import { SHARE } from './shapes.ts';
import type { MetricEntry, MetricInstance } from './types.ts';

export const VOICE_METRICS: readonly MetricEntry[] = [
  {
    id: 'theme-share',
    title: 'Each comment theme: share of comments',
    ...SHARE,
    section: 'voice',
    direction: 'lower-is-better', // a problem theme; praise themes are higher-is-better
    formula:
      'For each theme of the dictionary, the share of comments mentioning it (keywords as whole words, case- and accent-insensitive; in Chinese and Japanese where a word begins or ends, words cut by Intl.Segmenter; negated phrases and praise do not count toward a problem theme), in %. Its id is "theme_" and the theme’s id. The voice section also compares detractors with promoters (pooled two-proportion z-test, Holm-adjusted across themes). Personal data is removed before any comment is kept.',
    reference: 'Brief §4; change: pooled two-proportion z-test',
    available: 'When the survey has a comment column; one metric per theme of the dictionary.',
    instances: (ctx) =>
      ctx.tables.has('survey')
        ? ctx.themes.map(({ id, label, sentiment }): MetricInstance => ({
            scope: 'snapshot',
            id: `theme_${id}`,
            label: `Comments mentioning ${label.toLowerCase()}`,
            shortLabel: label,
            range: [0, 100],
            item: null,
            component: null,
            direction: sentiment === 'praise' ? 'higher-is-better' : 'lower-is-better',
            compute: (s) => {
              const theme = s.voice.themes.find((t) => t.theme === id);
              return theme && s.voice.comments > 0
                ? shareEstimate(theme.mentions, s.voice.comments, s.rule)
                : null;
            },
          }))
        : [],
  },
];
