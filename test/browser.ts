/** The browser the end-to-end tests use: the system's Chromium (see src/cli/chromium.ts). */
import AxeBuilder from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { findChromium, launchChromium } from '../src/cli/chromium.ts';

const CHROMIUM_PATH = findChromium();
export const hasChromium = CHROMIUM_PATH !== null;
export const NO_CHROMIUM_REASON =
  'browser tests skipped: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)';

export function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM_PATH) throw new Error(NO_CHROMIUM_REASON);
  return launchChromium(CHROMIUM_PATH);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: number;
}

/** Runs axe-core on the page as loaded and returns its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the pages' CSP refuses an inline script tag.
  await page.evaluate(AxeBuilder.source);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document) => Promise<{
            violations: Array<{ id: string; impact: string | null; nodes: unknown[] }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
}

/** The violations a reader would be blocked by. */
export function serious(violations: readonly AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
