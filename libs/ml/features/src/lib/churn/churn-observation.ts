/**
 * The churn question, fixed for every tenant: a person seen in the 28 days before a cut (four 7-day periods)
 * has churned when they have no event in the 14 days after it. Training cuts 14 days before now, so every label
 * is known; scoring cuts at now and predicts the 14 days to come. Fourteen days is two weekly cycles: one quiet
 * week is common, two in a row rarely end on their own.
 */
export const CHURN_OBSERVATION = {
  periodDays: 7,
  periods: 4,
  horizonDays: 14,
} as const;

export const CHURN_WINDOW_DAYS = CHURN_OBSERVATION.periodDays * CHURN_OBSERVATION.periods;

/** What the database aggregates per person for one cut (the SQL lives with the insights service). */
export interface PersonActivity {
  person: string;
  /** Days from the person's last event before the cut to the cut (fractional). */
  daysSinceLastEvent: number;
  /** Events per 7-day period before the cut, most recent period first. */
  periodEvents: readonly number[];
  /** Distinct active days per period (24-hour spans counted back from the cut), most recent first. */
  periodActiveDays: readonly number[];
  /** Distinct sessions in the window. */
  sessions: number;
  /** Purchases and other conversion events in the window. */
  conversions: number;
  /** `conversation_escalated` events in the window: support that needed a human. */
  escalations: number;
}
