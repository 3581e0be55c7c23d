/**
 * Test support: random survey rows for the property tests of the survey reducer and its codec,
 * so both draw rows by one rule.
 */
import fc from 'fast-check';
import type { Questionnaire } from '../src/contracts/questionnaire.ts';
import type { SurveyRow } from '../src/contracts/row-types.ts';

/**
 * Survey rows over a questionnaire: each item answered anywhere on its scale or left
 * unanswered, a `group` (A, B, C) and a `region` (N, S) or none, any comparison with a
 * competitor or none.
 */
export function surveyRowArb(questionnaire: Questionnaire): fc.Arbitrary<SurveyRow> {
  const answers = Object.fromEntries(
    questionnaire.items.map(({ id, scale: [min, max] }) => [
      id,
      fc.option(fc.integer({ min, max }), { nil: undefined }),
    ]),
  );
  return fc.record({
    responseId: fc.uuid(),
    segments: fc.record({
      group: fc.option(fc.constantFrom('A', 'B', 'C'), { nil: undefined }),
      region: fc.option(fc.constantFrom('N', 'S'), { nil: undefined }),
    }),
    answers: fc.record(answers, { requiredKeys: [] }),
    competitor: fc.option(fc.constantFrom('better' as const, 'same' as const, 'worse' as const), {
      nil: undefined,
    }),
  });
}
