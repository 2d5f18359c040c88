/** Days from today as the tests type them into date inputs and as the pages write them. */

function dayFromToday(offset: number): Date {
  const day = new Date();
  day.setDate(day.getDate() + offset);
  return day;
}

/** A day from today as a date input takes it (YYYY-MM-DD), in the browser's time zone. */
export function isoDay(offset: number): string {
  const day = dayFromToday(offset);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

const MONTHS = [
  "januar", "februar", "mars", "april", "mai", "juni",
  "juli", "august", "september", "oktober", "november", "desember",
];

/** The same day as the pages write it in bokmål: "12. mars 2027". */
export function shownDay(offset: number): string {
  const day = dayFromToday(offset);
  return `${day.getDate()}. ${MONTHS[day.getMonth()]} ${day.getFullYear()}`;
}
