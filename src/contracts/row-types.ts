/**
 * Canonical rows: what the loader hands to the metric reducers after mapping and validation.
 * A field that is absent (undefined) was empty or "not applicable" in the export: missing, never 0.
 */
import type { CompetitorComparison, JourneyStage, SurveyItem } from './fields.ts';

/**
 * An id as the loader read it: its text, or for a numbered id ("C123") a number that holds the
 * prefix and the number without making a string (see metrics/id-map.ts; idText gives the text).
 */
export type IdRef = string | number;

export interface SurveyRow {
  responseId: IdRef;
  customerId?: IdRef;
  /** ISO date YYYY-MM-DD. */
  date?: string;
  /** Segment dimension → level, for every dimension the manifest declares. */
  segments: Record<string, string | undefined>;
  /** Scored items on their declared scales (integers). */
  items: Partial<Record<SurveyItem, number>>;
  /**
   * Optional, the same scores by position in SURVEY_ITEMS (NaN = missing). The reducers read
   * these when present (an array read instead of a lookup by name); `items` must agree.
   */
  scores?: Float64Array;
  /**
   * Optional, the segment levels in the order of the manifest's segments; read first when
   * present, like `scores`. `segments` must agree.
   */
  levels?: ReadonlyArray<string | undefined>;
  competitor?: CompetitorComparison;
  journeyStage?: JourneyStage;
  /** Free text, already redacted of personal data. */
  comment?: string;
}

export interface OrderRow {
  orderId: IdRef;
  customerId: IdRef;
  /** ISO date YYYY-MM-DD. */
  date: string;
  /** Order value in the snapshot's currency; may be missing. */
  amount?: number;
  /** Canonical status; cancelled/returned are excluded from revenue per the manifest. */
  status: string;
  estimatedDelivery?: string;
  delivered?: string;
  segments: Record<string, string | undefined>;
}

export interface CustomerRow {
  customerId: string;
  /** true = the customer left; undefined = the flag is empty. */
  churned?: boolean;
  /** Revenue of the customer in the snapshot's currency (e.g. monthly charges); may be missing. */
  revenue?: number;
  segments: Record<string, string | undefined>;
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
  /** "complaint" unless the export says otherwise. */
  type: string;
}
