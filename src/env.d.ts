/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The report being rendered; components embedded in MDX read their figures from it. */
    review?: import('./views/review-context.ts').ReviewContext;
  }
}
