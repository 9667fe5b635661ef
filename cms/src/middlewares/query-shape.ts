// Rejects, with a 400 naming the parameter, query shapes that Strapi either answers with a
// 500 (`filters[$or]=x` reaches the database layer and throws there) or silently replaces
// with defaults (`pageSize=abc`, a locale that does not exist). A client that sends them has
// a bug, and should hear about it.
import type { Core } from '@strapi/strapi';
import { keepReadsUntilChange } from '../utils/kept-until-change';

const PAGINATION_KEYS = new Set(['page', 'pageSize', 'start', 'limit']);
const ARRAY_OPERATORS = new Set(['$and', '$or']);
const OBJECT_OPERATORS = new Set(['$not']);

const isCount = (value: unknown): boolean => typeof value === 'string' && /^\d{1,9}$/.test(value);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The path of the first logical operator whose operand has the wrong shape, if any. */
export const findMalformedFilter = (value: unknown, path: string): string | null => {
  if (!isObject(value)) return null;
  for (const [key, operand] of Object.entries(value)) {
    const here = `${path}[${key}]`;
    if (ARRAY_OPERATORS.has(key) && !(Array.isArray(operand) || (isObject(operand) && Object.keys(operand).every((k) => /^\d+$/.test(k))))) return here;
    if (OBJECT_OPERATORS.has(key) && !isObject(operand)) return here;
    const nested = findMalformedFilter(operand, here);
    if (nested) return nested;
  }
  return null;
};

/** Filters can also sit inside populate (populate[axes][filters]…). */
const filtersIn = (query: Record<string, unknown>): [string, unknown][] => {
  const found: [string, unknown][] = [];
  if (query.filters !== undefined) found.push(['filters', query.filters]);
  const walkPopulate = (populate: unknown, path: string): void => {
    if (!isObject(populate)) return;
    for (const [key, value] of Object.entries(populate)) {
      if (!isObject(value)) continue;
      if (value.filters !== undefined) found.push([`${path}[${key}][filters]`, value.filters]);
      walkPopulate(value.populate, `${path}[${key}][populate]`);
    }
  };
  walkPopulate(query.populate, 'populate');
  return found;
};

const badRequest = (ctx: { status: number; body: unknown }, param: string, message: string): void => {
  ctx.status = 400;
  ctx.body = { data: null, error: { status: 400, name: 'ValidationError', message, details: { source: 'query', param } } };
};

interface LocaleService {
  find(): Promise<{ code: string }[]>;
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const prefix = strapi.config.get<string>('api.rest.prefix', '/api');
  // The locales are read once, not on every request, until one is added, changed or removed.
  const keptLocales = keepReadsUntilChange<string[]>(strapi, { models: ['plugin::i18n.locale'], ttlMs: 60_000, maxEntries: 1 });
  const localeCodes = async (): Promise<string[]> =>
    (await keptLocales.get('codes', async () => (await (strapi.plugin('i18n').service('locales') as unknown as LocaleService).find()).map((l) => l.code))) ?? [];
  return async (ctx, next) => {
    if (!ctx.path.startsWith(`${prefix}/`)) return next();
    const query = ctx.query as Record<string, unknown>;

    if (query.pagination !== undefined) {
      const fields = isObject(query.pagination) ? query.pagination : null;
      const fine = ([key, value]: [string, unknown]): boolean => (key === 'withCount' ? value === 'true' || value === 'false' : PAGINATION_KEYS.has(key) && isCount(value));
      const bad = fields === null ? ['pagination'] : Object.entries(fields).filter((entry) => !fine(entry)).map(([key]) => `pagination[${key}]`);
      if (bad.length > 0) return badRequest(ctx, 'pagination', `Invalid pagination: ${bad.join(', ')} must be a whole number (page, pageSize, start or limit), or true or false (withCount)`);
    }

    for (const [param, filters] of filtersIn(query)) {
      const malformed = findMalformedFilter(filters, param);
      if (malformed) return badRequest(ctx, 'filters', `Invalid filter ${malformed}: $and and $or take a list of conditions, $not takes one condition`);
    }

    if (query.locale !== undefined && query.locale !== '*') {
      const locales = await localeCodes();
      if (typeof query.locale !== 'string' || !locales.includes(query.locale)) {
        return badRequest(ctx, 'locale', `Unknown locale ${JSON.stringify(query.locale)}: use one of ${locales.join(', ')}`);
      }
    }
    return next();
  };
};
