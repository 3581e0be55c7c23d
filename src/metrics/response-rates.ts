/**
 * Response rate per segment level: responses / invitations, with the sampling plan's target.
 * Reference: AAPOR Standard Definitions, RR1-style (completes over invitations).
 */

export interface LevelPlan {
  population?: number;
  invitations?: number;
  target?: number;
}

export interface ResponseRate {
  responses: number;
  invitations: number | null;
  /** responses / invitations in %, null without invitations. */
  rate: number | null;
  target: number | null;
  /** responses / target in %, null without a target. */
  targetAchieved: number | null;
  population: number | null;
}

/**
 * @example responseRate(120, { invitations: 800, target: 150 }) // rate 15, targetAchieved 80
 */
export function responseRate(responses: number, plan: LevelPlan): ResponseRate {
  const invitations = plan.invitations ?? null;
  const target = plan.target ?? null;
  return {
    responses,
    invitations,
    rate: invitations && invitations > 0 ? (100 * responses) / invitations : null,
    target,
    targetAchieved: target && target > 0 ? (100 * responses) / target : null,
    population: plan.population ?? null,
  };
}
