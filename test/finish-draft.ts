/** What an analyst does to a draft before publishing it: every placeholder replaced. */
import { DRAFT_PLACEHOLDERS } from '../src/cli/draft-placeholders.ts';

const WRITTEN: Record<keyof typeof DRAFT_PLACEHOLDERS, string> = {
  decisions: 'None this period: the actions under way answer the findings.',
  narrative: 'The evidence:',
  summary: 'A quiet period.',
  changeNote: 'a corrected export of the survey.',
};

/** The draft with each placeholder replaced by the analyst's words. */
export function finishDraft(text: string): string {
  let out = text;
  for (const [key, placeholder] of Object.entries(DRAFT_PLACEHOLDERS))
    out = out.split(placeholder.text).join(WRITTEN[key as keyof typeof DRAFT_PLACEHOLDERS]);
  return out;
}
