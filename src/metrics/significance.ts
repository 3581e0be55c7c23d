/**
 * The significance level of every test on the site (changes, groups against the rest, findings):
 * a difference is called significant when its p-value, adjusted where several are tested
 * together, is below it. Written once; the methodology page states it.
 */
export const SIGNIFICANCE_LEVEL = 0.05;
