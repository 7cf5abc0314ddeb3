// The words of a result that the message catalogue names: here, below both the engine that
// produces them and src/i18n that words them, so that neither imports the other.

/** What the award history did to a clause; worded in src/i18n/messages.ts. */
export type HistoryNote =
  | 'assumed_none'
  | 'stated_none'
  | 'already_paid'
  | 'max_years'
  | 'years_before'
  | 'cumulative_used'
  | 'tier_already_paid'
  | 'tiers_before'
  | 'level_before'
  | 'upgrade_from'
  | 'history_incomplete';

export type ResultStatus =
  | 'eligible' // a sure amount
  | 'ceiling' // a maximum; the amount is decided by review
  | 'not_eligible'
  | 'needs_data'
  | 'excluded' // a document-level disqualifier applies
  | 'superseded' // a higher award for the same thing was taken (就高不重复)
  | 'info'; // no award to compute: non-monetary, by reference, defective, provision
