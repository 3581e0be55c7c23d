/**
 * Every series colour keeps a contrast of at least 3:1 (WCAG 1.4.11, graphical objects) against
 * the page and the cards it is drawn on, in the theme it is drawn for. The backgrounds are read
 * from the stylesheet, so a change of either side is checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PALETTE } from '../src/views/chart-colours.ts';
import { ROOT } from './build-site.ts';

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const css = readFileSync(join(ROOT, 'src/views/styles/global.css'), 'utf8');
/** The value of a variable in the first block of `block` (the light root, the dark root). */
function variable(block: string, name: string): string {
  const value = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(block)?.[1];
  if (!value) throw new Error(`no --${name} in the stylesheet block`);
  return value;
}
const light = css.slice(css.indexOf(':root {'));
// Dark colours apply on screens only: print always takes the light ones.
const dark = css.slice(css.indexOf('@media screen and (prefers-color-scheme: dark)'));

describe('series colours', () => {
  it.each(Object.entries(PALETTE))(
    '%s keeps 3:1 against the page and the cards in both themes',
    (_, c) => {
      for (const bg of [variable(light, 'bg'), variable(light, 'panel')])
        expect(contrast(c.light, bg), `${c.light} on ${bg}`).toBeGreaterThanOrEqual(3);
      for (const bg of [variable(dark, 'bg'), variable(dark, 'panel')])
        expect(contrast(c.dark, bg), `${c.dark} on ${bg}`).toBeGreaterThanOrEqual(3);
    },
  );

  it('the good and bad tones of the marks keep 3:1 in both themes', () => {
    for (const block of [light, dark])
      for (const tone of ['good', 'bad'])
        expect(contrast(variable(block, tone), variable(block, 'bg'))).toBeGreaterThanOrEqual(3);
  });
});
