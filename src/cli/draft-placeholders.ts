/**
 * The text a new draft holds for the analyst to replace, defined once: `report-template.ts`
 * writes it and `publish-report` refuses a version that still holds any of it, so no reader
 * ever sees "write the one to three decisions…" on a published page.
 */

/** One placeholder of a draft. */
export interface DraftPlaceholder {
  /** What the template writes. */
  text: string;
  /** The words that identify it, wherever they sit in a line (case and spacing aside). */
  mark: string;
  /** What is left undone, for the refusal. */
  what: string;
}

export const DRAFT_PLACEHOLDERS = {
  decisions: {
    text: '_Write the one to three decisions this review asks of leadership, each with the action that carries it as an ActionRef._',
    mark: 'write the one to three decisions',
    what: 'the decisions are still the drafting instruction',
  },
  narrative: {
    text: 'Drafted from the evidence above; edit, merge or delete:',
    mark: 'drafted from the evidence above',
    what: "the analyst's narrative still starts with the drafting instruction",
  },
  summary: {
    text: '_Summarise the period here._',
    mark: 'summarise the period here',
    what: 'the executive summary is still the placeholder',
  },
  changeNote: {
    text: 'describe what changed in the data and why.',
    mark: 'describe what changed in the data',
    what: 'the change note is still the placeholder',
  },
} as const satisfies Record<string, DraftPlaceholder>;

/** A placeholder found in a version: where, and which. */
export interface UnfinishedLine {
  /** 1-based line of the file. */
  line: number;
  placeholder: DraftPlaceholder;
}

/** The text with its MDX comments blanked out (line breaks kept, so lines keep their number). */
function withoutComments(text: string): string {
  return text.replace(/\{\/\*[\s\S]*?\*\/\}/g, (comment) => comment.replace(/[^\n]/g, ' '));
}

/**
 * Every line of a report version (frontmatter included) where a placeholder still starts. Case
 * and spacing aside, and across line breaks (an editor may wrap a sentence, YAML may fold a
 * change note); text inside an MDX comment (`{/* … *\/}`) is not read, since no reader sees it.
 * @example unfinishedLines('a\n_Summarise the period here._')[0].line // 2
 */
export function unfinishedLines(text: string): UnfinishedLine[] {
  // One line of lower-case text with single spaces, and the file line of each of its characters.
  let flat = '';
  const lineOf: number[] = [];
  let line = 1;
  for (const char of withoutComments(text)) {
    if (/\s/.test(char)) {
      if (flat !== '' && !flat.endsWith(' ')) {
        flat += ' ';
        lineOf.push(line);
      }
      if (char === '\n') line += 1;
      continue;
    }
    const lower = char.toLowerCase();
    flat += lower;
    for (let i = 0; i < lower.length; i++) lineOf.push(line);
  }
  const found: UnfinishedLine[] = [];
  for (const placeholder of Object.values(DRAFT_PLACEHOLDERS))
    for (
      let at = flat.indexOf(placeholder.mark);
      at >= 0;
      at = flat.indexOf(placeholder.mark, at + 1)
    )
      found.push({ line: lineOf[at]!, placeholder });
  return found.sort((a, b) => a.line - b.line);
}
