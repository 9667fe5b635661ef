// Which operators fit which field type, and which operands parse as the field's type. Strapi
// hands operands to the database as they come: `filters[year][$gt]=abc` or an integer past
// 2^31 reached PostgreSQL, which threw, and the client got a 500. A query the database would
// refuse is the client's mistake and gets a 400 here instead.

const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'email', 'uid', 'enumeration']);
const INTEGER_TYPES = new Set(['integer', 'biginteger']);
const DECIMAL_TYPES = new Set(['float', 'decimal']);
const DATE_TYPES = new Set(['date', 'datetime', 'timestamp', 'time']);

/** Types a filter, sort or `fields` may name. JSON, blocks, passwords, media and relations are not. */
export const SCALAR_TYPES = new Set([...TEXT_TYPES, ...INTEGER_TYPES, ...DECIMAL_TYPES, ...DATE_TYPES, 'boolean']);

const EQUALITY = ['$eq', '$ne', '$in', '$notIn', '$null', '$notNull'];
const ORDER = ['$lt', '$lte', '$gt', '$gte', '$between'];
const TEXT_MATCH = ['$eqi', '$nei', '$contains', '$notContains', '$containsi', '$notContainsi', '$startsWith', '$startsWithi', '$endsWith', '$endsWithi'];

/** The operators a field of `type` takes. */
export const operatorsOf = (type: string): Set<string> => {
  if (TEXT_TYPES.has(type)) return new Set([...EQUALITY, ...ORDER, ...TEXT_MATCH]);
  if (type === 'boolean') return new Set(EQUALITY);
  return new Set([...EQUALITY, ...ORDER]);
};

const MAX_TEXT_OPERAND = 1_000;
// BigInt() rather than literals: the CMS compiles for a target older than ES2020.
const INT32 = BigInt('2147483647');
const INT64 = BigInt('9223372036854775807');

const inRange = (digits: string, limit: bigint): boolean => {
  const value = BigInt(digits);
  return value <= limit && value >= -limit - BigInt(1);
};

const isCalendarDate = (year: string, month: string, day: string): boolean => {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,6})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?$/;

/** Whether `value` (as the query string parser gave it) is an operand of `operator` on a `type` field. */
export const isOperandOf = (type: string, operator: string, value: unknown): boolean => {
  if (operator === '$null' || operator === '$notNull') return value === 'true' || value === 'false' || value === true || value === false;
  if (typeof value !== 'string') return false;
  if (TEXT_TYPES.has(type)) return value.length <= MAX_TEXT_OPERAND;
  if (type === 'integer') return /^-?\d{1,10}$/.test(value) && inRange(value, INT32);
  if (type === 'biginteger') return /^-?\d{1,19}$/.test(value) && inRange(value, INT64);
  if (DECIMAL_TYPES.has(type)) return value.length <= 40 && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value) && Number.isFinite(Number(value));
  if (type === 'boolean') return value === 'true' || value === 'false';
  if (type === 'date') {
    const match = DATE.exec(value);
    return match !== null && isCalendarDate(match[1] as string, match[2] as string, match[3] as string);
  }
  if (type === 'datetime' || type === 'timestamp') {
    const match = DATE_TIME.exec(value);
    return match !== null && isCalendarDate(match[1] as string, match[2] as string, match[3] as string);
  }
  if (type === 'time') return TIME.test(value);
  return false;
};
