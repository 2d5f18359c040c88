/**
 * Days from today as the tests type them into date inputs and as the pages write them. The
 * app's day is Europe/Oslo's, whatever the machine's time zone: between midnight in Oslo and
 * midnight UTC the two disagree, and a test that took the machine's day failed then.
 */

/** Today's date in Europe/Oslo, plus `offset` days, as a UTC midnight. */
function dayFromToday(offset: number): Date {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Oslo",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(part("year"), part("month") - 1, part("day") + offset));
}

/** A day from today as a date input takes it (YYYY-MM-DD). */
export function isoDay(offset: number): string {
  return dayFromToday(offset).toISOString().slice(0, 10);
}

const MONTHS = [
  "januar", "februar", "mars", "april", "mai", "juni",
  "juli", "august", "september", "oktober", "november", "desember",
];

/** The same day as the pages write it in bokmål: "12. mars 2027". */
export function shownDay(offset: number): string {
  const day = dayFromToday(offset);
  return `${day.getUTCDate()}. ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}
