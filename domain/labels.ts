// Every word of the interface, in both languages: the site's templates, the feeds, the
// calendars and the PDF summaries read them. The type makes a missing translation a compile
// error; a unit test (tests/unit/labels.test.ts) makes an empty one a failing test.
import type { Locale } from './locales.js';

export interface Labels {
  languageName: string;
  skipToContent: string;
  mainNavigation: string;
  home: string;
  studies: string;
  events: string;
  news: string;
  axes: string;
  languageSwitcher: string;
  readIn: string;
  onlyAvailableIn: string;
  latestStudy: string;
  upcomingEvents: string;
  pastEvents: string;
  noUpcomingEvents: string;
  latestNews: string;
  allStudies: string;
  allEvents: string;
  allNews: string;
  edition: string;
  theme: string;
  summary: string;
  objectives: string;
  participants: string;
  citiesAndCountries: string;
  regions: string;
  participatingCities: string;
  sdgsAddressed: string;
  goodPractices: string;
  barriers: string;
  enablers: string;
  availableLanguages: string;
  fullStudy: string;
  downloadFullStudy: string;
  fullStudyNotOnline: string;
  publishedOn: string;
  date: string;
  dateToBeAnnounced: string;
  allDay: string;
  timeZone: string;
  format: string;
  formats: Record<'in_person' | 'online' | 'hybrid', string>;
  kinds: Record<'conference' | 'webinar' | 'focus_group' | 'trade_show' | 'workshop', string>;
  venue: string;
  place: string;
  description: string;
  highlights: string;
  organisers: string;
  moreInformation: string;
  register: string;
  accessibility: string;
  signLanguages: Record<string, string>;
  captions: string;
  automatedCaptions: string;
  liveCaptions: string;
  studiesOnThisAxis: string;
  noStudiesOnThisAxis: string;
  relatedStudies: string;
  relatedEvents: string;
  languageNames: Record<string, string>;
  chooseLanguage: string;
  sdg: string;
  nothingYet: string;
  subscribe: string;
  summaryPdf: string;
  downloadSummary: string;
  addToCalendar: string;
  calendarSubscribe: string;
  everything: string;
  readSummary: string;
  pageNotFound: string;
  pageNotFoundText: string;
  goHome: string;
  /** A page left at an address that moved (for hosts that cannot redirect). */
  pageMoved: string;
  pageMovedTo: string;
  /** A list's page past the first: "News, page 2 of 300". */
  pageOf: string;
  paginationOf: string;
  pageNumber: string;
  previousPage: string;
  nextPage: string;
  /** The search page's title, its button and the header's link to it. */
  search: string;
  searchDescription: string;
  /** The label of the search box. */
  searchLabel: string;
  /** What the search page says where its script cannot run, before links to the sections. */
  searchNeedsJavaScript: string;
  searching: string;
  /** Announced to screen readers and shown above the results; {query} is the reader's words. */
  searchResultsOne: string;
  searchResultsMany: string;
  searchNoResults: string;
  /** When the index cannot be loaded (an old browser, a network fault). */
  searchFailed: string;
  /** The heading of the 404 pages' search box. */
  searchTheSite: string;
  /** The button under a page of results that shows the next. */
  searchMore: string;
  cities: string;
  citiesIntro: string;
  cityIntro: string;
  sdgs: string;
  sdgsIntro: string;
  sdgIntro: string;
  /** "News of 2024", the archive of a year. */
  newsOfYear: string;
  newsYearIntro: string;
  eventsOfYear: string;
  eventsYearIntro: string;
  byYear: string;
  goodPractice: string;
  /** A topic with nothing in this language. */
  nothingOnTopic: string;
}

export const LABELS: Record<Locale, Labels> = {
  en: {
    languageName: 'English',
    skipToContent: 'Skip to main content',
    mainNavigation: 'Main navigation',
    home: 'Home',
    studies: 'Studies',
    events: 'Events',
    news: 'News',
    axes: 'Smart city axes',
    languageSwitcher: 'Language',
    readIn: 'Read in',
    onlyAvailableIn: 'Not available in',
    latestStudy: 'Latest study',
    upcomingEvents: 'Upcoming events',
    pastEvents: 'Past events',
    noUpcomingEvents: 'No upcoming events are announced yet.',
    latestNews: 'Latest news',
    allStudies: 'All studies',
    allEvents: 'All events',
    allNews: 'All news',
    edition: 'Edition',
    theme: 'Theme',
    summary: 'Summary',
    objectives: 'Objectives',
    participants: 'Participants',
    citiesAndCountries: '{cities} cities from {countries} countries',
    regions: 'Regions',
    participatingCities: 'Cities named in the study',
    sdgsAddressed: 'Sustainable Development Goals addressed',
    goodPractices: 'Good practices',
    barriers: 'Barriers',
    enablers: 'Enablers',
    availableLanguages: 'The full study is available in',
    fullStudy: 'Full study',
    downloadFullStudy: 'Download the full study',
    fullStudyNotOnline: 'The full study is not online yet.',
    publishedOn: 'Published',
    date: 'Date',
    dateToBeAnnounced: 'Date to be announced',
    allDay: 'all day',
    timeZone: 'Time zone',
    format: 'Format',
    formats: { in_person: 'In person', online: 'Online', hybrid: 'Hybrid (in person and online)' },
    kinds: { conference: 'Conference', webinar: 'Webinar', focus_group: 'Focus group', trade_show: 'Trade show', workshop: 'Workshop' },
    venue: 'Venue',
    place: 'Place',
    description: 'About',
    highlights: 'Highlights',
    organisers: 'Organisers',
    moreInformation: 'More information',
    register: 'Register',
    accessibility: 'Accessibility',
    signLanguages: { international_sign: 'International Sign interpretation', asl: 'American Sign Language interpretation', bsl: 'British Sign Language interpretation', lse: 'Spanish Sign Language interpretation', lsm: 'Mexican Sign Language interpretation' },
    captions: 'Captions',
    automatedCaptions: 'automated',
    liveCaptions: 'live',
    studiesOnThisAxis: 'Studies and news on this axis',
    noStudiesOnThisAxis: 'No published study covers this axis yet.',
    relatedStudies: 'Related studies',
    relatedEvents: 'Related events',
    languageNames: { en: 'English', es: 'Spanish', fr: 'French', pt: 'Portuguese', ar: 'Arabic', ca: 'Catalan', eu: 'Basque' },
    chooseLanguage: 'Choose your language',
    sdg: 'SDG',
    nothingYet: 'Nothing published yet.',
    subscribe: 'Subscribe',
    summaryPdf: 'Summary to download',
    downloadSummary: 'Download the summary',
    addToCalendar: 'Add to your calendar (.ics)',
    calendarSubscribe: 'All events in your calendar (iCalendar)',
    everything: 'Everything',
    readSummary: 'Read it in the browser',
    pageNotFound: 'Page not found',
    pageNotFoundText: 'There is no page at this address. It may have moved or been taken down; these lead on:',
    goHome: 'Home page',
    pageMoved: 'This page has moved',
    pageMovedTo: 'Go to its new address',
    pageOf: '{title}, page {n} of {total}',
    paginationOf: 'Pages of {title}',
    pageNumber: 'Page {n}',
    previousPage: 'Previous page',
    nextPage: 'Next page',
    search: 'Search',
    searchDescription: 'Search the studies, events, news and smart city axes of the site.',
    searchLabel: 'Words to look for',
    searchNeedsJavaScript: 'Search needs JavaScript, which is turned off or blocked in this browser. You can browse the sections instead:',
    searching: 'Searching…',
    searchResultsOne: '1 result for “{query}”',
    searchResultsMany: '{count} results for “{query}”',
    searchNoResults: 'No results for “{query}”. Try other words, or browse the sections.',
    searchFailed: 'Search is not available right now. You can browse the sections instead.',
    searchTheSite: 'Search the site',
    searchMore: 'Show more results',
    cities: 'Cities',
    citiesIntro: 'The cities named in studies, events and good practices.',
    cityIntro: 'Studies, events, news and good practices linked to {name}, newest first.',
    sdgs: 'Sustainable Development Goals',
    sdgsIntro: 'The goals that studies and good practices address.',
    sdgIntro: 'Studies, news and good practices that address this goal, newest first.',
    newsOfYear: 'News of {year}',
    newsYearIntro: 'News items dated {year}, newest first.',
    eventsOfYear: 'Events of {year}',
    eventsYearIntro: 'Events that start in {year}, latest first.',
    byYear: 'By year',
    goodPractice: 'Good practice',
    nothingOnTopic: 'Nothing published in English is linked to this yet.',
  },
  es: {
    languageName: 'Español',
    skipToContent: 'Saltar al contenido principal',
    mainNavigation: 'Navegación principal',
    home: 'Inicio',
    studies: 'Estudios',
    events: 'Eventos',
    news: 'Noticias',
    axes: 'Ejes de la ciudad inteligente',
    languageSwitcher: 'Idioma',
    readIn: 'Leer en',
    onlyAvailableIn: 'No disponible en',
    latestStudy: 'Último estudio',
    upcomingEvents: 'Próximos eventos',
    pastEvents: 'Eventos pasados',
    noUpcomingEvents: 'Todavía no hay próximos eventos anunciados.',
    latestNews: 'Últimas noticias',
    allStudies: 'Todos los estudios',
    allEvents: 'Todos los eventos',
    allNews: 'Todas las noticias',
    edition: 'Edición',
    theme: 'Tema',
    summary: 'Resumen',
    objectives: 'Objetivos',
    participants: 'Participación',
    citiesAndCountries: '{cities} ciudades de {countries} países',
    regions: 'Regiones',
    participatingCities: 'Ciudades mencionadas en el estudio',
    sdgsAddressed: 'Objetivos de Desarrollo Sostenible abordados',
    goodPractices: 'Buenas prácticas',
    barriers: 'Barreras',
    enablers: 'Facilitadores',
    availableLanguages: 'El estudio completo está disponible en',
    fullStudy: 'Estudio completo',
    downloadFullStudy: 'Descargar el estudio completo',
    fullStudyNotOnline: 'El estudio completo todavía no está en línea.',
    publishedOn: 'Publicado',
    date: 'Fecha',
    dateToBeAnnounced: 'Fecha por anunciar',
    allDay: 'todo el día',
    timeZone: 'Zona horaria',
    format: 'Formato',
    formats: { in_person: 'Presencial', online: 'En línea', hybrid: 'Híbrido (presencial y en línea)' },
    kinds: { conference: 'Congreso', webinar: 'Seminario web', focus_group: 'Grupo focal', trade_show: 'Feria', workshop: 'Taller' },
    venue: 'Sede',
    place: 'Lugar',
    description: 'Acerca del evento',
    highlights: 'Lo más destacado',
    organisers: 'Organizan',
    moreInformation: 'Más información',
    register: 'Inscribirse',
    accessibility: 'Accesibilidad',
    signLanguages: { international_sign: 'Interpretación al Sistema de Signos Internacional', asl: 'Interpretación a la lengua de signos americana', bsl: 'Interpretación a la lengua de signos británica', lse: 'Interpretación a la lengua de signos española', lsm: 'Interpretación a la lengua de señas mexicana' },
    captions: 'Subtítulos',
    automatedCaptions: 'automáticos',
    liveCaptions: 'en directo',
    studiesOnThisAxis: 'Estudios y noticias sobre este eje',
    noStudiesOnThisAxis: 'Todavía no hay ningún estudio publicado sobre este eje.',
    relatedStudies: 'Estudios relacionados',
    relatedEvents: 'Eventos relacionados',
    languageNames: { en: 'inglés', es: 'español', fr: 'francés', pt: 'portugués', ar: 'árabe', ca: 'catalán', eu: 'euskera' },
    chooseLanguage: 'Elige tu idioma',
    sdg: 'ODS',
    nothingYet: 'Todavía no hay nada publicado.',
    subscribe: 'Suscríbete',
    summaryPdf: 'Resumen para descargar',
    downloadSummary: 'Descargar el resumen',
    addToCalendar: 'Añadir a tu calendario (.ics)',
    calendarSubscribe: 'Todos los eventos en tu calendario (iCalendar)',
    everything: 'Todo',
    readSummary: 'Leerlo en el navegador',
    pageNotFound: 'Página no encontrada',
    pageNotFoundText: 'No hay ninguna página en esta dirección. Puede que se haya movido o retirado; desde aquí puedes seguir:',
    goHome: 'Página de inicio',
    pageMoved: 'Esta página se ha trasladado',
    pageMovedTo: 'Ir a su nueva dirección',
    pageOf: '{title}, página {n} de {total}',
    paginationOf: 'Páginas de {title}',
    pageNumber: 'Página {n}',
    previousPage: 'Página anterior',
    nextPage: 'Página siguiente',
    search: 'Buscar',
    searchDescription: 'Busca en los estudios, eventos, noticias y ejes de la ciudad inteligente del sitio.',
    searchLabel: 'Palabras que buscar',
    searchNeedsJavaScript: 'La búsqueda necesita JavaScript, que está desactivado o bloqueado en este navegador. Puedes recorrer las secciones:',
    searching: 'Buscando…',
    searchResultsOne: '1 resultado para «{query}»',
    searchResultsMany: '{count} resultados para «{query}»',
    searchNoResults: 'No hay resultados para «{query}». Prueba con otras palabras o recorre las secciones.',
    searchFailed: 'La búsqueda no está disponible ahora. Puedes recorrer las secciones.',
    searchTheSite: 'Buscar en el sitio',
    searchMore: 'Mostrar más resultados',
    cities: 'Ciudades',
    citiesIntro: 'Las ciudades que aparecen en estudios, eventos y buenas prácticas.',
    cityIntro: 'Estudios, eventos, noticias y buenas prácticas relacionados con {name}, de lo más reciente a lo más antiguo.',
    sdgs: 'Objetivos de Desarrollo Sostenible',
    sdgsIntro: 'Los objetivos que abordan los estudios y las buenas prácticas.',
    sdgIntro: 'Estudios, noticias y buenas prácticas que abordan este objetivo, de lo más reciente a lo más antiguo.',
    newsOfYear: 'Noticias de {year}',
    newsYearIntro: 'Noticias fechadas en {year}, de la más reciente a la más antigua.',
    eventsOfYear: 'Eventos de {year}',
    eventsYearIntro: 'Eventos que empiezan en {year}, del más tardío al más temprano.',
    byYear: 'Por año',
    goodPractice: 'Buena práctica',
    nothingOnTopic: 'Todavía no hay nada publicado en español relacionado con esto.',
  },
};
