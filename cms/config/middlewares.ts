import type { Core } from '@strapi/strapi';

// Strapi's default stack, plus a check of pagination numbers that Strapi would otherwise
// silently replace with defaults. The draft guard is not here: it needs the authenticated token,
// which only exists once the route has run, so it lives in the document service (src/security).
const config = (): Core.Config.Middlewares => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'global::query-shape',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
