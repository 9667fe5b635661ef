// /_report/: the editor's view of the last build: status and time, what changed, documents
// left out and why, missing translations, broken links, images without alt text and text
// that had invisible control characters taken out.
import type { BuildReport } from '../publish/report.js';
import type { ContentIssue } from '../../domain/model.js';
import { escapeMarkup } from '../lib/escape.js';

/** Warning kinds with a section of their own; the rest go under "Other warnings". */
const LISTED_APART = new Set<ContentIssue['kind']>(['unsafe-link', 'broken-link', 'image-without-alt', 'control-characters']);

const escape = (value: unknown): string => escapeMarkup(String(value));

const issueList = (title: string, issues: ContentIssue[]): string =>
  `<section><h2>${escape(title)} (${issues.length})</h2>${issues.length === 0 ? '<p>None.</p>' : `<ul>${issues.map((i) => `<li>${escape(i.message)}</li>`).join('')}</ul>`}</section>`;

const fileList = (title: string, files: string[]): string =>
  `<section><h2>${escape(title)} (${files.length})</h2>${files.length === 0 ? '<p>None.</p>' : `<ul>${files.map((f) => `<li><a href="${escape(f)}">${escape(f)}</a></li>`).join('')}</ul>`}</section>`;

export const renderReportPage = (report: BuildReport | null): string => {
  const body =
    report === null
      ? '<p>No build has run yet.</p>'
      : [
          `<p class="status ${report.status}">Last build: <strong>${report.status === 'ok' ? 'published' : 'failed'}</strong> at <time datetime="${escape(report.finishedAt)}">${escape(report.finishedAt)}</time>, in ${(report.durationMs / 1000).toFixed(1)} s.</p>`,
          report.error ? `<p><strong>${escape(report.error.name)}</strong>: ${escape(report.error.message)}</p>` : '',
          report.takedown ? `<section><h2>Unpublished pages taken off the site anyway (${report.takedown.pages.length})</h2><ul>${report.takedown.pages.map((page) => `<li>${escape(page)}</li>`).join('')}</ul></section>` : '',
          `<p>${report.pages} pages, ${report.files} files; ${report.requests} requests to the CMS.</p>`,
          report.changed ? fileList('Pages changed', report.changed.pages) + fileList('Feeds changed', report.changed.feeds) + fileList('PDFs changed', report.changed.pdfs) : '',
          issueList('Documents left out', report.leftOut),
          issueList('Missing translations', report.missingTranslations),
          issueList('Broken or unsafe links', report.warnings.filter((w) => w.kind === 'unsafe-link' || w.kind === 'broken-link')),
          issueList('Images without alternative text', report.warnings.filter((w) => w.kind === 'image-without-alt')),
          issueList('Invisible control characters removed from text', report.warnings.filter((w) => w.kind === 'control-characters')),
          issueList('Other warnings', report.warnings.filter((w) => !LISTED_APART.has(w.kind))),
        ].join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">
<title>Build report</title><link rel="stylesheet" href="/assets/site.css"></head>
<body><main id="main" class="wrap"><h1>Build report</h1>
${body}
</main></body></html>
`;
};
