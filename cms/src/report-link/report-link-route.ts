// GET /build-report/link: a signed link to the pipeline's build report, for an editor signed in
// to the admin (the admin's "Build report" menu page asks for it). The report itself stays
// behind REPORT_SECRET for scripts; an editor gets there with their admin session instead, by
// a link that the pipeline's server accepts for PREVIEW_LINK_MINUTES and that names nothing
// but the report (signReportLink).
//
// Any signed-in admin user may have one, whatever their role: the report says what the last
// builds published and what needs fixing, which every editor needs, and it shows nothing that
// is not on the site or in the admin already. Admin API tokens are refused: they are for
// scripts, which read the report with REPORT_SECRET.
//
// Strapi mounts the routes of an app's own APIs on the content API only; a router of type
// "admin" is what the admin's session authenticates. It is added to Strapi's server in the
// register phase, as Strapi itself adds a plugin's admin routes, so no plugin is needed.
import type { Core } from '@strapi/strapi';
import type { LinkSettings } from '../preview/link-settings';
import { signReportLink } from '../preview/signed-link';

/** The route, relative to the CMS root. */
export const REPORT_LINK_PATH = '/build-report/link';

interface RouteContext {
  status: number;
  body: unknown;
  set(name: string, value: string): void;
}

/** The report's address with a signature that expires `settings.minutes` after `nowMs`. */
export const reportLinkUrl = (settings: LinkSettings, nowMs: number): string => {
  const expires = Math.floor(nowMs / 1000) + settings.minutes * 60;
  return `${settings.pipelineUrl}/_report/?${signReportLink(settings.secret, expires)}`;
};

export const registerReportLinkRoute = (strapi: Core.Strapi, settings: LinkSettings): void => {
  const handler = (ctx: RouteContext): void => {
    // A signed link is a credential for minutes: no cache may keep it.
    ctx.set('Cache-Control', 'no-store');
    if (settings.secret === '') {
      ctx.status = 503;
      ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'PREVIEW_SECRET is not set: the CMS cannot sign a link to the build report. Set it (the same value as the pipeline) and restart the CMS.' } };
      return;
    }
    ctx.body = { url: reportLinkUrl(settings, Date.now()), expiresInMinutes: settings.minutes };
  };
  strapi.server.routes({
    type: 'admin',
    prefix: '/build-report',
    routes: [
      {
        method: 'GET',
        path: '/link',
        handler,
        // Signed in, and with a session rather than an admin API token (src/policies).
        config: { policies: ['admin::isAuthenticatedAdmin', 'global::admin-session'] },
      },
    ],
  } as unknown as Parameters<Core.Strapi['server']['routes']>[0]);
};
