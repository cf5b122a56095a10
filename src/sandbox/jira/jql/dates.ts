// Date values in JQL. Jira interprets literals in the searching user's time zone;
// the sandbox has one clock and no user zones, so everything here is UTC.
//   literals:  "yyyy-MM-dd", "yyyy/MM/dd", "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm"
//   periods:   -7d, 14d, "+1d", "-2w", -4h, "4w 2d"  (y year, M month, w week, d day,
//              h hour, m minute; relative to now; months/years are calendar steps)
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const FIXED: Record<string, number> = { w: 7 * DAY, d: DAY, h: HOUR, m: MINUTE };

const LITERAL = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const PERIOD = /^([+-])?\s*((?:\d+\s*[yMwdhm]\s*)+)$/;
const PERIOD_PART = /(\d+)\s*([yMwdhm])/g;

function utc(y: number, mo: number, d: number, h = 0, mi = 0): number | undefined {
  const ms = Date.UTC(y, mo - 1, d, h, mi);
  const back = new Date(ms);
  // Reject 2026-02-31 and 25:00 instead of letting Date roll them over.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  if (h > 23 || mi > 59) return undefined;
  return ms;
}

/** Adds a signed period ("-1w 2d", "+3M") to a time; undefined if not a period. */
export function addPeriod(baseMs: number, period: string, defaultUnit?: string): number | undefined {
  let text = period.trim();
  if (defaultUnit && /^[+-]?\d+$/.test(text)) text += defaultUnit;
  const m = PERIOD.exec(text);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const at = new Date(baseMs);
  let fixed = 0;
  for (const [, n, unit] of m[2].matchAll(PERIOD_PART)) {
    const amount = sign * Number(n);
    if (unit === 'y') at.setUTCFullYear(at.getUTCFullYear() + amount);
    else if (unit === 'M') at.setUTCMonth(at.getUTCMonth() + amount);
    else fixed += amount * FIXED[unit];
  }
  return at.getTime() + fixed;
}

/** A JQL date value (literal or period) to ms; undefined if it is neither. */
export function parseDateValue(value: string, nowMs: number): number | undefined {
  const lit = LITERAL.exec(value.trim());
  if (lit) {
    const [, y, mo, d, h, mi] = lit;
    return utc(Number(y), Number(mo), Number(d), h ? Number(h) : 0, mi ? Number(mi) : 0);
  }
  return addPeriod(nowMs, value);
}

export function startOfDayUtc(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** startOfDay("-1") / endOfDay("+1w"): a bare number counts days, like Jira. */
export function startOfDay(nowMs: number, increment?: string): number | undefined {
  const base = startOfDayUtc(nowMs);
  return increment === undefined ? base : addPeriod(base, increment, 'd');
}

export function endOfDay(nowMs: number, increment?: string): number | undefined {
  const base = startOfDayUtc(nowMs) + DAY - 1;
  return increment === undefined ? base : addPeriod(base, increment, 'd');
}

/**
 * A stored date (custom field datetime/date, date-typed entity property) to ms:
 * ISO 8601 like "2026-01-31", "2026-01-31T09:30Z", "2026-01-31T09:30:00.000+0000".
 */
export function parseStoredDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const iso = value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(iso)) return undefined;
  // A zone-less date-time would be read in the host's zone; the sandbox is UTC.
  const ms = Date.parse(/T[^Z+-]*$/.test(iso) ? `${iso}Z` : iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A `date` entity-property value as Jira indexes it: "[YYYY]-[MM]-[DD]" or
 * "[YYYY]-[MM]-[DD]T[hh]:[mm]:[ss][TZ]" with TZ "+/-[hh]:[mm]" or "Z"
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-entity-property/
 * › Property values). Anything else (fractions, no zone, "+0000") is not indexed:
 * undefined, so the issue has no value at that path.
 */
export function parseIndexedPropertyDate(value: unknown): number | undefined {
  return typeof value === 'string' ? parseIsoDateOperand(value) : undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})$/;

/** YYYY-MM-DD (UTC midnight in the sandbox) or YYYY-MM-DDThh:mm:ss with Z or ±hh:mm; else undefined. */
export function parseIsoDateOperand(value: string): number | undefined {
  const d = ISO_DATE.exec(value);
  if (d) return utc(Number(d[1]), Number(d[2]), Number(d[3]));
  const t = ISO_DATE_TIME.exec(value);
  if (!t) return undefined;
  const day = utc(Number(t[1]), Number(t[2]), Number(t[3]), Number(t[4]), Number(t[5]));
  if (day === undefined || Number(t[6]) > 59) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function truncateToMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}
