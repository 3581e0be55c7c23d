/**
 * Review figures of periods given as canonical rows, through the plain reducers and the figures
 * stage: for tests of the figures, findings and views that need no CSV files.
 */
import type { Action } from '../src/contracts/action-schema.ts';
import type { ReviewFigures } from '../src/contracts/figures-schema.ts';
import { ManifestSchema, type ManifestInput } from '../src/contracts/manifest-schema.ts';
import type { SurveyRow } from '../src/contracts/row-types.ts';
import { DEFAULT_THEMES } from '../src/contracts/theme-dictionary.ts';
import { firstCarry, reviewFigures } from '../src/figures/review-figures.ts';
import { createCustomerAnswers } from '../src/reducing/behaviour-state.ts';
import { questionnaireOf } from '../src/reducing/snapshot-reducers.ts';
import { addSurveyRow, createSurveyState, surveyConfigOf } from '../src/reducing/survey-state.ts';
import { compileThemes } from '../src/reducing/theme-matcher.ts';
import { addComment, createVoiceState } from '../src/reducing/voice-state.ts';

export interface PeriodInput {
  manifest: ManifestInput;
  survey: readonly SurveyRow[];
}

/** The review figures of each period, oldest first. */
export function reviewsOf(
  periods: readonly PeriodInput[],
  actions: readonly Action[] = [],
): ReviewFigures[] {
  let carry = firstCarry();
  const matchers = compileThemes(DEFAULT_THEMES);
  return periods.map(({ manifest: input, survey }) => {
    const manifest = ManifestSchema.parse(input);
    const questionnaire = questionnaireOf(manifest);
    const state = createSurveyState(surveyConfigOf(questionnaire, Object.keys(manifest.segments)));
    const dimensions = Object.keys(manifest.segments);
    const voice = createVoiceState(DEFAULT_THEMES, undefined, dimensions);
    const recommend = questionnaire.roles.recommend;
    for (const row of survey) {
      addSurveyRow(state, row);
      if (row.comment)
        addComment(
          voice,
          matchers,
          row.comment,
          recommend === undefined ? undefined : row.answers[recommend],
          row.responseId,
          [],
          dimensions.map((d) => row.segments[d]),
        );
    }
    const result = reviewFigures(
      {
        manifest,
        hash: `sha256:${manifest.id.padEnd(64, '0').slice(0, 64)}`,
        files: {},
        displayDir: `data/${manifest.id}`,
        tables: {
          survey: {
            file: `data/${manifest.id}/survey.csv`,
            rows: survey.length,
            used: survey.length,
          },
        },
        reduced: {
          questionnaire,
          survey: state,
          behaviour: null,
          complaints: null,
          customers: null,
          voice,
          answers: createCustomerAnswers(),
        },
        warnings: [],
      },
      carry,
      actions,
    );
    carry = result.carry;
    return result.figures;
  });
}
