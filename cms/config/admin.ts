import type { Core } from '@strapi/strapi';
import { requiredEnv } from '../src/utils/required-env';

// Content types that have a page on the site, and so something to preview.
const PREVIEWABLE = new Set(['study', 'event', 'article', 'axis']);

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => {
  const pipelineUrl = env('PIPELINE_URL', 'http://127.0.0.1:8080').replace(/\/+$/, '');
  const previewSecret = env('PREVIEW_SECRET', '');
  return {
    auth: { secret: requiredEnv(env('ADMIN_JWT_SECRET'), 'ADMIN_JWT_SECRET') },
    apiToken: { salt: requiredEnv(env('API_TOKEN_SALT'), 'API_TOKEN_SALT') },
    transfer: { token: { salt: requiredEnv(env('TRANSFER_TOKEN_SALT'), 'TRANSFER_TOKEN_SALT') } },
    secrets: { encryptionKey: requiredEnv(env('ENCRYPTION_KEY'), 'ENCRYPTION_KEY') },
    flags: { nps: false, promoteEE: false },
    // Tests and headless deployments run without the admin build (a minute or more).
    serveAdminPanel: env.bool('STRAPI_SERVE_ADMIN', true),
    // The Preview button opens the pipeline's own renderer of drafts (see scripts/ preview).
    preview: {
      enabled: previewSecret !== '',
      config: {
        allowedOrigins: [pipelineUrl],
        async handler(uid: string, { documentId, locale }: { documentId: string; locale?: string; status?: string }) {
          const type = uid.split('.').pop() ?? '';
          if (!PREVIEWABLE.has(type) || !documentId) return null;
          const query = new URLSearchParams({ secret: previewSecret });
          return `${pipelineUrl}/preview/${locale ?? 'en'}/${type}/${documentId}?${query}`;
        },
      },
    },
  };
};

export default config;
