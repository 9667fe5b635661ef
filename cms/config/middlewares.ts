import type { Core } from '@strapi/strapi';
import { mediaPublicBaseUrl } from '../src/media-storage/settings';
import { uploadSizeLimit } from '../src/media-storage/upload-limit';

// Strapi's default stack, plus a check of pagination numbers that Strapi would otherwise
// silently replace with defaults. The draft guard is not here: it needs the authenticated token,
// which only exists once the route has run, so it lives in the document service (src/security).
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => {
  const mediaBase = mediaPublicBaseUrl(process.env);
  // The media library shows thumbnails from where files are: the bucket's origin when media
  // live in one. Strapi merges these lists with its defaults index by index, so they repeat
  // its defaults in full before adding the bucket.
  const mediaOrigin = mediaBase === null ? [] : [new URL(mediaBase).origin];
  return [
    'strapi::logger',
    'strapi::errors',
    {
      name: 'strapi::security',
      config: {
        contentSecurityPolicy: {
          useDefaults: true,
          directives: {
            'connect-src': ["'self'", 'https:'],
            'img-src': ["'self'", 'data:', 'blob:', 'https://market-assets.strapi.io', ...mediaOrigin],
            'media-src': ["'self'", 'data:', 'blob:', ...mediaOrigin],
            upgradeInsecureRequests: null,
          },
        },
      },
    },
    'strapi::cors',
    'strapi::poweredBy',
    'strapi::query',
    'global::query-shape',
    {
      name: 'strapi::body',
      // The parser stops reading a file at the upload limit and answers 413 before the upload
      // plugin runs: a huge upload is never read in full, and nothing of it reaches the bucket.
      config: { formidable: { maxFileSize: uploadSizeLimit(env('UPLOAD_SIZE_LIMIT')) } },
    },
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
  ];
};

export default config;
