/**
 * Which themes of a dictionary a comment mentions. The rules (the analyst guide states them):
 *
 * - Text and keywords are compared folded: lower case, accents removed, "ß" as "ss",
 *   typographic apostrophes as "'".
 * - In scripts written with spaces a keyword is a whole word or phrase ("app" does not match
 *   "apprécié", "appel" or "happy"); a "*" at its end lets the word go on ("deliver*": delivery,
 *   delivered), at its start lets it begin earlier ("*lieferung": Paketlieferung). Spaces and
 *   hyphens inside a phrase match either.
 * - In Chinese and Japanese, written without spaces, the text is cut into words by
 *   Intl.Segmenter, and a keyword matches where it begins or ends a word: "价格" (price) is
 *   found in "价格太高" but not across the two words of "评价|格外".
 * - A theme's `except` phrases do not count toward it although they hold one of its keywords
 *   ("no delay", "pas de retard"), and what a praise theme matches counts toward no problem
 *   theme ("fast delivery" is praise, not a delivery problem; "excellent service" is not a
 *   service problem).
 */
import type { ThemeDictionary } from '../contracts/theme-dictionary.ts';
import { foldText } from '../reading/fold-text.ts';

/** Scripts written without spaces between words, cut by Intl.Segmenter instead. */
const NO_SPACE_SCRIPTS = String.raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}`;
const NO_SPACE = new RegExp(`[${NO_SPACE_SCRIPTS}]`, 'u');
/** A character that continues a word of a spaced script (letters of no-space scripts do not). */
const WORD_CHAR = String.raw`[[\p{L}\p{N}\p{M}]--[${NO_SPACE_SCRIPTS}]]`;
/** Start and end (exclusive) of each match in the folded text. */
type Spans = Array<[number, number]>;

/** A list of keywords compiled: one pattern for the spaced scripts, words for the others. */
interface KeywordList {
  pattern: RegExp | null;
  unspaced: string[];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function compileKeywords(keywords: readonly string[]): KeywordList {
  // Keywords grouped by which ends must be word boundaries, so the boundary classes appear
  // once per group rather than once per keyword (each costs the regex compiler a Unicode set).
  const groups = new Map<string, string[]>();
  const unspaced: string[] = [];
  for (const keyword of keywords) {
    const core = foldText(keyword.replace(/^\*|\*$/g, '').trim());
    if (core === '') continue;
    if (NO_SPACE.test(core)) {
      unspaced.push(core);
      continue;
    }
    const body = core
      .split(/[\s-]+/)
      .map(escape)
      .join(String.raw`[\s\-]+`);
    const ends = `${keyword.startsWith('*') ? '*' : ''}|${keyword.endsWith('*') ? '*' : ''}`;
    groups.set(ends, [...(groups.get(ends) ?? []), body]);
  }
  // Longest first, so a phrase wins over a word it starts with ("great quality" over "great"):
  // the span found is what a praise theme keeps from the problem themes.
  const sorted = [...groups]
    .map(([ends, bodies]) => [ends, bodies.sort((a, b) => b.length - a.length)] as const)
    .sort((a, b) => b[1][0]!.length - a[1][0]!.length);
  const alternatives = sorted.map(([ends, bodies]) => {
    const [start, end] = ends.split('|');
    return `${start ? '' : `(?<!${WORD_CHAR})`}(?:${bodies.join('|')})${end ? '' : `(?!${WORD_CHAR})`}`;
  });
  return {
    pattern: alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'gv') : null,
    unspaced,
  };
}

/** A folded comment, with its word boundaries once it needs them (only unspaced text does). */
class FoldedComment {
  readonly text: string;
  /** The text has characters of a script without spaces: only then can such a keyword match. */
  private readonly unspaced: boolean;
  private readonly segmenter: Intl.Segmenter;
  private boundaries: Set<number> | null = null;

  constructor(text: string, segmenter: Intl.Segmenter) {
    this.text = text;
    this.unspaced = NO_SPACE.test(text);
    this.segmenter = segmenter;
  }

  /** True when a word begins or ends at `index`. */
  atBoundary(index: number): boolean {
    if (this.boundaries === null) {
      this.boundaries = new Set([this.text.length]);
      for (const { index: start } of this.segmenter.segment(this.text)) this.boundaries.add(start);
    }
    return this.boundaries.has(index);
  }

  /** Spans of the list's keywords in this comment. */
  spans(list: KeywordList): Spans {
    const found: Spans = [];
    if (list.pattern !== null) {
      list.pattern.lastIndex = 0;
      for (const match of this.text.matchAll(list.pattern))
        found.push([match.index, match.index + match[0].length]);
    }
    if (!this.unspaced) return found;
    for (const word of list.unspaced) {
      for (let at = this.text.indexOf(word); at >= 0; at = this.text.indexOf(word, at + 1)) {
        if (this.atBoundary(at) || this.atBoundary(at + word.length))
          found.push([at, at + word.length]);
      }
    }
    return found;
  }

  /** Whether any of the list's keywords is in this comment (spans(list) is not empty). */
  has(list: KeywordList): boolean {
    if (list.pattern !== null) {
      list.pattern.lastIndex = 0;
      if (list.pattern.test(this.text)) return true;
    }
    if (!this.unspaced) return false;
    for (const word of list.unspaced) {
      for (let at = this.text.indexOf(word); at >= 0; at = this.text.indexOf(word, at + 1))
        if (this.atBoundary(at) || this.atBoundary(at + word.length)) return true;
    }
    return false;
  }
}

/**
 * The spans that overlap none of `masks`. The masks are merged into disjoint sorted intervals
 * and each span looked up by bisection, so a long comment with many matches stays fast.
 */
function outside(spans: Spans, masks: Spans): Spans {
  if (masks.length === 0) return spans;
  const merged: Spans = [];
  for (const [s, e] of [...masks].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last !== undefined && s <= last[1]) last[1] = Math.max(last[1], e);
    // A new pair, so extending it later leaves the caller's masks as they were.
    else merged.push([s, e]);
  }
  return spans.filter(([start, end]) => {
    // The span overlaps some interval only if it overlaps the first one ending after its start.
    let low = 0;
    let high = merged.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (merged[mid]![1] > start) high = mid;
      else low = mid + 1;
    }
    return low === merged.length || merged[low]![0] >= end;
  });
}

interface CompiledTheme {
  theme: string;
  praise: boolean;
  keywords: KeywordList;
  except: KeywordList;
}

/** A dictionary's matchers, compiled once. */
export interface CompiledThemes {
  /** The ids of the themes a comment mentions, in the dictionary's order. */
  match(comment: string): string[];
}

/** Compiles a dictionary's keywords once, for every comment of a snapshot. */
export function compileThemes(dictionary: ThemeDictionary): CompiledThemes {
  const themes: CompiledTheme[] = Object.entries(dictionary).map(([theme, def]) => ({
    theme,
    praise: def.sentiment === 'praise',
    keywords: compileKeywords(def.keywords),
    except: compileKeywords(def.except ?? []),
  }));
  // One segmenter per dictionary (not per module): ICU cuts Chinese and Japanese alike.
  const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
  return {
    match(comment: string): string[] {
      const text = new FoldedComment(foldText(comment), segmenter);
      // Most comments mention no theme, or mention some with nothing to cancel them: test
      // first, and find where the keywords sit only when an exception or praise may mask them.
      const hits = themes.map((t) => text.has(t.keywords));
      if (!hits.includes(true)) return [];
      // Where a theme's keywords still count once its exceptions are taken out.
      const counted = (t: CompiledTheme): Spans => {
        const spans = text.spans(t.keywords);
        return text.has(t.except) ? outside(spans, text.spans(t.except)) : spans;
      };
      // What praise matched counts toward no problem theme.
      const praised: Spans = [];
      const praising = new Set<CompiledTheme>();
      themes.forEach((t, i) => {
        if (!t.praise || !hits[i]) return;
        const spans = counted(t);
        if (spans.length > 0) praising.add(t);
        for (const span of spans) praised.push(span);
      });
      return themes
        .filter((t, i) => {
          if (!hits[i]) return false;
          if (t.praise) return praising.has(t);
          if (praised.length === 0 && !text.has(t.except)) return true;
          return outside(counted(t), praised).length > 0;
        })
        .map((t) => t.theme);
    },
  };
}
