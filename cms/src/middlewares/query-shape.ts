// The content API's front door, before any route runs. It answers only the routes the
// pipeline reads (each content type's find, findOne and export, and the change feed), and for
// those only the query shapes security/query-door allows; everything else under the API prefix
// is refused. Malformed values get a 400 naming the parameter instead of what Strapi would
// do with them: a 500 (`filters[$or]=x` reaches the database layer and throws there) or a
// silent default (`pageSize=abc`, a locale that does not exist).
import type { Core } from '@strapi/strapi';
import { checkContentQuery, type DoorModel, type RouteShape } from '../security/query-door';
import { RECORD_UID } from '../history/sync';
import { keepReadsUntilChange } from '../utils/kept-until-change';
import { localeCodes } from '../utils/plugin-services';

const PAGINATION_KEYS = new Set(['page', 'pageSize', 'start', 'limit']);

const isCount = (value: unknown): boolean => typeof value === 'string' && /^\d{1,9}$/.test(value);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

interface Answer {
  status: number;
  body: unknown;
}

const refusal = (ctx: Answer, status: 400 | 403 | 404, param: string | null, message: string): void => {
  const name = status === 400 ? 'ValidationError' : status === 403 ? 'ForbiddenError' : 'NotFoundError';
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details: param === null ? {} : { source: 'query', param } } };
};

interface ContentRoute {
  uid: string;
  shape: RouteShape;
}

/**
 * The route a path under the API prefix names: a type's list (/studies, /export/studies),
 * one document (/studies/:id, or a single type's /site-setting), the change feed, or nothing.
 */
const routeTable = (strapi: Core.Strapi): ((path: string) => ContentRoute | 'change-feed' | null) => {
  const lists = new Map<string, string>();
  const singles = new Map<string, string>();
  for (const contentType of Object.values(strapi.contentTypes)) {
    // The builds' own records have no content API routes of their own.
    if (!contentType.uid.startsWith('api::') || contentType.uid === RECORD_UID) continue;
    const { pluralName, singularName } = contentType.info;
    if (contentType.kind === 'singleType') singles.set(singularName, contentType.uid);
    else lists.set(pluralName, contentType.uid);
  }
  return (path) => {
    if (path === '/export/changes' || path === '/export/history') return 'change-feed';
    const [, first = '', second, third] = path.split('/');
    if (first === 'export' && second !== undefined && third === undefined && lists.has(second)) return { uid: lists.get(second) as string, shape: 'list' };
    if (third !== undefined) return null;
    if (lists.has(first)) return { uid: lists.get(first) as string, shape: second === undefined || second === '' ? 'list' : 'one' };
    if (singles.has(first) && second === undefined) return { uid: singles.get(first) as string, shape: 'one' };
    return null;
  };
};

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const prefix = strapi.config.get<string>('api.rest.prefix', '/api');
  // The locales are read once, not on every request, until one is added, changed or removed.
  const keptLocales = keepReadsUntilChange<string[]>(strapi, { models: ['plugin::i18n.locale'], ttlMs: 60_000, maxEntries: 1 });
  const knownLocales = async (): Promise<string[]> =>
    (await keptLocales.get('codes', () => localeCodes(strapi))) ?? [];
  const models = (uid: string): DoorModel | undefined => strapi.getModel(uid as Parameters<typeof strapi.getModel>[0]) as DoorModel | undefined;
  let routeOf: ReturnType<typeof routeTable> | null = null;

  return async (ctx, next) => {
    if (!ctx.path.startsWith(`${prefix}/`)) return next();
    routeOf ??= routeTable(strapi);
    const route = routeOf(ctx.path.slice(prefix.length));
    // Uploads, users, locales and whatever a plugin adds: the pipeline reads none of them
    // (media files are fetched from /uploads/, which Strapi serves publicly by design).
    if (route === null) return refusal(ctx, 404, null, `${ctx.path} is not available through the content API`);
    if (route === 'change-feed') return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return refusal(ctx, 404, null, `The content API only reads; ${ctx.method} ${ctx.path} is not available`);
    const query = ctx.query as Record<string, unknown>;

    if (query.pagination !== undefined) {
      const fields = isObject(query.pagination) ? query.pagination : null;
      const fine = ([key, value]: [string, unknown]): boolean => (key === 'withCount' ? value === 'true' || value === 'false' : PAGINATION_KEYS.has(key) && isCount(value));
      const bad = fields === null ? ['pagination'] : Object.entries(fields).filter((entry) => !fine(entry)).map(([key]) => `pagination[${key}]`);
      if (bad.length > 0) return refusal(ctx, 400, 'pagination', `Invalid pagination: ${bad.join(', ')} must be a whole number (page, pageSize, start or limit), or true or false (withCount)`);
    }

    const refused = checkContentQuery(query, route.uid, route.shape, models);
    if (refused) return refusal(ctx, refused.status, refused.param, refused.message);

    if (query.locale !== undefined && query.locale !== '*') {
      const locales = await knownLocales();
      if (typeof query.locale !== 'string' || !locales.includes(query.locale)) {
        return refusal(ctx, 400, 'locale', `Unknown locale ${JSON.stringify(query.locale)}: use one of ${locales.join(', ')}`);
      }
    }
    return next();
  };
};
