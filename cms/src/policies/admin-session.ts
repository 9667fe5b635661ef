// Lets through a request signed in to the admin with a session (Strapi's "admin" strategy),
// not with an admin API token: what the admin's pages send. Strapi registers the files of
// src/policies as global::<name>.
interface PolicyContext {
  state: { auth?: { strategy?: { name?: string } } };
}

const adminSession = (policyContext: PolicyContext): boolean => policyContext.state.auth?.strategy?.name === 'admin';

export default adminSession;
