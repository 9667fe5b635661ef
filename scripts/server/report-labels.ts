// Every word of the build report page and of the report's refusals, in both languages, as
// domain/labels.ts does for the site: the type makes a missing translation a compile error,
// and tests/unit/report-page.test.ts makes an empty one a failing test. `{name}` marks what
// the page fills in.
import type { Locale } from '../../domain/locales.js';
import type { TriggerKind } from '../publish/build-history.js';

/** Why a build failed, as an editor can act on it; from the pipeline's error kinds (report-page failureKindOf). */
export type FailureKind = 'cms-unreachable' | 'cms-refused' | 'cms-answer' | 'no-language' | 'verification' | 'search-index' | 'publish' | 'images' | 'pdf' | 'configuration' | 'unexpected';

export interface ReportLabels {
  title: string;
  languageSwitch: string;
  noBuild: string;
  /** "{status}", "{time}", "{duration}": markup the page makes. */
  lastBuild: string;
  published: string;
  failed: string;
  siteUnchanged: string;
  /** After a failed build the server started (not one run by hand): it retries by itself. */
  retriedBySelf: string;
  technicalDetails: string;
  totals: string;
  /** The deploy of this release to the object store, when DEPLOY_TARGET is set. */
  deployed: string;
  deployFailed: string;
  none: string;
  takenDown: string;
  pagesChanged: string;
  feedsChanged: string;
  calendarsChanged: string;
  pdfsChanged: string;
  leftOut: string;
  missingTranslations: string;
  links: string;
  imagesWithoutAlt: string;
  controlCharacters: string;
  otherWarnings: string;
  staleTranslations: string;
  /** A link to a document's edit view in the admin: "{language}" the version to edit. */
  editInAdmin: string;
  recentBuilds: string;
  recentBuildsIntro: string;
  historyUnavailable: string;
  /** A build's table: "{time}" its start, "{status}" published or failed. */
  buildCaption: string;
  trigger: string;
  started: string;
  duration: string;
  status: string;
  changes: string;
  problems: string;
  failure: string;
  nothingPublished: string;
  nothingChanged: string;
  /** Counts of what a build wrote. */
  changeCounts: { pages: string; feeds: string; calendars: string; pdfs: string; images: string; other: string };
  /** "{leftOut}", "{missing}", "{warnings}". */
  problemCounts: string;
  noProblems: string;
  /** The first documents left out (a build lists at most so many). */
  firstOf: string;
  triggers: Record<TriggerKind, string>;
  /** After a webhook trigger: what the CMS said happened, and to which documents. */
  events: string;
  eventNames: Record<string, string>;
  documents: string;
  scheduleNames: Record<string, string>;
  /** "{trigger}": what set off the build that failed. */
  retryOf: string;
  failures: Record<FailureKind, string>;
  /** Refusals of /_report/ (plain text). */
  needsAccess: string;
  linkExpired: string;
  linkInvalid: string;
  sessionInvalid: string;
  /** The page that loads the report again from its own site (report-access: cookie-withheld). */
  opening: string;
  openReport: string;
  /** Durations: "{n} s", "{m} min {s} s". */
  seconds: string;
  minutes: string;
}

export const REPORT_LABELS: Record<Locale, ReportLabels> = {
  en: {
    title: 'Build report',
    languageSwitch: 'Language',
    noBuild: 'No build has run yet.',
    lastBuild: 'Last build: {status} at {time}, in {duration}.',
    published: 'published',
    failed: 'failed',
    siteUnchanged: 'The site keeps its previous version until a build succeeds.',
    retriedBySelf: 'The server tries again by itself, waiting longer after each failure.',
    technicalDetails: 'Technical details',
    totals: 'Pages: {pages}. Files: {files}. Requests to the CMS: {requests}.',
    deployed: 'Copied to {target} on {time}, in {duration}: {uploaded} files uploaded, {unchanged} unchanged, {deleted} deleted.',
    deployFailed: 'Copying it to {target} on {time} failed: {error} Readers there still see the previous version, whole; the next build copies again.',
    none: 'None.',
    takenDown: 'Unpublished pages taken off the site anyway',
    pagesChanged: 'Pages changed',
    feedsChanged: 'Feeds changed',
    calendarsChanged: 'Calendars changed',
    pdfsChanged: 'PDFs changed',
    leftOut: 'Documents left out',
    missingTranslations: 'Missing translations',
    links: 'Broken or unsafe links',
    imagesWithoutAlt: 'Images without alternative text',
    controlCharacters: 'Invisible control characters removed from text',
    otherWarnings: 'Other warnings',
    staleTranslations: 'Translations that may be out of date',
    editInAdmin: 'Edit the {language} version in the admin',
    recentBuilds: 'Recent builds',
    recentBuildsIntro: 'The newest first: what set each build off, how long it took, what it changed and, if it failed, why.',
    historyUnavailable: 'No earlier builds are recorded.',
    buildCaption: 'Build started {time}: {status}',
    trigger: 'Set off by',
    started: 'Started',
    duration: 'Duration',
    status: 'Result',
    changes: 'Changed',
    problems: 'Needs fixing',
    failure: 'Why it failed',
    nothingPublished: 'Nothing was published.',
    nothingChanged: 'Nothing changed.',
    changeCounts: { pages: 'Pages: {n}', feeds: 'Feeds: {n}', calendars: 'Calendars: {n}', pdfs: 'PDFs: {n}', images: 'Images: {n}', other: 'Other files: {n}' },
    problemCounts: 'Documents left out: {leftOut}. Missing translations: {missing}. Warnings: {warnings}.',
    noProblems: 'Nothing.',
    firstOf: 'The first {shown} of {count}:',
    triggers: {
      manual: 'Started by hand (a build run from the command line, or the first when the server starts)',
      webhook: 'Changes in the CMS',
      schedule: 'A scheduled moment',
      periodic: 'The regular full rebuild (it catches anything a notification from the CMS missed)',
      'search-index': 'Updating the search index after recent publishing',
      retry: 'Trying again after a failed build',
    },
    events: 'What happened',
    eventNames: {
      'entry.create': 'a document was created',
      'entry.update': 'a document was saved',
      'entry.publish': 'a document was published',
      'entry.unpublish': 'a document was unpublished',
      'entry.delete': 'a document was deleted',
      'entry.draft-discard': 'a draft was discarded',
      'media.create': 'a media file was uploaded',
      'media.update': 'a media file was changed',
      'media.delete': 'a media file was deleted',
    },
    documents: 'Documents',
    scheduleNames: { 'event-ended': 'an event ended (it moves from upcoming to past)', publish: 'a scheduled publication', unpublish: 'a scheduled unpublication' },
    retryOf: 'The build that failed was set off by: {trigger}',
    failures: {
      'cms-unreachable': 'The pipeline could not reach the CMS (it may be down or restarting).',
      'cms-refused': "The CMS refused the pipeline's access token. The site's administrator needs to check the API token the pipeline uses.",
      'cms-answer': 'The CMS answered with an error, or with something the pipeline could not read. If it keeps failing, tell the site\'s administrator.',
      'no-language': 'No language can be published: publish the site settings (Content Manager → Site settings) in at least one language.',
      verification: 'The new version of the site failed its final checks (for example a link between pages that leads nowhere), so it was not put online.',
      'search-index': 'The search index could not be made, so the new version was not put online.',
      publish: 'Writing the new version of the site to disk failed (the disk may be full).',
      images: 'An image could not be processed.',
      pdf: 'A PDF summary could not be made.',
      configuration: "The pipeline's settings are not valid. The site's administrator needs to correct them.",
      unexpected: 'An unexpected error in the pipeline stopped the build. A developer needs to look at the technical details.',
    },
    needsAccess: 'The build report opens from the admin: sign in and choose "Build report". Scripts send REPORT_SECRET as a bearer token or as the password of this prompt.',
    linkExpired: 'This link to the build report has expired: open the report again from the admin, which makes a fresh link for you.',
    linkInvalid: 'This link to the build report is not valid: open the report again from the admin, which makes a fresh link for you.',
    sessionInvalid: 'Your access to the build report is not valid any more: open the report again from the admin.',
    opening: 'Opening the build report…',
    openReport: 'Open the build report',
    seconds: '{s} s',
    minutes: '{m} min {s} s',
  },
  es: {
    title: 'Informe de publicación',
    languageSwitch: 'Idioma',
    noBuild: 'Todavía no se ha actualizado el sitio.',
    lastBuild: 'Última actualización: {status} el {time}, en {duration}.',
    published: 'publicada',
    failed: 'fallida',
    siteUnchanged: 'El sitio conserva su versión anterior hasta que una actualización salga bien.',
    retriedBySelf: 'El servidor vuelve a intentarlo solo, esperando algo más tras cada fallo.',
    technicalDetails: 'Detalles técnicos',
    totals: 'Páginas: {pages}. Archivos: {files}. Peticiones al CMS: {requests}.',
    deployed: 'Copiado a {target} el {time}, en {duration}: {uploaded} archivos subidos, {unchanged} sin cambios, {deleted} borrados.',
    deployFailed: 'La copia a {target} falló el {time}: {error} Allí los lectores siguen viendo la versión anterior, completa; la próxima compilación vuelve a copiar.',
    none: 'Nada.',
    takenDown: 'Páginas despublicadas retiradas del sitio de todos modos',
    pagesChanged: 'Páginas cambiadas',
    feedsChanged: 'Fuentes de noticias (RSS) cambiadas',
    calendarsChanged: 'Calendarios cambiados',
    pdfsChanged: 'PDF cambiados',
    leftOut: 'Documentos que no se publicaron',
    missingTranslations: 'Traducciones que faltan',
    links: 'Enlaces rotos o inseguros',
    imagesWithoutAlt: 'Imágenes sin texto alternativo',
    controlCharacters: 'Caracteres de control invisibles eliminados del texto',
    otherWarnings: 'Otros avisos',
    staleTranslations: 'Traducciones que pueden estar desactualizadas',
    editInAdmin: 'Editar la versión en {language} en el administrador',
    recentBuilds: 'Últimas actualizaciones',
    recentBuildsIntro: 'De la más reciente a la más antigua: qué puso en marcha cada actualización, cuánto duró, qué cambió y, si falló, por qué.',
    historyUnavailable: 'No hay actualizaciones anteriores registradas.',
    buildCaption: 'Actualización iniciada el {time}: {status}',
    trigger: 'Origen',
    started: 'Inicio',
    duration: 'Duración',
    status: 'Resultado',
    changes: 'Cambios',
    problems: 'Por corregir',
    failure: 'Por qué falló',
    nothingPublished: 'No se publicó nada.',
    nothingChanged: 'No cambió nada.',
    changeCounts: { pages: 'Páginas: {n}', feeds: 'Fuentes: {n}', calendars: 'Calendarios: {n}', pdfs: 'PDF: {n}', images: 'Imágenes: {n}', other: 'Otros archivos: {n}' },
    problemCounts: 'Documentos que no se publicaron: {leftOut}. Traducciones que faltan: {missing}. Avisos: {warnings}.',
    noProblems: 'Nada.',
    firstOf: 'Los {shown} primeros de {count}:',
    triggers: {
      manual: 'Iniciada a mano (desde la línea de órdenes, o la primera al arrancar el servidor)',
      webhook: 'Cambios en el CMS',
      schedule: 'Un momento programado',
      periodic: 'La reconstrucción completa periódica (recoge lo que un aviso del CMS no trajo)',
      'search-index': 'Actualización del índice de búsqueda tras publicaciones recientes',
      retry: 'Nuevo intento tras una actualización fallida',
    },
    events: 'Qué ocurrió',
    eventNames: {
      'entry.create': 'se creó un documento',
      'entry.update': 'se guardó un documento',
      'entry.publish': 'se publicó un documento',
      'entry.unpublish': 'se despublicó un documento',
      'entry.delete': 'se eliminó un documento',
      'entry.draft-discard': 'se descartó un borrador',
      'media.create': 'se subió un archivo multimedia',
      'media.update': 'se cambió un archivo multimedia',
      'media.delete': 'se eliminó un archivo multimedia',
    },
    documents: 'Documentos',
    scheduleNames: { 'event-ended': 'terminó un evento (pasa de próximos a pasados)', publish: 'una publicación programada', unpublish: 'una despublicación programada' },
    retryOf: 'La actualización que falló la puso en marcha: {trigger}',
    failures: {
      'cms-unreachable': 'No se pudo conectar con el CMS (puede estar caído o reiniciándose).',
      'cms-refused': 'El CMS rechazó el token de acceso del sistema de publicación. La persona que administra el sitio debe revisar el token de API que usa.',
      'cms-answer': 'El CMS respondió con un error, o con algo que no se pudo leer. Si sigue fallando, avisa a quien administra el sitio.',
      'no-language': 'No se puede publicar ningún idioma: publica la configuración del sitio (Content Manager → Site settings) en al menos un idioma.',
      verification: 'La nueva versión del sitio no pasó las comprobaciones finales (por ejemplo, un enlace entre páginas que no lleva a ninguna parte), así que no se puso en línea.',
      'search-index': 'No se pudo crear el índice de búsqueda, así que la nueva versión no se puso en línea.',
      publish: 'No se pudo escribir la nueva versión del sitio en el disco (puede que esté lleno).',
      images: 'No se pudo procesar una imagen.',
      pdf: 'No se pudo crear un resumen en PDF.',
      configuration: 'La configuración del sistema de publicación no es válida. La persona que administra el sitio debe corregirla.',
      unexpected: 'Un error inesperado del sistema de publicación detuvo la actualización. Alguien de desarrollo debe revisar los detalles técnicos.',
    },
    needsAccess: 'El informe de publicación se abre desde el panel de administración: inicia sesión y elige «Informe de publicación». Los scripts envían REPORT_SECRET como token bearer o como contraseña de esta petición.',
    linkExpired: 'Este enlace al informe de publicación ha caducado: vuelve a abrir el informe desde el panel de administración, que te da un enlace nuevo.',
    linkInvalid: 'Este enlace al informe de publicación no es válido: vuelve a abrir el informe desde el panel de administración, que te da un enlace nuevo.',
    sessionInvalid: 'Tu acceso al informe de publicación ya no es válido: vuelve a abrir el informe desde el panel de administración.',
    opening: 'Abriendo el informe de publicación…',
    openReport: 'Abrir el informe de publicación',
    seconds: '{s} s',
    minutes: '{m} min {s} s',
  },
};
