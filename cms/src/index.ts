import type { Core } from '@strapi/strapi';
import { ensureAdminTexts } from './admin-texts/apply-texts';
import { ensureFirstAdmin } from './bootstrap/admin-user';
import { ensurePipelineTokens } from './bootstrap/api-tokens';
import { emitLocaleEvents } from './bootstrap/locale-events';
import { ensureLocales } from './bootstrap/locales';
import { ensurePipelineWebhook } from './bootstrap/webhooks';
import { linkSettings } from './preview/link-settings';
import { registerReportLinkRoute } from './report-link/report-link-route';
import { seedSampleContent } from './seed';
import { registerScheduleGuard } from './scheduling/schedule-guard';
import { registerDraftGuard } from './security/draft-guard';
import { closeAnonymousAccess } from './security/public-role';
import { keepTokenLookups } from './patches/token-lookups';
import { assertPatchedVersions } from './patches/versions';
import { registerSlugGuard } from './validation/slug-guard';
import { underStartupLock } from './utils/instance-locks';
import { assertBucketReachable } from './media-storage/bucket-check';
import { mediaBucketFrom } from './media-storage/settings';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Before anything is patched: an upgrade stops here until the patches are checked.
    assertPatchedVersions();
    registerDraftGuard(strapi);
    registerSlugGuard(strapi);
    registerScheduleGuard(strapi);
    registerReportLinkRoute(strapi, linkSettings((name) => process.env[name]));
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // Wrong keys or a missing bucket stop the start here, not at an editor's first upload.
    const bucket = mediaBucketFrom(process.env);
    if (bucket) await assertBucketReachable(bucket);
    keepTokenLookups(strapi);
    emitLocaleEvents(strapi);
    // Each step is idempotent: every start brings the database to the same state, one
    // instance at a time when several share it.
    await underStartupLock(strapi, async () => {
      await ensureLocales(strapi);
      await closeAnonymousAccess(strapi);
      await ensureFirstAdmin(strapi);
      await ensurePipelineTokens(strapi);
      await ensurePipelineWebhook(strapi);
      await ensureAdminTexts(strapi);
      await seedSampleContent(strapi);
    });
  },
};
