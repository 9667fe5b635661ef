// Links that never break: the CMS's publication records (cms/src/history) and what the build
// makes of them — redirects from every address a document gave up, 410 once it is published
// nowhere, translations that may be out of date.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { historyAnswer } from '../../cms/src/history/answer.js';
import { hashField, recordPublished, recordUnpublished, staleTranslations, type PublicationRecord, type PublishedRow } from '../../cms/src/history/records.js';
import { formerAddressesOf, overdueScheduleIssues, type Addressed, type CmsHistory } from '../../scripts/normalise/history.js';
import { splitIssues } from '../../scripts/publish/report.js';
import { formerAddressPagesOf, movedSectionsOf, redirectsFile } from '../../scripts/render/redirects.js';
import { parseRedirects, redirectOf } from '../../scripts/server/redirect-rules.js';
import { startSiteServer } from '../../scripts/server/server.js';

const T = (minute: number): string => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const row = (slug: string, publishedAt: string, hashes: Record<string, string> = { title: 'a', summary: 'b' }): PublishedRow => ({ slug, publishedAt, hashes });

describe('publication records', () => {
  it('start with the slug live and every field as first seen, and stay the same object when nothing changed', () => {
    const first = recordPublished(null, row('mobility', T(0)), T(1));
    expect(first).toEqual({ checkedPublishedAt: T(0), firstPublishedAt: T(1), slugs: [{ slug: 'mobility', since: T(1), retiredAt: null }], fields: { title: { hash: 'a', changedAt: null }, summary: { hash: 'b', changedAt: null } } });
    expect(recordPublished(first, row('mobility', T(0)), T(2))).toBe(first);
  });

  it('retire the old slug on a rename, mark only the fields whose text changed, and bring a slug back when it is used again', () => {
    const first = recordPublished(null, row('mobility', T(0)), T(1));
    const renamed = recordPublished(first, row('urban-mobility', T(5), { title: 'a2', summary: 'b' }), T(6));
    expect(renamed.slugs).toEqual([{ slug: 'mobility', since: T(1), retiredAt: T(6) }, { slug: 'urban-mobility', since: T(6), retiredAt: null }]);
    expect(renamed.fields).toEqual({ title: { hash: 'a2', changedAt: T(6) }, summary: { hash: 'b', changedAt: null } });
    const back = recordPublished(renamed, row('mobility', T(9), { title: 'a2', summary: 'b' }), T(10));
    expect(back.slugs).toEqual([{ slug: 'mobility', since: T(1), retiredAt: null }, { slug: 'urban-mobility', since: T(6), retiredAt: T(10) }]);
  });

  it('retire every live slug when the document is no longer published', () => {
    const first = recordPublished(null, row('mobility', T(0)), T(1));
    const gone = recordUnpublished(first, T(3));
    expect(gone.slugs).toEqual([{ slug: 'mobility', since: T(1), retiredAt: T(3) }]);
    expect(recordUnpublished(gone, T(4))).toBe(gone);
  });

  it('hash a field without the row ids a republish renumbers', () => {
    expect(hashField([{ id: 1, text: 'x' }])).toBe(hashField([{ id: 7, text: 'x' }]));
    expect(hashField([{ id: 1, text: 'x' }])).not.toBe(hashField([{ id: 1, text: 'y' }]));
  });
});

describe('stale translations', () => {
  const baseline = (at: number): PublicationRecord => recordPublished(null, row('s', T(at)), T(at));
  const both = new Set(['en', 'es']);

  it('none after both languages were first published, whichever came first', () => {
    expect(staleTranslations({ en: baseline(0), es: baseline(1) }, both)).toEqual([]);
  });

  it('the other language, with the field names, after only the English text changed', () => {
    const en = recordPublished(baseline(0), row('s', T(20), { title: 'a', summary: 'b2' }), T(20));
    expect(staleTranslations({ en, es: baseline(1) }, both)).toEqual([{ locale: 'es', newerLocale: 'en', fields: ['summary'], changedAt: T(20) }]);
    // The translator brings the Spanish summary up to date: nothing is stale, English included.
    const es = recordPublished(baseline(1), row('s', T(30), { title: 'a', summary: 'c2' }), T(30), [en]);
    expect(es.fields.summary).toEqual({ hash: 'c2', changedAt: T(30), follows: true });
    expect(staleTranslations({ en, es }, both)).toEqual([]);
    // The English summary is rewritten again: Spanish is behind again, and English is not.
    const enAgain = recordPublished(en, row('s', T(40), { title: 'a', summary: 'b3' }), T(40), [es]);
    expect(enAgain.fields.summary?.follows).toBeUndefined();
    expect(staleTranslations({ en: enAgain, es }, both)).toEqual([{ locale: 'es', newerLocale: 'en', fields: ['summary'], changedAt: T(40) }]);
  });

  it('not for a translation first published after the change, nor for a language no longer published', () => {
    const en = recordPublished(baseline(0), row('s', T(20), { title: 'a2', summary: 'b' }), T(20));
    expect(staleTranslations({ en, es: baseline(25) }, both)).toEqual([]);
    expect(staleTranslations({ en, es: baseline(1) }, new Set(['en']))).toEqual([]);
  });

  it('reach the history answer with the pipeline type, beside the former addresses', () => {
    const en = recordPublished(recordPublished(baseline(0), row('s', T(20), { title: 'a2', summary: 'b' }), T(20)), row('s2', T(21), { title: 'a2', summary: 'b' }), T(21));
    const answer = historyAnswer([
      { contentType: 'api::study.study', entry: 'doc1', language: 'en', record: en },
      { contentType: 'api::study.study', entry: 'doc1', language: 'es', record: baseline(1) },
      { contentType: 'api::change-feed.publication-record', entry: 'x', language: 'en', record: en },
    ]);
    expect(answer).toEqual({
      formerSlugs: [{ type: 'study', documentId: 'doc1', locale: 'en', slug: 's', retiredAt: T(21) }],
      stale: [{ type: 'study', documentId: 'doc1', locale: 'es', newerLocale: 'en', fields: ['title'], changedAt: T(20) }],
    });
  });
});

describe('former addresses', () => {
  const doc = (type: Addressed['type'], documentId: string, locale: Addressed['locale'], slug: string, url: string): Addressed => ({ type, documentId, locale, slug, url, title: `${documentId} ${locale}` });
  const docs: Addressed[] = [
    doc('study', 'S1', 'en', 'urban-mobility', '/en/studies/urban-mobility/'),
    doc('study', 'S1', 'es', 'movilidad-urbana', '/es/estudios/movilidad-urbana/'),
    doc('article', 'A2', 'en', 'shared-name', '/en/news/shared-name/'),
  ];
  const history = (formerSlugs: CmsHistory['formerSlugs']): CmsHistory => ({ formerSlugs, stale: [], overdueSchedules: [] });

  it('send a renamed document\'s old address to its address now, in each language, and a document published nowhere to 410', () => {
    const { addresses, issues } = formerAddressesOf(history([
      { type: 'study', documentId: 'S1', locale: 'en', slug: 'mobility', retiredAt: T(5) },
      { type: 'study', documentId: 'S1', locale: 'es', slug: 'movilidad', retiredAt: T(5) },
      { type: 'event', documentId: 'E9', locale: 'en', slug: 'old-event', retiredAt: T(6) },
    ]), docs, ['en', 'es']);
    expect(addresses.map(({ from, to }) => [from, to])).toEqual([
      ['/en/events/old-event/', null],
      ['/en/studies/mobility/', '/en/studies/urban-mobility/'],
      ['/es/estudios/movilidad/', '/es/estudios/movilidad-urbana/'],
    ]);
    expect(issues).toEqual([]);
  });

  it('let a live page win over any claim, and the document that gave an address up last win over the others, with a report entry', () => {
    const { addresses, issues } = formerAddressesOf(history([
      { type: 'article', documentId: 'A1', locale: 'en', slug: 'shared-name', retiredAt: T(9) },
      { type: 'study', documentId: 'S7', locale: 'en', slug: 'twice', retiredAt: T(2) },
      { type: 'study', documentId: 'S1', locale: 'en', slug: 'twice', retiredAt: T(8) },
    ]), docs, ['en', 'es']);
    expect(addresses.map(({ from, to }) => [from, to])).toEqual([['/en/studies/twice/', '/en/studies/urban-mobility/']]);
    expect(issues.map((issue) => [issue.kind, issue.documentId, issue.locale, issue.field])).toEqual([['address-conflict', 'S1', 'en', 'slug']]);
    expect(issues[0]?.message).toContain('S7');
  });

  it('never chain or loop: after A → B → A, B goes to A and A is the live page', () => {
    const live = [doc('study', 'S1', 'en', 'a', '/en/studies/a/')];
    const { addresses } = formerAddressesOf(history([
      { type: 'study', documentId: 'S1', locale: 'en', slug: 'b', retiredAt: T(9) },
      { type: 'study', documentId: 'S1', locale: 'en', slug: 'a', retiredAt: T(4) },
    ]), live, ['en']);
    const rules = parseRedirects(redirectsFile([], addresses));
    expect(redirectOf(rules, '/en/studies/b/')).toEqual({ location: '/en/studies/a/', status: 301 });
    expect(redirectOf(rules, '/en/studies/a/')).toBeNull();
  });

  it('write rules that reach the new address in one hop, the summary PDF by its new name, Spanish from the old section word too', () => {
    const { addresses } = formerAddressesOf(history([
      { type: 'study', documentId: 'S1', locale: 'es', slug: 'movilidad', retiredAt: T(5) },
      { type: 'study', documentId: 'S9', locale: 'en', slug: 'withdrawn', retiredAt: T(5) },
    ]), docs, ['en', 'es']);
    const moved = movedSectionsOf(['en', 'es']);
    const rules = parseRedirects(redirectsFile(moved, addresses));
    expect(redirectOf(rules, '/es/estudios/movilidad/')).toEqual({ location: '/es/estudios/movilidad-urbana/', status: 301 });
    expect(redirectOf(rules, '/es/studies/movilidad/')).toEqual({ location: '/es/estudios/movilidad-urbana/', status: 301 });
    expect(redirectOf(rules, '/es/estudios/movilidad/movilidad-resumen.pdf')).toEqual({ location: '/es/estudios/movilidad-urbana/movilidad-urbana-resumen.pdf', status: 301 });
    expect(redirectOf(rules, '/es/estudios/movilidad/og.png')).toEqual({ location: '/es/estudios/movilidad-urbana/og.png', status: 301 });
    expect(redirectOf(rules, '/en/studies/withdrawn/')).toEqual({ location: '/en/404.html', status: 410 });
    // The section's own rule still serves everything else.
    expect(redirectOf(rules, '/es/studies/otro/')).toEqual({ location: '/es/estudios/otro/', status: 301 });
    expect(formerAddressPagesOf(addresses, moved)).toEqual([
      { from: '/es/estudios/movilidad/', to: '/es/estudios/movilidad-urbana/', locale: 'es' },
      { from: '/es/studies/movilidad/', to: '/es/estudios/movilidad-urbana/', locale: 'es' },
    ]);
  });
});

test('a scheduled publish the CMS refused reaches the report among the documents left out, with its reason, language and field', () => {
  const issues = overdueScheduleIssues({ formerSlugs: [], stale: [], overdueSchedules: [
    { type: 'article', documentId: 'A1', locale: 'es', mode: 'publish', due: T(5), title: 'Noticia', reason: 'title must be a `string` type.' },
    { type: 'study', documentId: 'S1', locale: 'en', mode: 'unpublish', due: T(6), title: null, reason: null },
  ] });
  expect(issues.map((issue) => [issue.kind, issue.type, issue.documentId, issue.locale, issue.field])).toEqual([
    ['schedule-failed', 'article', 'A1', 'es', 'scheduledPublishAt'],
    ['schedule-failed', 'study', 'S1', 'en', 'scheduledUnpublishAt'],
  ]);
  expect(issues[0]?.message).toBe(`The scheduled publish of article "Noticia" (A1) in es, due ${T(5)}, was not carried out: title must be a \`string\` type. The site keeps its current version; fix the document and save it to try again, or empty the schedule.`);
  expect(issues[1]?.message).toContain('was not carried out (the CMS log says why)');
  expect(splitIssues(issues).leftOut).toHaveLength(2);
});

test("the server answers 410 Gone with the language's not-found page for an address whose document was unpublished", async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gone-'));
  mkdirSync(path.join(root, 'en'));
  writeFileSync(path.join(root, 'en', '404.html'), '<!doctype html><title>Not found</title><p>Page not found</p>');
  writeFileSync(path.join(root, '_redirects'), '/en/studies/withdrawn/* /en/404.html 410\n/en/studies/old/* /en/studies/new/:splat 301!\n');
  const server = await startSiteServer(root, 0);
  try {
    const gone = await fetch(`${server.url}/en/studies/withdrawn/`, { redirect: 'manual' });
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('Page not found');
    const moved = await fetch(`${server.url}/en/studies/old/?utm=x`, { redirect: 'manual' });
    expect([moved.status, moved.headers.get('location')]).toEqual([301, '/en/studies/new/?utm=x']);
  } finally {
    await server.close();
  }
});
