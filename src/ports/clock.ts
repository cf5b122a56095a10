export interface Clock {
  /** Current time; domain code receives it as a parameter, never reads it itself. */
  now(): Date;
}
