// The retention setting's default and floor. Apart from retention-due.ts so that the app settings
// reader (which the issue triggers' project gate loads) does not load the record types.
export const DEFAULT_RETENTION_DAYS = 400;
/** The shortest retention setting allowed: records closed outside the sweeps are first looked at after it. */
export const MIN_RETENTION_DAYS = 1;
/** The longest retention setting allowed (100 years). */
export const MAX_RETENTION_DAYS = 36_500;
