/**
 * Pure builder of the verbatims a review shows: one list for all customers, then one per group
 * (each level of each dimension), each listing its themes' quotes. The page shows every list
 * under its heading; with JavaScript, a menu shows one at a time (voice-filter-client.ts).
 */
import type { ReviewFigures, Verbatim } from '../../contracts/figures-schema.ts';
import { formatCount } from '../format.ts';

export interface Quote {
  text: string;
  /** BCP 47 tag for the quote's lang attribute; undefined when unknown. */
  lang: string | undefined;
  /** Who wrote it: "Detractor, recommend 3/10". */
  who: string;
}

export interface QuoteList {
  /** "all", or "dimension=level": the menu's value and the list's data attribute. */
  key: string;
  /** "All customers", or the level. */
  label: string;
  /** The dimension's label; undefined for all customers. */
  dimension: string | undefined;
  themes: Array<{ theme: string; label: string; quotes: Quote[] }>;
  /** Why a group has no quotes (too few comments), or undefined. */
  note: string | undefined;
}

const CLASS: Record<Verbatim['npsClass'], string> = {
  promoter: 'Promoter',
  passive: 'Passive',
  detractor: 'Detractor',
  unknown: 'No score',
};

function quote(v: Verbatim): Quote {
  return {
    text: v.text,
    lang: v.lang ?? undefined,
    who:
      v.recommend === undefined
        ? CLASS[v.npsClass]
        : `${CLASS[v.npsClass]}, recommend ${v.recommend}/10`,
  };
}

/**
 * The quote lists of a review's voice figures.
 * @param size quotes shown per theme and list
 */
export function buildVoiceQuotes(
  figures: Pick<ReviewFigures, 'voice' | 'segments' | 'minimumBase'>,
  size: number,
  locale = 'en-GB',
): QuoteList[] {
  const themes = figures.voice.themes.filter((t) => t.mentions > 0);
  const list = (pick: (t: (typeof themes)[number]) => readonly Verbatim[]) =>
    themes
      .map((t) => ({ theme: t.theme, label: t.label, quotes: pick(t).slice(0, size).map(quote) }))
      .filter((t) => t.quotes.length > 0);
  const lists: QuoteList[] = [
    {
      key: 'all',
      label: 'All customers',
      dimension: undefined,
      themes: list((t) => t.verbatims),
      note: undefined,
    },
  ];
  for (const [dimension, info] of Object.entries(figures.segments)) {
    for (const level of info.levels) {
      const comments = figures.voice.groupComments[dimension]?.[level] ?? 0;
      const themesOf = list((t) => t.groups[dimension]?.[level] ?? []);
      const few = comments < figures.minimumBase.suppress;
      lists.push({
        key: `${dimension}=${level}`,
        label: level,
        dimension: info.label,
        themes: themesOf,
        note: few
          ? `Too few comments from this group to quote (${formatCount(comments, locale)}, under the minimum base of ${formatCount(figures.minimumBase.suppress, locale)}).`
          : themesOf.length === 0
            ? 'No comment from this group mentions a theme.'
            : undefined,
      });
    }
  }
  return lists;
}
