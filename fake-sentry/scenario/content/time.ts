// Time units of the scenario (ms). Everything time-related is relative to the scenario's anchor `now`.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
