import type { Core } from '@strapi/strapi';
import { linkSettings } from '../src/preview/link-settings';
import { previewUrlFor } from '../src/preview/preview-url';
import { requiredEnv } from '../src/utils/required-env';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => {
  const { pipelineUrl, secret: previewSecret, minutes } = linkSettings((name) => env(name));
  return {
    auth: { secret: requiredEnv(env('ADMIN_JWT_SECRET'), 'ADMIN_JWT_SECRET') },
    apiToken: { salt: requiredEnv(env('API_TOKEN_SALT'), 'API_TOKEN_SALT') },
    transfer: { token: { salt: requiredEnv(env('TRANSFER_TOKEN_SALT'), 'TRANSFER_TOKEN_SALT') } },
    secrets: { encryptionKey: requiredEnv(env('ENCRYPTION_KEY'), 'ENCRYPTION_KEY') },
    flags: { nps: false, promoteEE: false },
    // Tests and headless deployments run without the admin build (a minute or more).
    serveAdminPanel: env.bool('STRAPI_SERVE_ADMIN', true),
    // The Preview button opens the pipeline's own renderer of drafts (scripts/server/preview.ts)
    // with a link signed for that document and locale, for an editor who may read it.
    preview: {
      enabled: previewSecret !== '',
      config: {
        allowedOrigins: [pipelineUrl],
        handler: (uid: string, params: { documentId?: string; locale?: string; status?: string }) => previewUrlFor(strapi, uid, params, { pipelineUrl, secret: previewSecret, minutes }),
      },
    },
  };
};

export default config;
