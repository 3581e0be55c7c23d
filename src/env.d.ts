/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The report being rendered; components embedded in MDX read their figures from it. */
    review?: import('./views/review-context.ts').ReviewContext;
    /** Trend charts rendered on the page so far: each chart's caption id is its own. */
    trendCharts?: number;
  }
}
