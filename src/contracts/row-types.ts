/**
 * Canonical rows: one validated row of each table, as the plain reducers take it. A field that is
 * absent (undefined) was empty or "not applicable" in the export: missing, never 0. Ids are
 * strings as the export wrote them. (The loader's fast path hands the reducers the same values
 * in positional records instead; reading/records.ts, property-tested against these rows.)
 */
import type { CompetitorComparison, JourneyStage } from './fields.ts';

export interface SurveyRow {
  responseId: string;
  customerId?: string;
  /** ISO date YYYY-MM-DD. */
  date?: string;
  /** Segment dimension → level, for every dimension the manifest declares. */
  segments: Readonly<Record<string, string | undefined>>;
  /** Item id → score on the item's declared scale; absent when not answered. */
  answers: Readonly<Record<string, number | undefined>>;
  competitor?: CompetitorComparison;
  journeyStage?: JourneyStage;
  /** Free text, as written (the voice reducer redacts it before keeping any). */
  comment?: string;
}

export interface OrderRow {
  orderId: string;
  /** Absent for a guest order (declared with "orders": { "guests": "count" }). */
  customerId?: string;
  /** ISO date YYYY-MM-DD. */
  date: string;
  /**
   * Order value in the snapshot's currency (of this line, when the table's rows are order
   * lines); may be missing.
   */
  amount?: number;
  /** Status, lower case; the manifest's excluded statuses are not orders or revenue. */
  status: string;
  /** ISO date-times; "late" compares them. */
  estimatedDelivery?: string;
  delivered?: string;
  segments: Readonly<Record<string, string | undefined>>;
}

export interface CustomerRow {
  customerId: string;
  /** true = the customer left; undefined = the flag is empty. */
  churned?: boolean;
  /** Revenue of the customer in the snapshot's currency (e.g. monthly charges); may be missing. */
  revenue?: number;
  segments: Readonly<Record<string, string | undefined>>;
}

export interface TicketRow {
  ticketId: string;
  customerId?: string;
  orderId?: string;
  /** ISO date-times YYYY-MM-DDTHH:MM(:SS). */
  opened: string;
  firstResponse?: string;
  resolved?: string;
  category: string;
  journeyStage?: JourneyStage;
  /** Lower case; "complaint" unless the export says otherwise. */
  type: string;
}
