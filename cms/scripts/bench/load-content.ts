// `npm run bench` step 1: grows the benchmark's database to BENCH_DOCUMENTS synthetic
// documents, each in English and Spanish, on top of the sample content. Strapi is loaded
// in-process (no HTTP server) and documents go in through its document service, as an
// editor's would, in transactions of a few hundred. A marker in Strapi's store records how
// many are in, so growing 2,000 to 10,000 adds only the 8,000 new ones.
import path from 'node:path';
import { compileStrapi, createStrapi, type Core } from '@strapi/strapi';
import { toStrapiBlocks, toTextItems } from '../../src/seed/blocks';
import { uploadCover } from '../../src/seed/covers';
import type { Locale } from '../../src/seed/types';
import { ensureLocalSecrets } from '../local-env';
import { syntheticDocument, type SyntheticDocument } from './synthetic-content';

const appDir = path.resolve(__dirname, '..', '..');
const MARKER = { type: 'core', name: 'bench-content', key: 'documents' } as const;
const BATCH = 250;
const COVER_POOL = 12;
const PALETTES: [string, string][] = [['#0b4f6c', '#01baef'], ['#5b2a86', '#9a48d0'], ['#1b512d', '#4f9d69'], ['#7a1e1e', '#d1495b'], ['#3d405b', '#81b29a'], ['#264653', '#e76f51']];

type Uid = 'api::study.study' | 'api::event.event' | 'api::article.article' | 'api::axis.axis' | 'api::sdg.sdg' | 'api::city.city';
interface Repository {
  create(params: { locale: Locale; data: Record<string, unknown>; status: 'published' }): Promise<{ documentId: string }>;
  update(params: { documentId: string; locale: Locale; data: Record<string, unknown>; status: 'published' }): Promise<unknown>;
  findMany(params: Record<string, unknown>): Promise<{ documentId: string }[]>;
}
// The generated types refuse a sort on documentId and a slug filter on a union of types, both
// of which Strapi answers; the few calls made here are described above instead.
const repo = (strapi: Core.Strapi, uid: Uid): Repository => strapi.documents(uid as never) as unknown as Repository;

const UID: Record<SyntheticDocument['kind'], Uid> = { study: 'api::study.study', event: 'api::event.event', article: 'api::article.article' };

interface Pools {
  axes: string[];
  sdgs: string[];
  cities: string[];
  covers: number[];
}

const documentIds = async (strapi: Core.Strapi, uid: Uid): Promise<string[]> =>
  (await repo(strapi, uid).findMany({ locale: 'en', status: 'published', fields: ['documentId'], sort: 'documentId', limit: 1000 })).map((d) => d.documentId);

const coverPool = async (strapi: Core.Strapi): Promise<number[]> => {
  const ids: number[] = [];
  for (let i = 0; i < COVER_POOL; i += 1) {
    const name = `bench-cover-${i}.png`;
    const existing = (await strapi.db.query('plugin::upload.file').findOne({ where: { name } })) as { id: number } | null;
    ids.push(existing ? existing.id : await uploadCover(strapi, `bench-cover-${i}`, { label: `${i + 1}`, palette: PALETTES[i % PALETTES.length] as [string, string] }, `Synthetic cover ${i + 1}`));
  }
  return ids;
};

/** The document a bench document links to, by its index: found by its English slug. */
const bySlug = async (strapi: Core.Strapi, uid: Uid, slug: string): Promise<string | null> =>
  (await repo(strapi, uid).findMany({ locale: 'en', status: 'published', filters: { slug }, fields: ['documentId'], limit: 1 }))[0]?.documentId ?? null;

const take = <T,>(pool: T[], start: number, count: number): T[] => Array.from({ length: Math.min(count, pool.length) }, (_, k) => pool[(start + k) % pool.length] as T);

const fieldsOf = async (strapi: Core.Strapi, doc: SyntheticDocument, pools: Pools): Promise<{ shared: Record<string, unknown>; localized: Record<Locale, Record<string, unknown>> }> => {
  const cover = pools.covers[doc.index % pools.covers.length];
  if (doc.kind === 'study') {
    const s = doc.shared;
    return {
      shared: {
        edition: s.edition, year: s.year, publicationDate: s.publicationDate, cityCount: s.cityCount, countryCount: s.countryCount, cover,
        availableLanguages: s.languages.map((code) => ({ code })),
        axes: take(pools.axes, doc.index, s.axisCount), sdgs: take(pools.sdgs, doc.index, s.sdgCount), cities: take(pools.cities, doc.index, s.cityLinks),
      },
      localized: {
        en: { ...doc.localized.en, summary: toStrapiBlocks(doc.localized.en.summary), objectives: toTextItems(doc.localized.en.objectives), barriers: toTextItems(doc.localized.en.barriers), enablers: toTextItems(doc.localized.en.enablers) },
        es: { ...doc.localized.es, summary: toStrapiBlocks(doc.localized.es.summary), objectives: toTextItems(doc.localized.es.objectives), barriers: toTextItems(doc.localized.es.barriers), enablers: toTextItems(doc.localized.es.enablers) },
      },
    };
  }
  if (doc.kind === 'event') {
    const e = doc.shared;
    return {
      shared: {
        kind: e.kind, startDate: e.startDate, endDate: e.endDate, startTime: e.startTime, endTime: e.endTime, timeZone: 'Europe/Madrid', format: e.format, cover,
        city: e.hasCity ? pools.cities[doc.index % pools.cities.length] : null,
        accessibility: { signLanguage: e.captions.length > 0 ? 'lse' : null, captions: e.captions.map((language) => ({ language, automated: false })) },
      },
      localized: {
        en: { ...doc.localized.en, description: toStrapiBlocks(doc.localized.en.description), highlights: toTextItems(doc.localized.en.highlights), organisers: toTextItems(doc.localized.en.organisers) },
        es: { ...doc.localized.es, description: toStrapiBlocks(doc.localized.es.description), highlights: toTextItems(doc.localized.es.highlights), organisers: toTextItems(doc.localized.es.organisers) },
      },
    };
  }
  // News links back to the study and the event of its own group of ten, when they exist.
  const group = doc.index - (doc.index % 10);
  const study = doc.shared.linksStudy ? await bySlug(strapi, 'api::study.study', syntheticDocument(group).localized.en.slug) : null;
  const event = doc.shared.linksEvent ? await bySlug(strapi, 'api::event.event', syntheticDocument(group + 1).localized.en.slug) : null;
  return {
    shared: { date: doc.shared.date, cover, studies: study ? [study] : [], events: event ? [event] : [] },
    localized: {
      en: { ...doc.localized.en, body: toStrapiBlocks(doc.localized.en.body) },
      es: { ...doc.localized.es, body: toStrapiBlocks(doc.localized.es.body) },
    },
  };
};

const createDocument = async (strapi: Core.Strapi, doc: SyntheticDocument, pools: Pools): Promise<void> => {
  const { shared, localized } = await fieldsOf(strapi, doc, pools);
  const repository = repo(strapi, UID[doc.kind]);
  const { documentId } = await repository.create({ locale: 'en', data: { ...shared, ...localized.en }, status: 'published' });
  await repository.update({ documentId, locale: 'es', data: { ...shared, ...localized.es }, status: 'published' });
};

const main = async (): Promise<void> => {
  const target = Number(process.env.BENCH_DOCUMENTS);
  if (!Number.isInteger(target) || target < 0) throw new Error(`BENCH_DOCUMENTS must be a whole number, got "${process.env.BENCH_DOCUMENTS}"`);
  ensureLocalSecrets(path.join(appDir, '.env'));
  process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';
  const { distDir } = await compileStrapi({ appDir });
  const strapi = await createStrapi({ appDir, distDir }).load();
  strapi.log.level = 'warn';
  try {
    const marker = strapi.store(MARKER);
    const loaded = Number((await marker.get({})) ?? 0);
    if (loaded > target) throw new Error(`The benchmark database already holds ${loaded} synthetic documents, more than ${target}; point DATABASE_FILENAME at a new file`);
    const pools: Pools = { axes: await documentIds(strapi, 'api::axis.axis'), sdgs: await documentIds(strapi, 'api::sdg.sdg'), cities: await documentIds(strapi, 'api::city.city'), covers: await coverPool(strapi) };
    const started = Date.now();
    for (let from = loaded; from < target; from += BATCH) {
      const to = Math.min(target, from + BATCH);
      await strapi.db.transaction(async () => {
        for (let index = from; index < to; index += 1) await createDocument(strapi, syntheticDocument(index), pools);
        await marker.set({ value: to });
      });
      process.stdout.write(`bench content: ${to}/${target} documents (${Math.round((Date.now() - started) / 1000)} s)\n`);
    }
  } finally {
    await strapi.destroy();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
