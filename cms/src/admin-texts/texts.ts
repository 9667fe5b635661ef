// What the admin's edit view says about each content type, field and component, in the two
// interface languages. The one place these texts live: the CMS writes the English label and
// description into the Content Manager's view settings at every start (./apply-texts.ts), and
// the admin (src/admin/app.tsx) shows the Spanish ones when the editor's interface is in
// Spanish. Change a text here, not in "Configure the view": the next start puts these back.
//
// Plain text only, no braces (the admin reads labels as ICU messages). Kept free of imports:
// both the server and the admin bundle read this file.

export interface Bilingual {
  en: string;
  es: string;
}

export interface FieldTexts {
  label: Bilingual;
  description: Bilingual;
}

export interface ModelTexts {
  /** The name of the content type or component, as the admin's menus show it. */
  name: Bilingual;
  /** By attribute name; a field the model does not have (yet) is skipped, not an error. */
  fields: Record<string, FieldTexts>;
}

const field = (label: Bilingual, description: Bilingual): FieldTexts => ({ label, description });

const title = (what: Bilingual): FieldTexts =>
  field(
    { en: 'Title', es: 'Título' },
    {
      en: `The title ${what.en} as readers see it: page heading, lists, feeds and search results.`,
      es: `El título ${what.es} tal como lo ve el público: encabezado, listas, canales RSS y resultados de búsqueda.`,
    },
  );

const slug = field(
  { en: 'Address (slug)', es: 'Dirección (slug)' },
  {
    en: 'The last part of the page address in this language, e.g. smart-cities-2023. Changing it changes the URL; the old address keeps working and redirects to the new one. Lowercase letters, digits and hyphens.',
    es: 'La última parte de la dirección de la página en este idioma, p. ej. ciudades-inteligentes-2023. Si la cambia, cambia la URL; la dirección antigua sigue funcionando y redirige a la nueva. Minúsculas, cifras y guiones.',
  },
);

const cover = field(
  { en: 'Cover image', es: 'Imagen de portada' },
  {
    en: 'The picture at the top of the page, on its card in lists and in link previews on social media. Shared by both languages.',
    es: 'La imagen en la cabecera de la página, en su tarjeta de las listas y en las vistas previas de las redes sociales. Común a los dos idiomas.',
  },
);

const coverAlt = field(
  { en: 'Cover image: alternative text', es: 'Imagen de portada: texto alternativo' },
  {
    en: 'Describes the cover image for people who cannot see it: screen readers read it aloud, and browsers show it when the image does not load. Say what the picture shows, in this language. The build report lists covers without it.',
    es: 'Describe la imagen de portada para quien no puede verla: los lectores de pantalla la leen en voz alta y los navegadores la muestran si la imagen no carga. Diga qué muestra la imagen, en este idioma. El informe de publicación señala las portadas sin él.',
  },
);

/** Scheduled publishing (src/scheduling): the moments are per language, typed in the editor's own time zone. */
const scheduledPublishAt = field(
  { en: 'Publish at', es: 'Publicar el' },
  {
    en: 'Publishes this language at this date and time, read in your browser\'s time zone (09:00 in Madrid is 09:00 Europe/Madrid). Save the draft to set it; the site follows within a minute, and the field empties once done. A moment in the past is refused.',
    es: 'Publica este idioma en esta fecha y hora, leídas en la zona horaria de su navegador (las 09:00 en Madrid son las 09:00 de Europe/Madrid). Guarde el borrador para fijarla; el sitio lo sigue en menos de un minuto y el campo se vacía al hacerlo. Un momento pasado se rechaza.',
  },
);

const scheduledUnpublishAt = field(
  { en: 'Unpublish at', es: 'Despublicar el' },
  {
    en: 'Takes this language off the site at this date and time (your browser\'s time zone). Save the draft to set it; its addresses then answer "gone". A moment in the past, or before the publish moment, is refused.',
    es: 'Retira este idioma del sitio en esta fecha y hora (zona horaria de su navegador). Guarde el borrador para fijarla; sus direcciones responderán entonces «ya no existe». Un momento pasado, o anterior al de publicación, se rechaza.',
  },
);

const seo = field(
  { en: 'Search and social media', es: 'Buscadores y redes sociales' },
  {
    en: 'Optional title, description and image for search engines and link previews in this language. Left empty, the page title, summary and cover are used.',
    es: 'Título, descripción e imagen opcionales para buscadores y vistas previas de enlaces en este idioma. Si se dejan vacíos, se usan el título, el resumen y la portada de la página.',
  },
);

const listOf = (label: Bilingual, what: Bilingual): FieldTexts =>
  field(label, {
    en: `${what.en}, one per entry, in the order the page shows them. Add an entry with the button below the list; drag entries to reorder them.`,
    es: `${what.es}, una por entrada, en el orden en que las muestra la página. Añada una entrada con el botón bajo la lista; arrástrelas para cambiar el orden.`,
  });

const linkTo = (label: Bilingual, what: Bilingual): FieldTexts =>
  field(label, {
    en: `${what.en} Shared by both languages: the site links each language to that document's version in the same language.`,
    es: `${what.es} Común a los dos idiomas: el sitio enlaza cada idioma con la versión de ese documento en el mismo idioma.`,
  });

const webAddress = (label: Bilingual, what: Bilingual): FieldTexts =>
  field(label, {
    en: `${what.en} A full address starting with https://. Optional.`,
    es: `${what.es} Una dirección completa que empiece por https://. Opcional.`,
  });

/** Content types, by their uid. */
export const contentTypeTexts: Record<string, ModelTexts> = {
  'api::study.study': {
    name: { en: 'Study', es: 'Estudio' },
    fields: {
      title: title({ en: 'of the study', es: 'del estudio' }),
      slug,
      edition: field(
        { en: 'Edition', es: 'Edición' },
        { en: 'Which edition of the study this is: 1 for the first, 2 for the second…', es: 'Qué edición del estudio es: 1 para la primera, 2 para la segunda…' },
      ),
      year: field(
        { en: 'Year', es: 'Año' },
        { en: 'The year the study covers, as in its title (e.g. 2023). Lists of studies are sorted by it.', es: 'El año que cubre el estudio, como en su título (p. ej. 2023). Las listas de estudios se ordenan por él.' },
      ),
      theme: field(
        { en: 'Theme', es: 'Tema' },
        { en: 'One or two sentences on what the study is about; shown under the title and on its card in lists.', es: 'Una o dos frases sobre el tema del estudio; se muestran bajo el título y en su tarjeta de las listas.' },
      ),
      summary: field(
        { en: 'Summary', es: 'Resumen' },
        { en: 'The body of the study page and of its PDF summary. Headings, lists, links and quotes are kept; images need alternative text.', es: 'El cuerpo de la página del estudio y de su resumen en PDF. Se conservan títulos, listas, enlaces y citas; las imágenes necesitan texto alternativo.' },
      ),
      objectives: listOf({ en: 'Objectives', es: 'Objetivos' }, { en: 'The objectives of the study', es: 'Los objetivos del estudio' }),
      axes: linkTo({ en: 'Axes', es: 'Ejes' }, { en: 'The smart-city axes the study covers; the study appears on each axis page.', es: 'Los ejes de ciudad inteligente que trata el estudio; el estudio aparece en la página de cada eje.' }),
      cityCount: field(
        { en: 'Number of cities', es: 'Número de ciudades' },
        { en: 'How many cities took part, as the study states it (may be more than the cities linked below).', es: 'Cuántas ciudades participaron, según el estudio (pueden ser más que las ciudades enlazadas abajo).' },
      ),
      countryCount: field(
        { en: 'Number of countries', es: 'Número de países' },
        { en: 'How many countries the participating cities are in.', es: 'En cuántos países están las ciudades participantes.' },
      ),
      regions: field(
        { en: 'Regions', es: 'Regiones' },
        { en: 'The world regions covered, as one line of text (e.g. Europe and Latin America).', es: 'Las regiones del mundo que abarca, en una línea de texto (p. ej. Europa y América Latina).' },
      ),
      cities: linkTo({ en: 'Participating cities', es: 'Ciudades participantes' }, { en: 'The cities that took part; the study appears on each city page.', es: 'Las ciudades que participaron; el estudio aparece en la página de cada ciudad.' }),
      sdgs: linkTo({ en: 'Sustainable Development Goals', es: 'Objetivos de Desarrollo Sostenible' }, { en: 'The SDGs the study addresses; the study appears on each SDG page.', es: 'Los ODS que trata el estudio; el estudio aparece en la página de cada ODS.' }),
      goodPractices: linkTo({ en: 'Good practices', es: 'Buenas prácticas' }, { en: 'The good practices this study identifies, listed on its page.', es: 'Las buenas prácticas que identifica este estudio, listadas en su página.' }),
      barriers: listOf({ en: 'Barriers', es: 'Barreras' }, { en: 'What held cities back', es: 'Lo que frenó a las ciudades' }),
      enablers: listOf({ en: 'Enablers', es: 'Facilitadores' }, { en: 'What helped cities move forward', es: 'Lo que ayudó a las ciudades a avanzar' }),
      availableLanguages: field(
        { en: 'Languages of the full study', es: 'Idiomas del estudio completo' },
        { en: 'The languages the full study document exists in, one per entry; the page names them in the reader\u2019s language.', es: 'Los idiomas en que existe el documento completo del estudio, uno por entrada; la página los nombra en el idioma del lector.' },
      ),
      fullStudyFile: field(
        { en: 'Full study (file)', es: 'Estudio completo (archivo)' },
        { en: 'The complete study as a file (usually PDF) that readers download from the page. Shared by both languages.', es: 'El estudio completo en un archivo (normalmente PDF) que el público descarga desde la página. Común a los dos idiomas.' },
      ),
      fullStudyUrl: webAddress(
        { en: 'Full study (link)', es: 'Estudio completo (enlace)' },
        { en: 'Where the complete study can be read elsewhere, when there is no file above.', es: 'Dónde puede leerse el estudio completo en otro sitio, si no hay archivo arriba.' },
      ),
      cover,
      coverAlt,
      publicationDate: field(
        { en: 'Publication date', es: 'Fecha de publicación' },
        { en: 'The day the study was published, as printed on it: a calendar day, no time, read in Europe/Madrid time. Not when it goes live on the site.', es: 'El día en que se publicó el estudio, como figura en él: un día del calendario, sin hora, en hora de Europe/Madrid. No es el momento en que aparece en el sitio.' },
      ),
      seo,
      scheduledPublishAt,
      scheduledUnpublishAt,
    },
  },
  'api::event.event': {
    name: { en: 'Event', es: 'Evento' },
    fields: {
      title: title({ en: 'of the event', es: 'del evento' }),
      slug,
      kind: field(
        { en: 'Kind of event', es: 'Tipo de evento' },
        { en: 'Conference, webinar, focus group, trade show or workshop; shown on the event card and page.', es: 'Conferencia, seminario web, grupo focal, feria o taller; se muestra en la tarjeta y la página del evento.' },
      ),
      startDate: field(
        { en: 'Start date', es: 'Fecha de inicio' },
        { en: 'The first day, in the event\u2019s own time zone (the Time zone field, e.g. Europe/Madrid). Empty while the organisers have not announced it: the event is then listed as not dated yet.', es: 'El primer día, en la zona horaria del propio evento (el campo Zona horaria, p. ej. Europe/Madrid). Vacío mientras no se haya anunciado: el evento figura entonces como aún sin fecha.' },
      ),
      endDate: field(
        { en: 'End date', es: 'Fecha de fin' },
        { en: 'The last day, in the event\u2019s time zone; empty for a one-day event. After it ends, the event moves from upcoming to past.', es: 'El último día, en la zona horaria del evento; vacío si dura un día. Cuando termina, el evento pasa de próximos a pasados.' },
      ),
      startTime: field(
        { en: 'Start time', es: 'Hora de inicio' },
        { en: 'Local time in the event\u2019s time zone (e.g. 10:00 in Europe/Madrid); empty for an all-day event.', es: 'Hora local en la zona horaria del evento (p. ej. 10:00 en Europe/Madrid); vacía si dura todo el día.' },
      ),
      endTime: field(
        { en: 'End time', es: 'Hora de fin' },
        { en: 'Local time in the event\u2019s time zone when it ends; optional.', es: 'Hora local en la zona horaria del evento en que termina; opcional.' },
      ),
      timeZone: field(
        { en: 'Time zone', es: 'Zona horaria' },
        { en: 'Where the dates and times above are local, as an IANA name: Europe/Madrid for Spain, America/Bogota, UTC for online-only events. Calendars convert them for each reader.', es: 'Dónde son locales las fechas y horas de arriba, con su nombre IANA: Europe/Madrid para España, America/Bogota, UTC para eventos solo en línea. Los calendarios las convierten para cada lector.' },
      ),
      format: field(
        { en: 'Format', es: 'Formato' },
        { en: 'In person, online or hybrid. Online events need no venue.', es: 'Presencial, en línea o híbrido. Los eventos en línea no necesitan lugar.' },
      ),
      venue: field(
        { en: 'Venue', es: 'Lugar' },
        { en: 'The building or place, as readers should look for it (e.g. Fira Gran Via, Hall 2).', es: 'El edificio o lugar, tal como el público debe buscarlo (p. ej. Fira Gran Via, pabellón 2).' },
      ),
      city: linkTo({ en: 'City', es: 'Ciudad' }, { en: 'The city where it takes place; the event appears on that city page.', es: 'La ciudad donde se celebra; el evento aparece en la página de esa ciudad.' }),
      description: field(
        { en: 'Description', es: 'Descripción' },
        { en: 'The body of the event page: programme, speakers, what to expect.', es: 'El cuerpo de la página del evento: programa, ponentes, qué esperar.' },
      ),
      highlights: listOf({ en: 'Highlights', es: 'Destacados' }, { en: 'Key points of the event', es: 'Los puntos clave del evento' }),
      organisers: listOf({ en: 'Organisers', es: 'Organizadores' }, { en: 'Who organises it', es: 'Quién lo organiza' }),
      infoUrl: webAddress({ en: 'More information (link)', es: 'Más información (enlace)' }, { en: 'The organisers\u2019 page about the event.', es: 'La página de los organizadores sobre el evento.' }),
      registrationUrl: webAddress({ en: 'Registration (link)', es: 'Inscripción (enlace)' }, { en: 'Where readers sign up.', es: 'Dónde se inscribe el público.' }),
      accessibility: field(
        { en: 'Accessibility services', es: 'Servicios de accesibilidad' },
        { en: 'Sign-language interpretation and captions offered at the event; listed on its page.', es: 'Interpretación en lengua de signos y subtítulos que ofrece el evento; se listan en su página.' },
      ),
      cover,
      coverAlt,
      seo,
      scheduledPublishAt,
      scheduledUnpublishAt,
    },
  },
  'api::article.article': {
    name: { en: 'Article', es: 'Noticia' },
    fields: {
      title: title({ en: 'of the news item', es: 'de la noticia' }),
      slug,
      date: field(
        { en: 'Date', es: 'Fecha' },
        { en: 'The date shown on the news item: a calendar day, no time, in Europe/Madrid time. News lists and feeds are sorted by it.', es: 'La fecha que muestra la noticia: un día del calendario, sin hora, en hora de Europe/Madrid. Las listas de noticias y los canales se ordenan por ella.' },
      ),
      excerpt: field(
        { en: 'Excerpt', es: 'Entradilla' },
        { en: 'A sentence or two for the news card, feeds and link previews (at most 300 characters).', es: 'Una o dos frases para la tarjeta de la noticia, los canales y las vistas previas (300 caracteres como máximo).' },
      ),
      body: field(
        { en: 'Body', es: 'Cuerpo' },
        { en: 'The text of the news item. Images need alternative text.', es: 'El texto de la noticia. Las imágenes necesitan texto alternativo.' },
      ),
      cover,
      coverAlt,
      studies: linkTo({ en: 'Related studies', es: 'Estudios relacionados' }, { en: 'Studies this news item is about; it is listed with them on their topic pages.', es: 'Estudios de los que trata esta noticia; aparece con ellos en sus páginas temáticas.' }),
      events: linkTo({ en: 'Related events', es: 'Eventos relacionados' }, { en: 'Events this news item is about.', es: 'Eventos de los que trata esta noticia.' }),
      seo,
      scheduledPublishAt,
      scheduledUnpublishAt,
    },
  },
  'api::axis.axis': {
    name: { en: 'Axis', es: 'Eje' },
    fields: {
      name: field(
        { en: 'Name', es: 'Nombre' },
        { en: 'The name of the axis (e.g. Smart environment), as headings and filters show it.', es: 'El nombre del eje (p. ej. Medio ambiente inteligente), como lo muestran títulos y filtros.' },
      ),
      slug,
      position: field(
        { en: 'Position', es: 'Posición' },
        { en: 'Where the axis comes in lists of axes: 1 first.', es: 'En qué lugar aparece el eje en las listas de ejes: 1 primero.' },
      ),
      description: field(
        { en: 'Description', es: 'Descripción' },
        { en: 'A short paragraph at the top of the axis page.', es: 'Un párrafo breve en la cabecera de la página del eje.' },
      ),
      studies: linkTo({ en: 'Studies', es: 'Estudios' }, { en: 'Studies that cover this axis (set from the study).', es: 'Estudios que tratan este eje (se indica desde el estudio).' }),
      goodPractices: linkTo({ en: 'Good practices', es: 'Buenas prácticas' }, { en: 'Good practices of this axis (set from the good practice).', es: 'Buenas prácticas de este eje (se indica desde la buena práctica).' }),
      seo,
    },
  },
  'api::city.city': {
    name: { en: 'City', es: 'Ciudad' },
    fields: {
      name: field(
        { en: 'Name', es: 'Nombre' },
        { en: 'The city as this language writes it (London, Londres). Its page address is made from the name and country code.', es: 'La ciudad como la escribe este idioma (London, Londres). La dirección de su página se forma con el nombre y el código de país.' },
      ),
      country: field(
        { en: 'Country', es: 'País' },
        { en: 'The country as this language writes it.', es: 'El país como lo escribe este idioma.' },
      ),
      countryCode: field(
        { en: 'Country code', es: 'Código de país' },
        { en: 'Two capital letters, ISO 3166-1 (ES, CO, GB). Part of the city page address.', es: 'Dos letras mayúsculas, ISO 3166-1 (ES, CO, GB). Forma parte de la dirección de la página de la ciudad.' },
      ),
      studies: linkTo({ en: 'Studies', es: 'Estudios' }, { en: 'Studies the city took part in (set from the study).', es: 'Estudios en que participó la ciudad (se indica desde el estudio).' }),
      events: linkTo({ en: 'Events', es: 'Eventos' }, { en: 'Events held in the city (set from the event).', es: 'Eventos celebrados en la ciudad (se indica desde el evento).' }),
      goodPractices: linkTo({ en: 'Good practices', es: 'Buenas prácticas' }, { en: 'Good practices of the city (set from the good practice).', es: 'Buenas prácticas de la ciudad (se indica desde la buena práctica).' }),
    },
  },
  'api::good-practice.good-practice': {
    name: { en: 'Good practice', es: 'Buena práctica' },
    fields: {
      title: title({ en: 'of the good practice', es: 'de la buena práctica' }),
      description: field(
        { en: 'Description', es: 'Descripción' },
        { en: 'What the city did and why it can work elsewhere; shown on the study and axis pages.', es: 'Qué hizo la ciudad y por qué puede funcionar en otras; se muestra en las páginas del estudio y del eje.' },
      ),
      city: linkTo({ en: 'City', es: 'Ciudad' }, { en: 'The city that carried it out.', es: 'La ciudad que la llevó a cabo.' }),
      axis: linkTo({ en: 'Axis', es: 'Eje' }, { en: 'The axis it belongs to.', es: 'El eje al que pertenece.' }),
      sdgs: linkTo({ en: 'Sustainable Development Goals', es: 'Objetivos de Desarrollo Sostenible' }, { en: 'The SDGs it contributes to.', es: 'Los ODS a los que contribuye.' }),
      study: linkTo({ en: 'Study', es: 'Estudio' }, { en: 'The study that identified it; the practice is shown on that study page.', es: 'El estudio que la identificó; la práctica se muestra en la página de ese estudio.' }),
    },
  },
  'api::sdg.sdg': {
    name: { en: 'SDG', es: 'ODS' },
    fields: {
      number: field(
        { en: 'Number', es: 'Número' },
        { en: 'The goal number, 1 to 17. Part of its page address (/en/sdgs/11/).', es: 'El número del objetivo, de 1 a 17. Forma parte de la dirección de su página (/es/ods/11/).' },
      ),
      name: field(
        { en: 'Name', es: 'Nombre' },
        { en: 'The official name of the goal in this language.', es: 'El nombre oficial del objetivo en este idioma.' },
      ),
      color: field(
        { en: 'Colour', es: 'Color' },
        { en: 'The official colour of the goal, as #RRGGBB (e.g. #FD9D24).', es: 'El color oficial del objetivo, como #RRGGBB (p. ej. #FD9D24).' },
      ),
      studies: linkTo({ en: 'Studies', es: 'Estudios' }, { en: 'Studies that address this goal (set from the study).', es: 'Estudios que tratan este objetivo (se indica desde el estudio).' }),
      goodPractices: linkTo({ en: 'Good practices', es: 'Buenas prácticas' }, { en: 'Good practices that contribute to it (set from the good practice).', es: 'Buenas prácticas que contribuyen a él (se indica desde la buena práctica).' }),
    },
  },
  'api::site-setting.site-setting': {
    name: { en: 'Site settings', es: 'Ajustes del sitio' },
    fields: {
      siteName: field(
        { en: 'Site name', es: 'Nombre del sitio' },
        { en: 'Shown in the header of every page and in browser tabs.', es: 'Se muestra en la cabecera de todas las páginas y en las pestañas del navegador.' },
      ),
      communityName: field(
        { en: 'Community name', es: 'Nombre de la comunidad' },
        { en: 'The full name of the network, as the home page and footer write it.', es: 'El nombre completo de la red, como lo escriben la portada y el pie.' },
      ),
      chairCity: linkTo({ en: 'Chair city', es: 'Ciudad que preside' }, { en: 'The city that chairs the network.', es: 'La ciudad que preside la red.' }),
      description: field(
        { en: 'Site description', es: 'Descripción del sitio' },
        { en: 'One or two sentences about the site, for search engines and the home page (at most 300 characters).', es: 'Una o dos frases sobre el sitio, para buscadores y la portada (300 caracteres como máximo).' },
      ),
      footer: field(
        { en: 'Footer', es: 'Pie de página' },
        { en: 'Text at the bottom of every page (credits, contact).', es: 'Texto al final de todas las páginas (créditos, contacto).' },
      ),
    },
  },
};

/** Components, by their uid. */
export const componentTexts: Record<string, ModelTexts> = {
  'shared.text-item': {
    name: { en: 'Text item', es: 'Elemento de texto' },
    fields: {
      text: field(
        { en: 'Text', es: 'Texto' },
        { en: 'One entry of the list, in plain text: a sentence or two.', es: 'Una entrada de la lista, en texto sin formato: una o dos frases.' },
      ),
    },
  },
  'shared.language': {
    name: { en: 'Language', es: 'Idioma' },
    fields: {
      code: field(
        { en: 'Language', es: 'Idioma' },
        { en: 'The language as its ISO 639-1 code (en English, es Spanish, fr French, pt Portuguese, ar Arabic, ca Catalan, eu Basque).', es: 'El idioma con su código ISO 639-1 (en inglés, es español, fr francés, pt portugués, ar árabe, ca catalán, eu euskera).' },
      ),
    },
  },
  'event.accessibility': {
    name: { en: 'Accessibility services', es: 'Servicios de accesibilidad' },
    fields: {
      signLanguage: field(
        { en: 'Sign language', es: 'Lengua de signos' },
        { en: 'The sign-language interpretation offered, if any: International Sign, ASL, BSL, LSE (Spanish) or LSM (Mexican).', es: 'La interpretación en lengua de signos que se ofrece, si la hay: Signos Internacionales, ASL, BSL, LSE (española) o LSM (mexicana).' },
      ),
      captions: field(
        { en: 'Captions', es: 'Subtítulos' },
        { en: 'Live captions, one entry per language.', es: 'Subtítulos en directo, una entrada por idioma.' },
      ),
    },
  },
  'event.caption': {
    name: { en: 'Caption', es: 'Subtítulo' },
    fields: {
      language: field(
        { en: 'Language', es: 'Idioma' },
        { en: 'The language of the captions, as its ISO 639-1 code.', es: 'El idioma de los subtítulos, con su código ISO 639-1.' },
      ),
      automated: field(
        { en: 'Automated', es: 'Automáticos' },
        { en: 'On when the captions are made by software, off when a person writes them.', es: 'Activado si los subtítulos los genera un programa, desactivado si los escribe una persona.' },
      ),
    },
  },
  // Added by the SEO work (issue 19, part 6); skipped until the component exists.
  'shared.seo': {
    name: { en: 'Search and social media', es: 'Buscadores y redes sociales' },
    fields: {
      metaTitle: field(
        { en: 'Search title', es: 'Título para buscadores' },
        { en: 'The title search engines and browser tabs show, if it should differ from the page title. About 60 characters. Empty: the page title.', es: 'El título que muestran buscadores y pestañas, si debe diferir del título de la página. Unos 60 caracteres. Vacío: el título de la página.' },
      ),
      metaDescription: field(
        { en: 'Search description', es: 'Descripción para buscadores' },
        { en: 'The text under the title in search results and link previews. About 155 characters. Empty: the summary or excerpt.', es: 'El texto bajo el título en los resultados de búsqueda y las vistas previas. Unos 155 caracteres. Vacía: el resumen o la entradilla.' },
      ),
      shareImage: field(
        { en: 'Social image', es: 'Imagen para redes sociales' },
        { en: 'The picture shown when the page is shared on social media (1200 × 630 works best). Empty: the cover.', es: 'La imagen que se muestra al compartir la página en redes sociales (mejor 1200 × 630). Vacía: la portada.' },
      ),
      shareImageAlt: field(
        { en: 'Social image: alternative text', es: 'Imagen para redes sociales: texto alternativo' },
        { en: 'Describes the social image for people who cannot see it; screen readers read it aloud. Needed whenever there is a social image.', es: 'Describe la imagen para redes sociales para quien no puede verla; los lectores de pantalla la leen en voz alta. Necesario siempre que haya imagen.' },
      ),
    },
  },
};
