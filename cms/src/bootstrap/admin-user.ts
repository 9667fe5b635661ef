// The first editor account: from STRAPI_ADMIN_EMAIL and STRAPI_ADMIN_PASSWORD when both are
// set; otherwise the admin's own registration page makes it.
import type { Core } from '@strapi/strapi';

interface AdminUserService {
  exists(): Promise<boolean>;
  createFirstAdmin(attributes: { email: string; firstname: string; lastname: string; password: string }): Promise<unknown>;
}

export const ensureFirstAdmin = async (strapi: Core.Strapi): Promise<void> => {
  const users = strapi.service('admin::user') as unknown as AdminUserService;
  if (await users.exists()) return;
  const email = process.env.STRAPI_ADMIN_EMAIL;
  const password = process.env.STRAPI_ADMIN_PASSWORD;
  const adminUrl = strapi.config.get<string>('admin.absoluteUrl');
  if (!email || !password) {
    strapi.log.info(`No admin account yet: register the first one at ${adminUrl}, or set STRAPI_ADMIN_EMAIL and STRAPI_ADMIN_PASSWORD`);
    return;
  }
  await users.createFirstAdmin({ email, password, firstname: 'Admin', lastname: 'Editor' });
  strapi.log.info(`Created the first admin account ${email}; sign in at ${adminUrl}`);
};
