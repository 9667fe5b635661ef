// Where the pipeline's server is and how the CMS signs links to it: read once from the
// environment, by the admin's Preview button (config/admin.ts) and the build report's link
// (src/report-link).
import { previewLinkMinutes } from './preview-url';

export interface LinkSettings {
  /** The pipeline's server, without a trailing slash. */
  pipelineUrl: string;
  /** PREVIEW_SECRET; empty means links cannot be signed. */
  secret: string;
  /** How long a signed link lives. */
  minutes: number;
}

export const linkSettings = (read: (name: string) => string | undefined): LinkSettings => ({
  pipelineUrl: (read('PIPELINE_URL') ?? 'http://127.0.0.1:8080').replace(/\/+$/, ''),
  secret: read('PREVIEW_SECRET') ?? '',
  minutes: previewLinkMinutes(read('PREVIEW_LINK_MINUTES')),
});
