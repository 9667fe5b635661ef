// The Public role reads nothing: the site is built from a token, so no anonymous request
// should ever reach content. Registration is closed for the same reason.
import type { Core } from '@strapi/strapi';

const PERMISSION = 'plugin::users-permissions.permission';

export const closeAnonymousAccess = async (strapi: Core.Strapi): Promise<void> => {
  const roles = (await strapi.db.query('plugin::users-permissions.role').findMany({
    where: { type: { $in: ['public', 'authenticated'] } },
  })) as { id: number }[];
  const granted = (await strapi.db.query(PERMISSION).findMany({
    where: { role: { id: { $in: roles.map((role) => role.id) } }, action: { $startsWith: 'api::' } },
  })) as { id: number; action: string }[];
  if (granted.length > 0) {
    await strapi.db.query(PERMISSION).deleteMany({ where: { id: { $in: granted.map((p) => p.id) } } });
    strapi.log.warn(`Removed ${granted.length} content permission(s) from the Public and Authenticated roles: ${granted.map((p) => p.action).join(', ')}`);
  }
  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = ((await store.get()) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register !== false) {
    await store.set({ value: { ...advanced, allow_register: false } });
  }
};
