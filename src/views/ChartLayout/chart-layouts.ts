/**
 * The layouts a chart is drawn in: wide for screens and print, narrow for phones. Both are
 * always drawn; the stylesheet shows the one that fits by the layout's class, so a chart reads
 * the same without script and in print.
 */
export type LayoutName = 'wide' | 'narrow';

/** A chart's drawings in the order they are rendered, each with its layout's name. */
export function chartLayouts<T>(
  chart: Readonly<Record<LayoutName, T>>,
): ReadonlyArray<readonly [LayoutName, T]> {
  return [
    ['wide', chart.wide],
    ['narrow', chart.narrow],
  ];
}
