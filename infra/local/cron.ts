/**
 * EventBridge Scheduler cron expressions (six fields: minutes hours day-of-month month
 * day-of-week year), evaluated against wall-clock time in a time zone — the local runner's
 * half of the schedule table. Supported: numbers, names (JAN, MON), `*`, `?`, lists, ranges,
 * steps, and `L` (last day) in day-of-month. `W` and `#` are rejected rather than guessed.
 */
export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
  hour: number;
  minute: number;
  /** EventBridge numbering: 1 = Sunday … 7 = Saturday */
  weekday: number;
}

type FieldMatcher = (value: number, at: WallClock) => boolean;

export interface CronExpression {
  source: string;
  matches(at: WallClock): boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  nameBase?: number;
}

const FIELDS: FieldSpec[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: 'day-of-week', min: 1, max: 7, names: WEEKDAYS, nameBase: 1 },
  { name: 'year', min: 1970, max: 2199 },
];

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

function parseValue(token: string, spec: FieldSpec): number {
  const upper = token.toUpperCase();
  const byName = spec.names?.indexOf(upper) ?? -1;
  const value = byName >= 0 ? byName + (spec.nameBase ?? 0) : Number(token);
  if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
    throw new Error(`cron ${spec.name}: '${token}' is outside ${spec.min}-${spec.max}`);
  }
  return value;
}

function parseField(text: string, spec: FieldSpec): FieldMatcher {
  if (text === '*' || text === '?') return () => true;
  if (spec.name === 'day-of-month' && text.toUpperCase() === 'L') {
    return (value, at) => value === daysInMonth(at.year, at.month);
  }
  if (/#|\dW\b|\bL?W\b/i.test(text)) {
    throw new Error(`cron ${spec.name}: '${text}' is not supported by the local runner`);
  }
  const allowed = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`cron ${spec.name}: bad step in '${part}'`);
    let from: number;
    let to: number;
    if (range === '*' || range === undefined) {
      from = spec.min;
      to = spec.max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      from = parseValue(a ?? '', spec);
      to = parseValue(b ?? '', spec);
    } else {
      from = parseValue(range, spec);
      to = stepText === undefined ? from : spec.max;
    }
    if (to < from) throw new Error(`cron ${spec.name}: empty range '${part}'`);
    for (let value = from; value <= to; value += step) allowed.add(value);
  }
  return (value) => allowed.has(value);
}

export function parseCron(source: string): CronExpression {
  const fields = source.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`cron '${source}': expected 6 fields, got ${fields.length}`);
  const [dayOfMonth, dayOfWeek] = [fields[2], fields[4]];
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    throw new Error(`cron '${source}': exactly one of day-of-month and day-of-week must be '?'`);
  }
  const matchers = fields.map((field, index) => parseField(field, FIELDS[index] as FieldSpec));
  const [minute, hour, day, month, weekday, year] = matchers as [
    FieldMatcher,
    FieldMatcher,
    FieldMatcher,
    FieldMatcher,
    FieldMatcher,
    FieldMatcher,
  ];
  return {
    source,
    matches: (at) =>
      minute(at.minute, at) &&
      hour(at.hour, at) &&
      day(at.day, at) &&
      month(at.month, at) &&
      weekday(at.weekday, at) &&
      year(at.year, at),
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of `instant` in `timeZone` (e.g. Asia/Almaty). */
export function wallClock(instant: Date, timeZone: string): WallClock {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(String(parts.weekday).toUpperCase()) + 1,
  };
}
