// /_report/: the editor's view of the builds, in English or Spanish. The last build in detail
// (status and time, what changed, documents left out and why, missing translations, broken
// links, images without alt text, text that had invisible control characters taken out), then
// the recent builds, one table each: what set it off, when, how long, the result, what it
// changed and, for a failure, why in plain words with the technical message a click away.
import type { BuildHistoryEntry, BuildTrigger, TriggerDocument } from '../publish/build-history.js';
import type { BuildReport, DeployReport } from '../publish/report.js';
import { DEFAULT_LOCALE, type Locale } from '../../domain/locales.js';
import { fill, formatNumber } from '../../domain/format.js';
import { LABELS } from '../../domain/labels.js';
import type { ContentIssue } from '../../domain/model.js';
import { escapeMarkup } from '../lib/escape.js';
import { reasonKind, SCHEDULE_PREFIX } from './build-triggers.js';
import { REPORT_LABELS, type FailureKind, type ReportLabels } from './report-labels.js';

/** Warning kinds with a section of their own; the rest (kinds added later too) go under "Other warnings". */
const LISTED_APART = new Set<string>(['unsafe-link', 'broken-link', 'image-without-alt', 'control-characters', 'stale-translation']);

/** Types editors edit in the admin's collection views, by the pipeline's name. */
const EDITABLE_TYPES = new Set(['study', 'event', 'article', 'axis', 'good-practice', 'sdg', 'city']);

/**
 * The admin's edit view of the document in the issue's language (for a missing translation, the
 * view that creates it), or null for what has no such view.
 */
export const adminEditUrl = (cmsUrl: string, issue: Pick<ContentIssue, 'type' | 'documentId' | 'locale'>): string | null => {
  if (!EDITABLE_TYPES.has(issue.type) || issue.locale === null || !/^[a-z0-9]+$/i.test(issue.documentId)) return null;
  const uid = `api::${issue.type}.${issue.type}`;
  return `${cmsUrl.replace(/\/+$/, '')}/admin/content-manager/collection-types/${uid}/${issue.documentId}?plugins[i18n][locale]=${issue.locale}`;
};

/** Editors read times on the Madrid clock, as they type them in the admin. */
export const REPORT_TIME_ZONE = 'Europe/Madrid';
const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', es: 'es-ES' };

const escape = (value: unknown): string => escapeMarkup(String(value));

/** The site's icon, declared so that no browser asks for /favicon.ico (a 404 in its console). */
const ICON = '<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">';

const timeFormats = new Map<Locale, Intl.DateTimeFormat>();
/** "4 December 2026 at 23:10 CET", "4 de diciembre de 2026, 23:10 CET". */
export const formatReportTime = (iso: string, locale: Locale): string => {
  let format = timeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: REPORT_TIME_ZONE, timeZoneName: 'short' });
    timeFormats.set(locale, format);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
};

const time = (iso: string, locale: Locale): string => `<time datetime="${escape(iso)}">${escape(formatReportTime(iso, locale))}</time>`;

export const formatDuration = (ms: number, locale: Locale): string => {
  const labels = REPORT_LABELS[locale];
  if (ms < 60_000) return fill(labels.seconds, { s: new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(ms / 1000) });
  const seconds = Math.round(ms / 1000);
  return fill(labels.minutes, { m: Math.floor(seconds / 60), s: seconds % 60 });
};

/** The plain-words reason of a failed build, from the pipeline's error kinds (scripts/errors.ts), by name: the report is JSON. */
export const failureKindOf = (error: NonNullable<BuildReport['error']>): FailureKind => {
  switch (error.name) {
    case 'CmsUnreachableError':
      return 'cms-unreachable';
    case 'CmsAuthError':
      return 'cms-refused';
    case 'CmsResponseError':
      return 'cms-answer';
    case 'VerificationError':
      return 'verification';
    case 'SearchIndexError':
      return 'search-index';
    case 'PublishError':
      return 'publish';
    case 'ImageError':
      return 'images';
    case 'PdfRenderError':
      return 'pdf';
    case 'PipelineError':
      return error.context.type === 'site-setting' ? 'no-language' : 'configuration';
    default:
      return 'unexpected';
  }
};

/** `trigger`: the server retries what it started (rebuild-scheduler); a build run by hand is not retried. */
const failure = (error: NonNullable<BuildReport['error']>, trigger: BuildTrigger | undefined, labels: ReportLabels): string =>
  `<p>${escape(labels.failures[failureKindOf(error)])} ${escape(labels.siteUnchanged)}${trigger && trigger.kind !== 'manual' ? ` ${escape(labels.retriedBySelf)}` : ''}</p>` +
  `<details><summary>${escape(labels.technicalDetails)}</summary><p><code>${escape(error.name)}</code>: ${escape(error.message)}</p>` +
  (Object.keys(error.context).length > 0 ? `<pre>${escape(JSON.stringify(error.context, null, 2))}</pre>` : '') +
  '</details>';

/** `edit`: each issue gets a link to the document's edit view in its language, in the CMS at cmsUrl, named in the page's language. */
const issueList = (title: string, issues: ContentIssue[], labels: ReportLabels, edit?: { cmsUrl: string; locale: Locale }): string => {
  const item = (issue: ContentIssue): string => {
    const url = edit ? adminEditUrl(edit.cmsUrl, issue) : null;
    const language = edit && issue.locale ? (LABELS[edit.locale].languageNames[issue.locale] ?? issue.locale) : '';
    return `<li>${escape(issue.message)}${url ? ` <a href="${escape(url)}">${escape(fill(labels.editInAdmin, { language }))}</a>` : ''}</li>`;
  };
  return `<section><h2>${escape(title)} (${issues.length})</h2>${issues.length === 0 ? `<p>${escape(labels.none)}</p>` : `<ul>${issues.map(item).join('')}</ul>`}</section>`;
};

const links = (files: string[]): string => `<ul>${files.map((f) => `<li><a href="${escape(f)}">${escape(f)}</a></li>`).join('')}</ul>`;

const fileList = (title: string, files: string[], labels: ReportLabels): string =>
  `<section><h2>${escape(title)} (${files.length})</h2>${files.length === 0 ? `<p>${escape(labels.none)}</p>` : links(files)}</section>`;

/** "study abc123 (es)" for api::study.study. */
const documentName = (document: TriggerDocument): string =>
  `${document.model.replace(/^.*\./, '') || '?'} ${document.documentId}${document.locale ? ` (${document.locale})` : ''}`;

const eventName = (reason: string, labels: ReportLabels): string => labels.eventNames[reason] ?? reason;
const scheduleName = (reason: string, labels: ReportLabels): string => {
  const what = reason.slice(SCHEDULE_PREFIX.length);
  return labels.scheduleNames[what] ?? what;
};

/** What set a build off, in words, with the events, schedules and documents behind it. */
export const describeTrigger = (trigger: BuildTrigger, labels: ReportLabels): string => {
  const parts = [`<p>${escape(labels.triggers[trigger.kind])}</p>`];
  const events = trigger.kind === 'webhook' ? trigger.reasons.filter((reason) => reasonKind(reason) === 'webhook') : [];
  if (events.length > 0) parts.push(`<p>${escape(labels.events)}: ${events.map((event) => `${escape(eventName(event, labels))} (<code>${escape(event)}</code>)`).join(', ')}.</p>`);
  const schedules = trigger.reasons.filter((reason) => reasonKind(reason) === 'schedule');
  if (schedules.length > 0) parts.push(`<p>${escape(labels.events)}: ${schedules.map((reason) => escape(scheduleName(reason, labels))).join(', ')}.</p>`);
  if (trigger.documents && trigger.documents.length > 0) parts.push(`<p>${escape(labels.documents)}: ${trigger.documents.map((d) => escape(documentName(d))).join(', ')}.</p>`);
  if (trigger.retryOf) parts.push(`<p>${escape(fill(labels.retryOf, { trigger: labels.triggers[trigger.retryOf.kind] }))}</p>`);
  return parts.join('');
};

const changes = (entry: BuildHistoryEntry, locale: Locale, labels: ReportLabels): string => {
  const changed = entry.changed;
  if (!changed) return `<p>${escape(labels.nothingPublished)}</p>`;
  const lists = (['pages', 'feeds', 'calendars', 'pdfs'] as const).filter((kind) => changed[kind].count > 0);
  if (lists.length === 0 && changed.images === 0 && changed.other === 0) return `<p>${escape(labels.nothingChanged)}</p>`;
  const listed = lists.map((kind) => {
    const { count, files } = changed[kind];
    const summary = escape(fill(labels.changeCounts[kind], { n: formatNumber(count, locale) }));
    const more = files.length < count ? `<p>${escape(fill(labels.firstOf, { shown: files.length, count: formatNumber(count, locale) }))}</p>` : '';
    return `<details><summary>${summary}</summary>${more}${links(files)}</details>`;
  });
  const counted = (['images', 'other'] as const).filter((kind) => changed[kind] > 0).map((kind) => escape(fill(labels.changeCounts[kind], { n: formatNumber(changed[kind], locale) })));
  return listed.join('') + (counted.length > 0 ? `<p>${counted.join('. ')}.</p>` : '');
};

const problems = (entry: BuildHistoryEntry, locale: Locale, labels: ReportLabels): string => {
  const { leftOut, missingTranslations, warnings } = entry.issues;
  if (leftOut + missingTranslations + warnings === 0) return `<p>${escape(labels.noProblems)}</p>`;
  const counts = `<p>${escape(fill(labels.problemCounts, { leftOut: formatNumber(leftOut, locale), missing: formatNumber(missingTranslations, locale), warnings: formatNumber(warnings, locale) }))}</p>`;
  if (entry.leftOut.length === 0) return counts;
  const more = entry.leftOut.length < leftOut ? `<p>${escape(fill(labels.firstOf, { shown: entry.leftOut.length, count: formatNumber(leftOut, locale) }))}</p>` : '';
  return `${counts}<details><summary>${escape(labels.leftOut)}</summary>${more}<ul>${entry.leftOut.map((issue) => `<li>${escape(issue.message)}</li>`).join('')}</ul></details>`;
};

/** Where the release went after the build (DEPLOY_TARGET), and how it went. */
const deployLine = (deploy: DeployReport, locale: Locale, labels: ReportLabels): string => {
  const values = { target: `<code>${escape(deploy.target)}</code>`, time: time(deploy.startedAt, locale) };
  if (deploy.status === 'failed') return `<p class="status failed">${fill(escape(labels.deployFailed), { ...values, error: escape(deploy.error ?? '') })}</p>`;
  const counts = { duration: escape(formatDuration(deploy.durationMs, locale)), uploaded: formatNumber(deploy.uploaded, locale), unchanged: formatNumber(deploy.unchanged, locale), deleted: formatNumber(deploy.deleted, locale) };
  return `<p class="deploy">${fill(escape(labels.deployed), { ...values, ...counts })}</p>`;
};

const statusWord = (status: BuildReport['status'], labels: ReportLabels): string => (status === 'ok' ? labels.published : labels.failed);

/** One build of the history: a table whose caption says when it started and how it ended. */
const buildTable = (entry: BuildHistoryEntry, locale: Locale, labels: ReportLabels): string => {
  const status = statusWord(entry.status, labels);
  const rows: [string, string][] = [
    [labels.trigger, describeTrigger(entry.trigger, labels)],
    [labels.started, time(entry.startedAt, locale)],
    [labels.duration, escape(formatDuration(entry.durationMs, locale))],
    [labels.status, `<strong class="status ${entry.status}">${escape(status)}</strong>`],
    [labels.changes, changes(entry, locale, labels)],
    [labels.problems, problems(entry, locale, labels)],
  ];
  if (entry.error) rows.push([labels.failure, failure(entry.error, entry.trigger, labels)]);
  const caption = fill(escape(labels.buildCaption), { time: time(entry.startedAt, locale), status: escape(status) });
  return `<table class="build-history ${entry.status}"><caption>${caption}</caption><tbody>${rows.map(([head, cell]) => `<tr><th scope="row">${escape(head)}</th><td>${cell}</td></tr>`).join('')}</tbody></table>`;
};

export interface ReportPageOptions {
  /** The page's language (see report-language); English unless given. */
  locale?: Locale;
  /** The recent builds, newest first (build-history.json). */
  history?: BuildHistoryEntry[];
}

export const renderReportPage = (report: BuildReport | null, options: ReportPageOptions = {}): string => {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const labels = REPORT_LABELS[locale];
  const history = options.history ?? [];
  const other: Locale = locale === 'en' ? 'es' : 'en';
  const details =
    report === null
      ? `<p>${escape(labels.noBuild)}</p>`
      : [
          `<p class="status ${report.status}">${fill(escape(labels.lastBuild), { status: `<strong>${escape(statusWord(report.status, labels))}</strong>`, time: time(report.finishedAt, locale), duration: escape(formatDuration(report.durationMs, locale)) })}</p>`,
          report.trigger ? describeTrigger(report.trigger, labels) : '',
          report.error ? failure(report.error, report.trigger, labels) : '',
          report.takedown ? `<section><h2>${escape(labels.takenDown)} (${report.takedown.pages.length})</h2>${links(report.takedown.pages)}</section>` : '',
          `<p>${escape(fill(labels.totals, { pages: formatNumber(report.pages, locale), files: formatNumber(report.files, locale), requests: formatNumber(report.requests, locale) }))}</p>`,
          report.deploy ? deployLine(report.deploy, locale, labels) : '',
          report.changed
            ? fileList(labels.pagesChanged, report.changed.pages, labels) + fileList(labels.feedsChanged, report.changed.feeds, labels) + fileList(labels.calendarsChanged, report.changed.calendars, labels) + fileList(labels.pdfsChanged, report.changed.pdfs, labels)
            : '',
          issueList(labels.leftOut, report.leftOut, labels, { cmsUrl: report.cmsUrl, locale }),
          issueList(labels.missingTranslations, report.missingTranslations, labels, { cmsUrl: report.cmsUrl, locale }),
          issueList(labels.staleTranslations, report.warnings.filter((w) => w.kind === 'stale-translation'), labels, { cmsUrl: report.cmsUrl, locale }),
          issueList(labels.links, report.warnings.filter((w) => w.kind === 'unsafe-link' || w.kind === 'broken-link'), labels),
          issueList(labels.imagesWithoutAlt, report.warnings.filter((w) => w.kind === 'image-without-alt'), labels),
          issueList(labels.controlCharacters, report.warnings.filter((w) => w.kind === 'control-characters'), labels),
          issueList(labels.otherWarnings, report.warnings.filter((w) => !LISTED_APART.has(w.kind)), labels),
        ].join('\n');
  const recent = `<section><h2>${escape(labels.recentBuilds)} (${history.length})</h2>${history.length === 0 ? `<p>${escape(labels.historyUnavailable)}</p>` : `<p>${escape(labels.recentBuildsIntro)}</p>\n${history.map((entry) => buildTable(entry, locale, labels)).join('\n')}`}</section>`;
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">
<title>${escape(labels.title)}</title>${ICON}<link rel="stylesheet" href="/assets/site.css"></head>
<body><main id="main" class="wrap report"><h1>${escape(labels.title)}</h1>
<nav class="language" aria-label="${escape(labels.languageSwitch)}"><a href="?lang=${other}" hreflang="${other}" lang="${other}">${escape(LABELS[other].languageName)}</a></nav>
${details}
${recent}
</main></body></html>
`;
};

/**
 * What a browser gets when it withheld the report's cookie from a navigation another site
 * started (the admin's link): the same address again, loaded from this page, with the cookie.
 */
export const renderReloadPage = (locale: Locale, address: string): string => {
  const labels = REPORT_LABELS[locale];
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">
<meta http-equiv="refresh" content="0; url=${escape(address)}"><title>${escape(labels.title)}</title>${ICON}</head>
<body><main><h1>${escape(labels.opening)}</h1><p><a href="${escape(address)}">${escape(labels.openReport)}</a></p></main></body></html>
`;
};
