// Build reports for tests of what reacts to builds (the scheduler, the deferred search index).
import type { BuildReport } from '../../scripts/publish/report.js';

/** A report of a build that ended with `status`, with nothing else of note unless `extra` says. */
export const reportWith = (status: BuildReport['status'], extra: Partial<BuildReport> = {}): BuildReport => ({
  status,
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 0,
  cmsUrl: 'http://cms.test',
  siteUrl: 'http://site.test',
  outDir: '/tmp/dist',
  release: null,
  requests: 0,
  counts: {},
  pages: 0,
  files: 0,
  media: { downloaded: 0, reused: 0, encoded: 0, reusedVariants: 0 },
  pdfs: { generated: 0, reused: 0, renderMs: [] },
  changed: null,
  leftOut: [],
  missingTranslations: [],
  warnings: [],
  stages: {},
  error: status === 'failed' ? { name: 'FetchError', message: 'The CMS did not answer', context: {} } : null,
  ...extra,
});
