// Synthetic bilingual content for the benchmark: document i is always the same whatever N
// is, so a database grown from 500 to 10,000 documents holds what one made at 10,000 would.
// Text lengths follow the sample content (a study summary of a few paragraphs, a news body of
// 400–700 words) and the Spanish side carries accents, ñ and ¿¡ so that fonts and escaping
// are exercised as real content does.
import type { Locale, Localized, SeedBlock } from '../../src/seed/types';

export type SyntheticKind = 'study' | 'event' | 'article';

/** One in ten documents is a study, three are events, six are news. */
const kindOf = (index: number): SyntheticKind => {
  const slot = index % 10;
  if (slot === 0) return 'study';
  return slot <= 3 ? 'event' : 'article';
};

/** mulberry32: a small seeded generator, so document i gets the same words every time. */
const random = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const WORDS: Localized<string[]> = {
  en: [
    'city', 'citizens', 'participation', 'mobility', 'energy', 'data', 'platform', 'services', 'digital', 'public', 'network', 'innovation', 'sustainable',
    'governance', 'accessibility', 'climate', 'housing', 'transport', 'resilience', 'neighbourhood', 'open', 'sensors', 'budget', 'strategy', 'council',
    'procurement', 'inclusion', 'water', 'waste', 'tourism', 'heritage', 'education', 'health', 'skills', 'broadband', 'interoperability', 'pilot', 'results',
  ],
  es: [
    'ciudad', 'ciudadanía', 'participación', 'movilidad', 'energía', 'datos', 'plataforma', 'servicios', 'digital', 'pública', 'red', 'innovación', 'sostenible',
    'gobernanza', 'accesibilidad', 'clima', 'vivienda', 'transporte', 'resiliencia', 'barrio', 'abierto', 'sensores', 'presupuesto', 'estrategia', 'ayuntamiento',
    'contratación', 'inclusión', 'agua', 'residuos', 'turismo', 'patrimonio', 'educación', 'salud', 'formación', 'año', 'señalización', 'piloto', 'resultados',
  ],
};

const QUESTIONS: Localized<string> = { en: 'What did the cities learn?', es: '¿Qué aprendieron las ciudades?' };
const HEADINGS: Localized<string[]> = {
  en: ['Background', 'What was done', 'Results', 'Next steps', 'Lessons learnt'],
  es: ['Contexto', 'Qué se hizo', 'Resultados', 'Próximos pasos', 'Lecciones aprendidas'],
};
const TOPICS: Localized<string[]> = {
  en: ['Smart mobility', 'Open data', 'Digital inclusion', 'Energy transition', 'Citizen participation', 'Urban resilience', 'Accessible services', 'Circular economy'],
  es: ['Movilidad inteligente', 'Datos abiertos', 'Inclusión digital', 'Transición energética', 'Participación ciudadana', 'Resiliencia urbana', 'Servicios accesibles', 'Economía circular'],
};
const NEWS_VERBS: Localized<string[]> = {
  en: ['launches', 'presents', 'shares', 'reviews', 'announces', 'opens'],
  es: ['lanza', 'presenta', 'comparte', 'revisa', 'anuncia', 'abre'],
};
const PLACES = ['Bilbao', 'A Coruña', 'Logroño', 'Málaga', 'Córdoba', 'València', 'Cádiz', 'León', 'Ávila', 'Castelló'];
const EVENT_KINDS = ['conference', 'webinar', 'focus_group', 'trade_show', 'workshop'] as const;
const EVENT_FORMATS = ['in_person', 'online', 'hybrid'] as const;
const LANGUAGE_CODES = ['en', 'es', 'fr', 'pt', 'ca', 'eu'] as const;

interface Words {
  pick<T>(list: readonly T[]): T;
  int(min: number, max: number): number;
  sentence(locale: Locale, words: number): string;
  paragraph(locale: Locale, sentences: number): string;
}

const wordsFor = (seed: number): Words => {
  const next = random(seed);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const sentence = (locale: Locale, count: number): string => {
    const words = Array.from({ length: count }, () => pick(WORDS[locale]));
    const text = words.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = (locale: Locale, sentences: number): string => Array.from({ length: sentences }, () => sentence(locale, int(8, 18))).join(' ');
  return { pick, int, sentence, paragraph };
};

const pad = (index: number): string => String(index).padStart(5, '0');
const isoDate = (day: number): string => new Date(Date.UTC(2015, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

/** A body of headed sections, with a list and a question now and then. */
const body = (w: Words, locale: Locale, sections: number, seedKey: number): SeedBlock[] => {
  const blocks: SeedBlock[] = [];
  for (let s = 0; s < sections; s += 1) {
    blocks.push({ heading: HEADINGS[locale][(s + seedKey) % HEADINGS[locale].length] as string });
    blocks.push(w.paragraph(locale, w.int(3, 6)));
    if (s % 2 === 1) blocks.push({ list: Array.from({ length: w.int(3, 5) }, () => w.sentence(locale, w.int(4, 9))) });
  }
  blocks.push(`${QUESTIONS[locale]} ${w.paragraph(locale, 2)}`);
  return blocks;
};

const items = (w: Words, locale: Locale, count: number): string[] => Array.from({ length: count }, () => w.sentence(locale, w.int(6, 14)));

export interface SyntheticStudy {
  kind: 'study';
  index: number;
  shared: { edition: number; year: number; publicationDate: string; cityCount: number; countryCount: number; languages: string[]; axisCount: number; sdgCount: number; cityLinks: number };
  localized: Localized<{ title: string; slug: string; theme: string; regions: string; coverAlt: string; summary: SeedBlock[]; objectives: string[]; barriers: string[]; enablers: string[] }>;
}

export interface SyntheticEvent {
  kind: 'event';
  index: number;
  shared: { kind: (typeof EVENT_KINDS)[number]; startDate: string | null; endDate: string | null; startTime: string | null; endTime: string | null; format: (typeof EVENT_FORMATS)[number]; hasCity: boolean; captions: string[] };
  localized: Localized<{ title: string; slug: string; venue: string; coverAlt: string; description: SeedBlock[]; highlights: string[]; organisers: string[] }>;
}

export interface SyntheticArticle {
  kind: 'article';
  index: number;
  shared: { date: string; linksStudy: boolean; linksEvent: boolean };
  localized: Localized<{ title: string; slug: string; excerpt: string; coverAlt: string; body: SeedBlock[] }>;
}

export type SyntheticDocument = SyntheticStudy | SyntheticEvent | SyntheticArticle;

const both = <T,>(make: (locale: Locale) => T): Localized<T> => ({ en: make('en'), es: make('es') });

export const syntheticDocument = (index: number): SyntheticDocument => {
  const kind = kindOf(index);
  const w = wordsFor(index * 7919 + 17);
  const topic = (locale: Locale): string => TOPICS[locale][index % TOPICS.en.length] as string;
  const place = PLACES[index % PLACES.length] as string;
  if (kind === 'study') {
    const year = 2015 + (index % 12);
    return {
      kind, index,
      shared: { edition: 1 + Math.floor(index / 10), year, publicationDate: `${year}-${String(1 + (index % 12)).padStart(2, '0')}-15`, cityCount: w.int(5, 60), countryCount: w.int(1, 12), languages: LANGUAGE_CODES.slice(0, w.int(1, 4)), axisCount: w.int(1, 3), sdgCount: w.int(2, 6), cityLinks: w.int(1, 3) },
      localized: both((locale) => ({
        title: locale === 'en' ? `${topic('en')} in ${place}: study ${index}` : `${topic('es')} en ${place}: estudio ${index}`,
        slug: `bench-${locale === 'en' ? 'study' : 'estudio'}-${pad(index)}`,
        theme: w.sentence(locale, w.int(10, 20)),
        regions: locale === 'en' ? 'Europe, Latin America' : 'Europa, América Latina',
        coverAlt: locale === 'en' ? `Cover of the study on ${topic('en').toLowerCase()}` : `Portada del estudio sobre ${topic('es').toLowerCase()}`,
        summary: body(w, locale, 3, index),
        objectives: items(w, locale, w.int(3, 6)),
        barriers: items(w, locale, w.int(2, 5)),
        enablers: items(w, locale, w.int(2, 5)),
      })),
    };
  }
  if (kind === 'event') {
    // Spread over 2018–2028 so every run has past and upcoming events; one in twenty is undated.
    const day = 1100 + ((index * 37) % 3900);
    const dated = index % 20 !== 1;
    const startHour = w.int(9, 16);
    return {
      kind, index,
      shared: {
        kind: w.pick(EVENT_KINDS), startDate: dated ? isoDate(day) : null, endDate: dated && index % 7 === 0 ? isoDate(day + 1) : null,
        startTime: dated ? `${String(startHour).padStart(2, '0')}:00:00.000` : null, endTime: dated ? `${String(startHour + 2).padStart(2, '0')}:30:00.000` : null,
        format: w.pick(EVENT_FORMATS), hasCity: index % 3 !== 0, captions: index % 4 === 0 ? ['en', 'es'] : [],
      },
      localized: both((locale) => ({
        title: locale === 'en' ? `${topic('en')} workshop in ${place} ${index}` : `Taller de ${topic('es').toLowerCase()} en ${place} ${index}`,
        slug: `bench-${locale === 'en' ? 'event' : 'evento'}-${pad(index)}`,
        venue: locale === 'en' ? `Town hall of ${place}` : `Ayuntamiento de ${place}`,
        coverAlt: locale === 'en' ? `Poster of the event in ${place}` : `Cartel del evento en ${place}`,
        description: body(w, locale, 2, index),
        highlights: items(w, locale, w.int(2, 4)),
        organisers: [locale === 'en' ? `City council of ${place}` : `Ayuntamiento de ${place}`],
      })),
    };
  }
  return {
    kind, index,
    shared: { date: isoDate((index * 13) % 4300), linksStudy: index % 5 === 0, linksEvent: index % 7 === 0 },
    localized: both((locale) => ({
      title: `${place} ${w.pick(NEWS_VERBS[locale])} ${topic(locale).toLowerCase()} ${index}`,
      slug: `bench-${locale === 'en' ? 'news' : 'noticia'}-${pad(index)}`,
      // Excerpts are at most 300 characters in the CMS.
      excerpt: `${w.sentence(locale, w.int(12, 20))} ${w.sentence(locale, 8)}`.slice(0, 300),
      coverAlt: locale === 'en' ? `Photo from ${place}` : `Foto de ${place}`,
      body: body(w, locale, w.int(4, 6), index),
    })),
  };
};
