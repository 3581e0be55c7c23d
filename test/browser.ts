/** The browser the end-to-end tests use: the system's Chromium (see src/lib/chromium.ts). */
import type { Browser } from 'playwright-core';
import { findChromium, launchChromium } from '../src/lib/chromium.ts';

const CHROMIUM_PATH = findChromium();
export const hasChromium = CHROMIUM_PATH !== null;
export const NO_CHROMIUM_REASON =
  'browser tests skipped: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)';

export function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM_PATH) throw new Error(NO_CHROMIUM_REASON);
  return launchChromium(CHROMIUM_PATH);
}
