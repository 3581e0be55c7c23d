/**
 * Client side of <TrendChart>: draws each trend with chart.js from the JSON the server wrote.
 * Only the chart.js parts a line chart with bands needs are registered, to keep the page light.
 */
import {
  CategoryScale,
  Chart,
  Filler,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { Trend } from './build-trend.ts';

Chart.register(
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Filler,
  Tooltip,
);

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Renders every `[data-trend]` figure on the page that has not been drawn yet. */
export function renderTrendCharts(): void {
  for (const figure of document.querySelectorAll<HTMLElement>(
    'figure[data-trend]:not([data-drawn])',
  )) {
    const canvas = figure.querySelector('canvas');
    const json = figure.querySelector('script[type="application/json"]');
    if (!canvas || !json?.textContent) continue;
    const chart = JSON.parse(json.textContent) as Trend['chart'];
    // The metric's own colour; the dark theme lightens it through the band's transparency.
    const accent = chart.colour ?? cssVar('--accent', '#0b5cad');
    const muted = cssVar('--muted', '#57606a');
    const line = cssVar('--line', '#d0d7de');
    const values = [...chart.value, ...chart.lower, ...chart.upper].filter(
      (v): v is number => v !== null,
    );
    const pad = Math.max(2, (Math.max(...values) - Math.min(...values)) * 0.15);
    new Chart(canvas, {
      type: 'line',
      data: {
        labels: chart.labels,
        datasets: [
          { label: 'Upper 95%', data: chart.upper, borderWidth: 0, pointRadius: 0, fill: false },
          {
            label: 'Lower 95%',
            data: chart.lower,
            borderWidth: 0,
            pointRadius: 0,
            fill: '-1',
            backgroundColor: `${accent}33`,
          },
          {
            label: chart.yLabel,
            data: chart.value,
            borderColor: accent,
            backgroundColor: accent,
            borderWidth: 2,
            // A significant change is a triangle, not only a colour, so it reads in any palette.
            pointRadius: chart.significant.map((sig) => (sig ? 7 : 4)),
            pointStyle: chart.significant.map((sig) => (sig ? 'triangle' : 'circle')),
            spanGaps: false,
          },
          ...(chart.target !== null
            ? [
                {
                  label: 'Target',
                  data: chart.labels.map(() => chart.target),
                  borderColor: muted,
                  borderDash: [6, 4],
                  borderWidth: 1.5,
                  pointRadius: 0,
                },
              ]
            : []),
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { display: false },
          tooltip: { filter: (item) => !item.dataset.label?.includes('95%') },
        },
        scales: {
          x: { grid: { color: line }, ticks: { color: muted } },
          y: {
            grid: { color: line },
            ticks: { color: muted },
            title: { display: true, text: chart.yLabel, color: muted },
            suggestedMin: Math.max(chart.range?.[0] ?? -Infinity, Math.min(...values) - pad),
            suggestedMax: Math.min(chart.range?.[1] ?? Infinity, Math.max(...values) + pad),
          },
        },
      },
    });
    figure.dataset.drawn = 'true';
  }
}
