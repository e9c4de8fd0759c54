// Calendar notions in the business time zone (the service's livetally.business-time-zone, Asia/Shanghai by
// default). The zone keeps one UTC offset from 2000 on (checked at the service's start), so an offset is all a
// page needs; the official screen learns it from regionTotals, whose first event names today's start.

let offsetMinutes = 8 * 60;

export const businessOffset = () => offsetMinutes;

/** Learns the offset from an instant that starts a business day (regionTotals' `from`); true when it changed. */
export function learnOffset(dayStart) {
  const start = new Date(dayStart);
  if (Number.isNaN(start.getTime())) return false;
  let minutes = -(start.getUTCHours() * 60 + start.getUTCMinutes());
  if (minutes <= -12 * 60) minutes += 24 * 60;
  const changed = minutes !== offsetMinutes;
  offsetMinutes = minutes;
  return changed;
}

/** The business calendar's fields of an instant (a Date whose UTC fields are local time). */
const local = (instant) => new Date(new Date(instant).getTime() + offsetMinutes * 60_000);
const instant = (y, m, d) => new Date(Date.UTC(y, m, d) - offsetMinutes * 60_000);
const two = (n) => String(n).padStart(2, '0');

export function clock(at = Date.now()) {
  const t = local(at);
  return `${t.getUTCFullYear()}-${two(t.getUTCMonth() + 1)}-${two(t.getUTCDate())} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}`;
}

export function hourMinute(at) {
  const t = local(at);
  return `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
}

export function timeOfDay(at) {
  const t = local(at);
  return `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}`;
}

/** 2020-09-01 (a business day). */
export function day(at) {
  const t = local(at);
  return `${t.getUTCFullYear()}-${two(t.getUTCMonth() + 1)}-${two(t.getUTCDate())}`;
}

export function dayAndTime(at) {
  const t = local(at);
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
}

/** [from, to) of a period of the business calendar containing `at`: 'today', 'month' or 'year'. */
export function period(kind, at = Date.now()) {
  const t = local(at);
  const [y, m, d] = [t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()];
  if (kind === 'today') return { from: instant(y, m, d), to: instant(y, m, d + 1) };
  if (kind === 'month') return { from: instant(y, m, 1), to: instant(y, m + 1, 1) };
  if (kind === 'year') return { from: instant(y, 0, 1), to: instant(y + 1, 0, 1) };
  throw new Error(`unknown period ${kind}`);
}

/** A campaign's window: from the start of startsOn to the end of endsOn (ISO dates, both included). */
export function dates(startsOn, endsOn) {
  const [y1, m1, d1] = startsOn.split('-').map(Number);
  const [y2, m2, d2] = endsOn.split('-').map(Number);
  return { from: instant(y1, m1 - 1, d1), to: instant(y2, m2 - 1, d2 + 1) };
}

/** The business month of an instant, as the reports take it: 2020-09. */
export function month(at = Date.now()) {
  const t = local(at);
  return `${t.getUTCFullYear()}-${two(t.getUTCMonth() + 1)}`;
}

/** The last n business months, this one first: ['2020-09', '2020-08', …]. */
export function recentMonths(n, at = Date.now()) {
  const t = local(at);
  return Array.from({ length: n }, (_, i) => month(instant(t.getUTCFullYear(), t.getUTCMonth() - i, 15)));
}
