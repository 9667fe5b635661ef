import type { Core } from '@strapi/strapi';
import { mediaBucketFrom, s3ClientSettings } from '../src/media-storage/settings';
import { uploadSizeLimit } from '../src/media-storage/upload-limit';
import { requiredEnv } from '../src/utils/required-env';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => {
  const bucket = mediaBucketFrom(process.env);
  return {
    'users-permissions': {
      config: {
        jwtSecret: requiredEnv(env('JWT_SECRET'), 'JWT_SECRET'),
      },
    },
    upload: {
      config: {
        sizeLimit: uploadSizeLimit(env('UPLOAD_SIZE_LIMIT')),
        // Unset S3_BUCKET: Strapi's local provider, files in public/uploads.
        ...(bucket && {
          provider: 'aws-s3',
          providerOptions: {
            // Every file's URL is the bucket's public address and its key, whatever the store
            // answers, so the admin's security policy and the build know where media live.
            baseUrl: bucket.publicBaseUrl,
            s3Options: {
              ...s3ClientSettings(bucket),
              // No ACL header: buckets made since 2023 refuse them (and R2 never took them);
              // the bucket is made readable to everyone by its own policy (see the README).
              params: { Bucket: bucket.bucket, ACL: undefined },
            },
          },
        }),
      },
    },
  };
};

export default config;
