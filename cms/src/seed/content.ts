import type { SampleContent } from './types';

export const sampleContent: SampleContent = {
  axes: [
    {
      key: 'smart-economy',
      position: 1,
      name: { en: 'Smart Economy', es: 'Economía inteligente' },
      slug: { en: 'smart-economy', es: 'economia-inteligente' },
      description: {
        en: 'Innovation, entrepreneurship and digital business that strengthen the local economy, attract talent and create quality jobs.',
        es: 'La innovación, el emprendimiento y la empresa digital que fortalecen la economía local, atraen talento y generan empleo de calidad.',
      },
    },
    {
      key: 'new-mobility',
      position: 2,
      name: { en: 'New Mobility', es: 'Nueva movilidad' },
      slug: { en: 'new-mobility', es: 'nueva-movilidad' },
      description: {
        en: 'Cleaner, safer and more accessible ways of getting around the city, from public transport and walking or cycling to shared and connected mobility services.',
        es: 'Formas más limpias, seguras y accesibles de desplazarse por la ciudad, desde el transporte público y la movilidad a pie o en bicicleta hasta los servicios de movilidad compartida y conectada.',
      },
    },
    {
      key: 'environment',
      position: 3,
      name: { en: 'Environment', es: 'Medio ambiente' },
      slug: { en: 'environment', es: 'medio-ambiente' },
      description: {
        en: 'Efficient use of energy, water and other resources, care for air quality and green spaces, and local action on climate change.',
        es: 'El uso eficiente de la energía, el agua y los demás recursos, el cuidado de la calidad del aire y de las zonas verdes, y la acción local frente al cambio climático.',
      },
    },
    {
      key: 'digital-citizenship',
      position: 4,
      name: { en: 'Digital Citizenship', es: 'Ciudadanía digital' },
      slug: { en: 'digital-citizenship', es: 'ciudadania-digital' },
      description: {
        en: 'Digital skills, inclusion and participation, so that every resident can use digital services and have a say in the life of the city.',
        es: 'Las competencias digitales, la inclusión y la participación, para que toda la ciudadanía pueda acceder a los servicios digitales y tomar parte en la vida de la ciudad.',
      },
    },
    {
      key: 'quality-of-life',
      position: 5,
      name: { en: 'Quality of Life', es: 'Calidad de vida' },
      slug: { en: 'quality-of-life', es: 'calidad-de-vida' },
      description: {
        en: 'Health, education, housing, safety, culture and social services that improve the wellbeing of the people who live in the city.',
        es: 'La salud, la educación, la vivienda, la seguridad, la cultura y los servicios sociales que mejoran el bienestar de quienes viven en la ciudad.',
      },
    },
    {
      key: 'smart-governance',
      position: 6,
      name: { en: 'Smart Governance', es: 'Gobernanza inteligente' },
      slug: { en: 'smart-governance', es: 'gobernanza-inteligente' },
      description: {
        en: 'Open, transparent and data-driven local government, with digital public services and collaboration between public bodies, businesses and residents.',
        es: 'Un gobierno local abierto, transparente y basado en datos, con servicios públicos digitales y colaboración entre administraciones, empresas y ciudadanía.',
      },
    },
  ],

  sdgs: [
    { number: 1, color: '#E5243B', name: { en: 'No Poverty', es: 'Fin de la pobreza' } },
    { number: 2, color: '#DDA63A', name: { en: 'Zero Hunger', es: 'Hambre cero' } },
    { number: 3, color: '#4C9F38', name: { en: 'Good Health and Well-being', es: 'Salud y bienestar' } },
    { number: 4, color: '#C5192D', name: { en: 'Quality Education', es: 'Educación de calidad' } },
    { number: 5, color: '#FF3A21', name: { en: 'Gender Equality', es: 'Igualdad de género' } },
    { number: 6, color: '#26BDE2', name: { en: 'Clean Water and Sanitation', es: 'Agua limpia y saneamiento' } },
    { number: 7, color: '#FCC30B', name: { en: 'Affordable and Clean Energy', es: 'Energía asequible y no contaminante' } },
    { number: 8, color: '#A21942', name: { en: 'Decent Work and Economic Growth', es: 'Trabajo decente y crecimiento económico' } },
    { number: 9, color: '#FD6925', name: { en: 'Industry, Innovation and Infrastructure', es: 'Industria, innovación e infraestructura' } },
    { number: 10, color: '#DD1367', name: { en: 'Reduced Inequalities', es: 'Reducción de las desigualdades' } },
    { number: 11, color: '#FD9D24', name: { en: 'Sustainable Cities and Communities', es: 'Ciudades y comunidades sostenibles' } },
    { number: 12, color: '#BF8B2E', name: { en: 'Responsible Consumption and Production', es: 'Producción y consumo responsables' } },
    { number: 13, color: '#3F7E44', name: { en: 'Climate Action', es: 'Acción por el clima' } },
    { number: 14, color: '#0A97D9', name: { en: 'Life Below Water', es: 'Vida submarina' } },
    { number: 15, color: '#56C02B', name: { en: 'Life on Land', es: 'Vida de ecosistemas terrestres' } },
    { number: 16, color: '#00689D', name: { en: 'Peace, Justice and Strong Institutions', es: 'Paz, justicia e instituciones sólidas' } },
    { number: 17, color: '#19486A', name: { en: 'Partnerships for the Goals', es: 'Alianzas para lograr los objetivos' } },
  ],

  cities: [
    { key: 'bilbao', countryCode: 'ES', name: { en: 'Bilbao', es: 'Bilbao' }, country: { en: 'Spain', es: 'España' } },
    { key: 'barcelona', countryCode: 'ES', name: { en: 'Barcelona', es: 'Barcelona' }, country: { en: 'Spain', es: 'España' } },
    { key: 'london', countryCode: 'GB', name: { en: 'London', es: 'Londres' }, country: { en: 'United Kingdom', es: 'Reino Unido' } },
    { key: 'hanoi', countryCode: 'VN', name: { en: 'Hanoi', es: 'Hanói' }, country: { en: 'Viet Nam', es: 'Vietnam' } },
  ],

  studies: [
    {
      key: 'study-2023',
      edition: 5,
      year: 2023,
      publicationDate: null,
      cityCount: 20,
      countryCount: 16,
      axisKeys: [
        'smart-economy',
        'new-mobility',
        'environment',
        'digital-citizenship',
        'quality-of-life',
        'smart-governance',
      ],
      sdgNumbers: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
      cityKeys: ['bilbao'],
      availableLanguages: ['es', 'en'],
      cover: { label: '2023', palette: ['#19486A', '#FD9D24'] },
      title: {
        en: 'Smart Cities Study 2023',
        es: 'Estudio de Ciudades Inteligentes 2023',
      },
      slug: {
        en: 'smart-cities-study-2023',
        es: 'estudio-ciudades-inteligentes-2023',
      },
      theme: {
        en: 'Cities as innovation ecosystems contributing to the achievement of the SDGs',
        es: 'Las ciudades como ecosistemas de innovación que contribuyen a la consecución de los ODS',
      },
      regions: null,
      summary: {
        en: [
          'The fifth edition of the Smart Cities Study looks at cities as ecosystems driven by innovation: places of collaboration and creativity where pilot projects take shape in response to social and economic challenges. These projects advance research, development and innovation (R&D&I) from a public-private perspective and help to deliver the United Nations 2030 Agenda.',
          'Prepared by the UCLG Digital Cities Community of Practice, which is chaired by the city of Bilbao, the study sets out the current situation and the main trends in the six axes that make up a smart city:',
          {
            list: [
              'Smart Economy',
              'New Mobility',
              'Environment',
              'Digital Citizenship',
              'Quality of Life',
              'Smart Governance',
            ],
          },
          'Drawing on the participation of 20 cities from 16 countries, it brings together local good practices that other cities around the world can take up, and it maps the barriers and enablers that shape the development of smart cities. It also connects these good practices with the Sustainable Development Goals, so that the study can serve as a reference guide for any city that wants to move forward as a smart city while contributing to the SDGs.',
        ],
        es: [
          'La quinta edición del Estudio de Ciudades Inteligentes analiza las ciudades como ecosistemas impulsados por la innovación: espacios de colaboración y creatividad en los que surgen proyectos piloto para dar respuesta a retos sociales y económicos. Estos proyectos impulsan la I+D+i desde una perspectiva público-privada y contribuyen a la consecución de la Agenda 2030 de las Naciones Unidas.',
          'Elaborado por la Comunidad de Práctica de Ciudades Digitales de CGLU (Ciudades y Gobiernos Locales Unidos), que preside la ciudad de Bilbao, el estudio expone la situación actual y las principales tendencias de los seis ejes que conforman una ciudad inteligente:',
          {
            list: [
              'Economía inteligente',
              'Nueva movilidad',
              'Medio ambiente',
              'Ciudadanía digital',
              'Calidad de vida',
              'Gobernanza inteligente',
            ],
          },
          'Con la participación de 20 ciudades de 16 países, el estudio reúne buenas prácticas locales que pueden trasladarse a otras ciudades de todo el mundo y pone de relieve las barreras y los facilitadores que condicionan el desarrollo de las ciudades inteligentes. Además, relaciona estas buenas prácticas con los Objetivos de Desarrollo Sostenible, de modo que el estudio sirva de guía de referencia a las ciudades que quieran avanzar hacia el modelo de ciudad inteligente y contribuir a los ODS.',
        ],
      },
      objectives: {
        en: [
          'Give a picture of the current situation and the main trends in each of the smart-city axes at local level.',
          'Present success stories (good practices) that other cities can use as a reference as they move towards the smart-city model.',
          'Identify the main barriers and the key enablers that can affect the development of smart cities.',
          'Link the good practices presented in each of the six axes at local level to their contribution to the Sustainable Development Goals of the 2030 Agenda.',
        ],
        es: [
          'Mostrar la situación actual y las principales tendencias de los ejes de la ciudad inteligente en el ámbito local.',
          'Dar a conocer casos de éxito (buenas prácticas) que sirvan de referencia a otras ciudades para avanzar hacia el concepto de «ciudad inteligente».',
          'Identificar las principales barreras y los facilitadores clave que pueden influir en el desarrollo de las ciudades inteligentes.',
          'Vincular las buenas prácticas locales de cada uno de los seis ejes con su contribución a los Objetivos de Desarrollo Sostenible definidos en la Agenda 2030.',
        ],
      },
      barriers: { en: [], es: [] },
      enablers: { en: [], es: [] },
      coverAlt: {
        en: 'Abstract cover artwork: a smooth gradient from deep blue to orange with the year 2023 in large figures.',
        es: 'Portada abstracta: un degradado suave del azul oscuro al naranja con el año 2023 en cifras grandes.',
      },
      seo: {
        metaTitle: { en: 'Smart Cities Study 2023: cities as innovation ecosystems', es: 'Ciudades inteligentes 2023: ecosistemas de innovación' },
        metaDescription: {
          en: 'How 20 cities turn pilot projects into innovation ecosystems across the six smart-city axes, and what that adds to the 2030 Agenda.',
          es: 'Cómo 20 ciudades convierten proyectos piloto en ecosistemas de innovación en los seis ejes de la ciudad inteligente, y su aporte a la Agenda 2030.',
        },
        image: { label: 'Study 2023', palette: ['#19486A', '#0A97D9'] },
        imageAlt: {
          en: 'Sharing artwork: a gradient from deep blue to sky blue with the words Study 2023 in large type.',
          es: 'Imagen para compartir: un degradado del azul oscuro al azul celeste con las palabras Study 2023 en grande.',
        },
      },
    },
    {
      key: 'study-2021',
      edition: 4,
      year: 2021,
      publicationDate: null,
      cityCount: 35,
      countryCount: 20,
      axisKeys: [],
      sdgNumbers: [],
      cityKeys: ['bilbao'],
      availableLanguages: ['es', 'en'],
      cover: { label: '2021', palette: ['#00689D', '#56C02B'] },
      title: {
        en: 'Smart Cities Study 2021',
        es: 'Estudio de Ciudades Inteligentes 2021',
      },
      slug: {
        en: 'smart-cities-study-2021',
        es: 'estudio-ciudades-inteligentes-2021',
      },
      theme: {
        en: 'The resilience of cities and the smart measures they adopted in response to covid-19',
        es: 'La resiliencia de las ciudades y las medidas inteligentes que adoptaron frente a la covid-19',
      },
      regions: {
        en: 'Europe, Latin America, Africa and Asia',
        es: 'Europa, América Latina, África y Asia',
      },
      summary: {
        en: [
          'The fourth edition of the Smart Cities Study, prepared by the UCLG Digital Cities Community of Practice, is devoted to the resilience of cities. Above all, it examines how the covid-19 pandemic led cities to adopt “smart” measures to counter its negative effects, and how those measures helped to make them more resilient.',
          'The study begins with where cities stood before the pandemic: how far they had gone in digitising and which smart resources and tools they already had. It then analyses the impact of the pandemic on the different areas of local governance and the new smart measures and tools brought in to deal with its consequences. Finally, it gauges how much these actions strengthened the resilience of cities and how useful the new measures and tools could be in future crises.',
          'In all, 35 cities from 20 countries in Europe, Latin America, Africa and Asia took part in this edition. The study is available in Spanish and English.',
        ],
        es: [
          'La cuarta edición del Estudio de Ciudades Inteligentes, elaborada por la Comunidad de Práctica de Ciudades Digitales de CGLU, se centra en la resiliencia de las ciudades y, en particular, en cómo la pandemia de covid-19 las llevó a adoptar medidas «inteligentes» para hacer frente a sus efectos negativos, medidas que han contribuido a mejorar su resiliencia.',
          'El estudio parte de la situación de las ciudades antes de la pandemia: su grado de digitalización y los recursos y herramientas «inteligentes» con los que contaban. A continuación, analiza el impacto de la pandemia en los distintos ámbitos de la gobernanza local y las nuevas medidas y herramientas inteligentes que se pusieron en marcha para combatir sus consecuencias. Por último, determina en qué medida estas actuaciones han reforzado la resiliencia de las ciudades y valora la utilidad de las nuevas medidas y herramientas ante futuras crisis.',
          'En esta edición han participado 35 ciudades de 20 países de Europa, América Latina, África y Asia. El estudio está disponible en español y en inglés.',
        ],
      },
      objectives: {
        en: [
          'Understand the situation of cities before the pandemic, including their level of digitisation and the smart resources and tools they had at their disposal.',
          'Analyse the impact of the pandemic on the different areas of local governance and the new smart measures and tools used to tackle its negative consequences.',
          'Determine how far these actions increased the resilience of cities and assess how useful the new measures and tools are for facing future crises.',
        ],
        es: [
          'Conocer la situación de las ciudades antes de la pandemia, con su grado de digitalización y los recursos y herramientas inteligentes de que disponían.',
          'Analizar el impacto de la pandemia en los distintos ámbitos de la gobernanza local y las nuevas medidas y herramientas inteligentes empleadas para combatir sus consecuencias negativas.',
          'Determinar en qué medida estas actuaciones han aumentado la resiliencia de las ciudades y valorar la utilidad de las nuevas medidas y herramientas para afrontar futuras crisis.',
        ],
      },
      barriers: { en: [], es: [] },
      enablers: { en: [], es: [] },
      coverAlt: {
        en: 'Abstract cover artwork: a smooth gradient from blue to green with the year 2021 in large figures.',
        es: 'Portada abstracta: un degradado suave del azul al verde con el año 2021 en cifras grandes.',
      },
    },
  ],

  events: [
    {
      key: 'focus-group-2023',
      kind: 'focus_group',
      startDate: '2023-05-10',
      endDate: null,
      startTime: null,
      endTime: null,
      timeZone: 'UTC',
      format: null,
      cityKey: null,
      venue: null,
      accessibility: null,
      cover: { label: '2023', palette: ['#0A97D9', '#19486A'] },
      title: {
        en: 'Focus group for the Smart Cities Study 2023',
        es: 'Grupo focal para la elaboración del Estudio de Ciudades Inteligentes 2023',
      },
      slug: {
        en: 'focus-group-smart-cities-study-2023',
        es: 'grupo-focal-estudio-ciudades-inteligentes-2023',
      },
      description: {
        en: [
          'As part of the work on the Smart Cities Study 2023, the participating local governments met in a focus group run as two simultaneous groups, one in English and one in Spanish. Each group worked through two participatory dynamics.',
          'The first dynamic set out to identify initiatives, projects and good practices in the six axes of the study (smart economy, new mobility, environment, digital citizenship, quality of life and smart governance) and to link them to the achievement of the SDGs. The second looked at the main barriers to and enablers of innovation at local level, and defined which SDGs local governments mainly address in each axis.',
          'More than 30 representatives of local governments from around the world took part in the two dynamics.',
        ],
        es: [
          'Dentro de los trabajos del Estudio de Ciudades Inteligentes 2023, los gobiernos locales participantes se reunieron en un grupo focal organizado en dos grupos simultáneos, uno en inglés y otro en español. Cada grupo llevó a cabo dos dinámicas participativas.',
          'La primera dinámica buscaba identificar iniciativas, proyectos y buenas prácticas en los seis ejes del estudio —economía inteligente, nueva movilidad, medio ambiente, ciudadanía digital, calidad de vida y gobernanza inteligente— y vincularlos con la consecución de los ODS. La segunda se centró en detectar las principales barreras y los facilitadores de la innovación en el ámbito local, así como en definir los ODS que los gobiernos locales abordan principalmente en cada eje.',
          'En ambas dinámicas participaron más de 30 representantes de gobiernos locales de distintos países.',
        ],
      },
      highlights: {
        en: [
          'First dynamic: identifying initiatives, projects and good practices in the six axes of the study and linking them to the SDGs',
          'Second dynamic: identifying the main barriers and enablers of innovation at local level and the main SDGs addressed in each axis',
        ],
        es: [
          'Primera dinámica: identificar iniciativas, proyectos y buenas prácticas en los seis ejes del estudio y vincularlos con los ODS',
          'Segunda dinámica: detectar las principales barreras y los facilitadores de la innovación en el ámbito local, y los principales ODS que se abordan en cada eje',
        ],
      },
      organisers: { en: [], es: [] },
      coverAlt: {
        en: 'Abstract cover artwork: a gradient from light blue to navy with the year 2023 in large figures.',
        es: 'Portada abstracta: un degradado del azul claro al azul marino con el año 2023 en cifras grandes.',
      },
    },
    {
      key: 'gaad-webinar',
      kind: 'webinar',
      startDate: '2022-05-19',
      endDate: null,
      startTime: null,
      endTime: null,
      timeZone: 'UTC',
      format: 'online',
      cityKey: null,
      venue: null,
      accessibility: {
        signLanguage: 'international_sign',
        captions: [
          { language: 'en', automated: false },
          { language: 'es', automated: true },
          { language: 'fr', automated: true },
        ],
      },
      cover: { label: 'GAAD', palette: ['#26BDE2', '#00689D'] },
      title: {
        en: 'Adopting the Smart City Accessible ICT Public Procurement Model Policy',
        es: 'Adopción de la Política Modelo de Contratación Pública de TIC Accesibles para Ciudades Inteligentes',
      },
      slug: {
        en: 'adopting-smart-city-accessible-ict-public-procurement-model-policy',
        es: 'adopcion-politica-modelo-contratacion-publica-tic-accesibles-ciudades-inteligentes',
      },
      description: {
        en: [
          'To mark Global Accessibility Awareness Day (GAAD), G3ict hosted this webinar in collaboration with UCLG, Microsoft and the World Economic Forum. Aimed specifically at local governments, it set out to raise awareness of the G20 Smart City Alliance’s Public Procurement Model Policy, making a strong case for cities to adopt it and offering guidance on how to do so.',
          'The session gave an overview of the model policy and of solutions to guide its implementation, and two representatives of local governments that have successfully adopted the policy shared their experience.',
          'The webinar was delivered in English, with International Sign Language interpretation and live captions in English, as well as automated live captions in Spanish and French.',
        ],
        es: [
          'Con motivo del Día Mundial de Concienciación sobre la Accesibilidad (GAAD, por sus siglas en inglés), G3ict organizó este seminario web en colaboración con CGLU, Microsoft y el Foro Económico Mundial. Dirigido específicamente a los gobiernos locales, tuvo como fin dar a conocer la Política Modelo de Contratación Pública de la Alianza de Ciudades Inteligentes del G20, con argumentos de peso y orientaciones prácticas para que las ciudades la adopten.',
          'La sesión ofreció una visión general de la política modelo y de soluciones para orientar su aplicación, y contó con la experiencia de dos representantes de gobiernos locales que ya la han adoptado con éxito.',
          'El seminario se impartió en inglés, con interpretación al Sistema de Signos Internacional y subtítulos en directo en inglés, además de subtítulos automáticos en directo en español y francés.',
        ],
      },
      highlights: { en: [], es: [] },
      organisers: {
        en: ['G3ict', 'UCLG', 'Microsoft', 'World Economic Forum'],
        es: ['G3ict', 'CGLU', 'Microsoft', 'Foro Económico Mundial'],
      },
      coverAlt: {
        en: 'Abstract cover artwork: a gradient from sky blue to deep blue with the letters GAAD in large type.',
        es: 'Portada abstracta: un degradado del azul celeste al azul intenso con las letras GAAD en grande.',
      },
      seo: {
        metaTitle: { en: 'Webinar: accessible ICT procurement for smart cities', es: 'Seminario web: compra pública de TIC accesibles en ciudades' },
        metaDescription: {
          en: 'A GAAD webinar for local governments on adopting the G20 Smart City Alliance’s model policy for accessible ICT procurement.',
          es: 'Seminario web del GAAD para gobiernos locales sobre cómo adoptar la política modelo de la Alianza G20 para la compra de TIC accesibles.',
        },
        image: { label: 'GAAD 2022', palette: ['#00689D', '#26BDE2'] },
        imageAlt: {
          en: 'Sharing artwork: a gradient from deep blue to sky blue with the words GAAD 2022 in large type.',
          es: 'Imagen para compartir: un degradado del azul intenso al azul celeste con las palabras GAAD 2022 en grande.',
        },
      },
    },
    {
      key: 'scewc-2023',
      kind: 'conference',
      startDate: '2023-11-07',
      endDate: '2023-11-09',
      startTime: null,
      endTime: null,
      timeZone: 'Europe/Madrid',
      format: 'in_person',
      cityKey: 'barcelona',
      venue: null,
      accessibility: null,
      cover: { label: 'SCEWC 2023', palette: ['#DD1367', '#FD6925'] },
      title: {
        en: 'Smart City Expo World Congress 2023',
        es: 'Smart City Expo World Congress 2023',
      },
      slug: {
        en: 'smart-city-expo-world-congress-2023',
        es: 'smart-city-expo-world-congress-2023',
      },
      description: {
        en: [
          'The 2023 edition of the Smart City Expo World Congress was held in Barcelona from 7 to 9 November.',
          'Billed as the largest edition to date, it set out to show the world the smart solutions shaping this new era: those already helping cities to thrive and to build safer, greener and more efficient urban spaces.',
        ],
        es: [
          'La edición de 2023 del Smart City Expo World Congress se celebró en Barcelona del 7 al 9 de noviembre.',
          'Anunciada como la mayor edición hasta la fecha, quiso mostrar al mundo las soluciones inteligentes que están definiendo esta nueva era: las que ya ayudan a las ciudades a prosperar y a crear espacios urbanos más seguros, más verdes y más eficientes.',
        ],
      },
      highlights: { en: [], es: [] },
      organisers: { en: [], es: [] },
      coverAlt: {
        en: 'Abstract cover artwork: a gradient from magenta to orange with “SCEWC 2023” in large letters.',
        es: 'Portada abstracta: un degradado del magenta al naranja con «SCEWC 2023» en letras grandes.',
      },
    },
    {
      key: 'govtech-2021',
      kind: 'conference',
      startDate: '2021-10-12',
      endDate: null,
      startTime: null,
      endTime: null,
      timeZone: 'UTC',
      format: 'online',
      cityKey: null,
      venue: null,
      accessibility: null,
      cover: { label: 'GovTech 2021', palette: ['#A21942', '#19486A'] },
      title: { en: 'GovTech 2021', es: 'GovTech 2021' },
      slug: { en: 'govtech-2021', es: 'govtech-2021' },
      description: {
        en: [
          'GovTech 2021 brought together data and technology pioneers to look at the challenges and the successes of introducing new and emerging technologies in the public sector.',
          'On 12 October 2021, tech trailblazers and government officials met online to share what they know and to close the gap between policy and cutting-edge technology.',
        ],
        es: [
          'GovTech 2021 reunió a pioneros de los datos y la tecnología para analizar los retos y los logros de la implantación de tecnologías nuevas y emergentes en el sector público.',
          'El 12 de octubre de 2021, innovadores tecnológicos y responsables públicos se dieron cita en un encuentro virtual para compartir conocimientos y acortar la distancia entre las políticas públicas y la tecnología más avanzada.',
        ],
      },
      highlights: {
        en: [
          'A programme delivered by leading policymakers and decision-makers from across the technology sector',
          'The chance to solve strategic problems by sharing ideas and solutions with more than 300 peers',
          'Two streams, GovTech Deployment and GovTech Culture Shift, so that delegates can follow content tailored to their expertise',
        ],
        es: [
          'Un programa a cargo de destacados responsables de políticas públicas y de la toma de decisiones en todo el sector tecnológico',
          'La oportunidad de resolver problemas estratégicos compartiendo ideas y soluciones con más de 300 colegas',
          'Dos itinerarios, GovTech Deployment y GovTech Culture Shift, para que cada asistente pueda seguir contenidos adaptados a su especialidad',
        ],
      },
      organisers: { en: [], es: [] },
      coverAlt: {
        en: 'Abstract cover artwork: a gradient from burgundy to navy with “GovTech 2021” in large letters.',
        es: 'Portada abstracta: un degradado del granate al azul marino con «GovTech 2021» en letras grandes.',
      },
    },
    {
      key: 'itu-digital-world-2021',
      kind: 'conference',
      startDate: '2021-10-12',
      endDate: '2021-10-15',
      startTime: null,
      endTime: null,
      timeZone: 'Asia/Ho_Chi_Minh',
      format: null,
      cityKey: 'hanoi',
      venue: null,
      accessibility: null,
      cover: { label: 'Digital World 2021', palette: ['#00689D', '#26BDE2'] },
      title: { en: 'ITU Digital World 2021', es: 'ITU Digital World 2021' },
      slug: { en: 'itu-digital-world-2021', es: 'itu-digital-world-2021' },
      description: {
        en: [
          'ITU Digital World 2021, the leading UN technology event for governments, industry and tech SMEs, took place in Hanoi, Viet Nam, from 12 to 15 October 2021.',
          'It was a place to connect, exhibit and explore common challenges, to exchange ideas and to build partnerships.',
        ],
        es: [
          'ITU Digital World 2021, el principal evento tecnológico de las Naciones Unidas para gobiernos, industria y pymes tecnológicas, se celebró en Hanói (Vietnam) del 12 al 15 de octubre de 2021.',
          'Fue un punto de encuentro para establecer contactos, exponer, abordar retos comunes, intercambiar ideas y forjar alianzas.',
        ],
      },
      highlights: {
        en: [
          'A global platform for major industry players, tech SMEs, countries and organisations',
          'International visibility for innovative ICT products, technologies and solutions',
          'High-level debates, led by experts, on the core issues facing the ICT sector',
          'Targeted networking at every level of the industry',
          'Knowledge and best practice shared across emerging and developed markets',
          'UN recognition as a provider of ICT for sustainable development through the Awards programme',
        ],
        es: [
          'Una plataforma mundial para los grandes actores del sector, las pymes tecnológicas, los países y las organizaciones',
          'Visibilidad internacional para productos, tecnologías y soluciones TIC innovadoras',
          'Debates de alto nivel, dirigidos por especialistas, sobre las cuestiones clave que afectan al sector de las TIC',
          'Contactos profesionales específicos en todos los niveles del sector',
          'Intercambio de conocimientos y buenas prácticas entre mercados emergentes y desarrollados',
          'Reconocimiento de las Naciones Unidas como proveedor de TIC para el desarrollo sostenible a través del programa de premios',
        ],
      },
      organisers: { en: ['ITU'], es: ['UIT'] },
      coverAlt: {
        en: 'Abstract cover artwork: a gradient from deep blue to sky blue with “Digital World 2021” in large letters.',
        es: 'Portada abstracta: un degradado del azul intenso al azul celeste con «Digital World 2021» en letras grandes.',
      },
    },
    {
      key: 'innovate4cities-2021',
      kind: 'conference',
      startDate: null,
      endDate: null,
      startTime: null,
      endTime: null,
      timeZone: 'UTC',
      format: 'online',
      cityKey: null,
      venue: null,
      accessibility: null,
      cover: { label: 'I4C 2021', palette: ['#3F7E44', '#56C02B'] },
      title: { en: 'Innovate4Cities 2021', es: 'Innovate4Cities 2021' },
      slug: { en: 'innovate4cities-2021', es: 'innovate4cities-2021' },
      description: {
        en: [
          'UN-Habitat and the Global Covenant of Mayors for Climate & Energy (GCoM) invited cities to take part in Innovate4Cities 2021, a global conference on climate change also known as I4C.',
          'A virtual event with both a global and a regional dimension, it connected cities with innovation, climate change, science, policy and practice, all united by one goal: enabling cities to take faster and more ambitious climate action.',
        ],
        es: [
          'ONU-Hábitat y el Pacto Global de Alcaldes por el Clima y la Energía (GCoM) invitaron a participar en Innovate4Cities 2021, una conferencia mundial sobre el cambio climático también conocida como I4C.',
          'Este encuentro virtual, de alcance mundial y regional, puso en relación a las ciudades con la innovación, el cambio climático, la ciencia, las políticas públicas y la práctica, en torno a un objetivo común: que las ciudades puedan emprender una acción climática más rápida y ambiciosa.',
        ],
      },
      highlights: { en: [], es: [] },
      organisers: {
        en: ['UN-Habitat', 'Global Covenant of Mayors for Climate & Energy (GCoM)'],
        es: ['ONU-Hábitat', 'Pacto Global de Alcaldes por el Clima y la Energía (GCoM)'],
      },
      coverAlt: {
        en: 'Abstract cover artwork: a gradient in two shades of green with “I4C 2021” in large letters.',
        es: 'Portada abstracta: un degradado en dos tonos de verde con «I4C 2021» en letras grandes.',
      },
    },
    {
      key: 'smart-buildings-show-2021',
      kind: 'trade_show',
      startDate: '2021-10-06',
      endDate: '2021-10-07',
      startTime: null,
      endTime: null,
      timeZone: 'Europe/London',
      format: 'in_person',
      cityKey: 'london',
      venue: { en: 'ExCeL London', es: 'ExCeL London' },
      accessibility: null,
      cover: { label: 'Smart Buildings 2021', palette: ['#FCC30B', '#BF8B2E'] },
      title: { en: 'Smart Buildings Show 2021', es: 'Smart Buildings Show 2021' },
      slug: { en: 'smart-buildings-show-2021', es: 'smart-buildings-show-2021' },
      description: {
        en: [
          'Smart Buildings Show 2021, held at ExCeL London on 6 and 7 October 2021, put visitors in touch with the latest information and technology in the smart buildings industry, so that they could decide, on an informed basis, how to make intelligent buildings more economical for owners and more functional for occupiers.',
          'Smart buildings provide services that keep occupants productive at the lowest cost and environmental impact over the whole life of the building. That calls for intelligence to be built in from the design stage right through to the end of the building’s useful life: in operation, information technology links subsystems that usually work on their own, so that they can share information and optimise the performance of the building as a whole.',
          'The show covered every key aspect of creating and managing a smart building.',
        ],
        es: [
          'Smart Buildings Show 2021, celebrada en el ExCeL de Londres los días 6 y 7 de octubre de 2021, acercó a los visitantes la información y la tecnología más recientes del sector de los edificios inteligentes, para que pudieran decidir con conocimiento de causa cómo hacer sus edificios más económicos para los propietarios y más funcionales para los ocupantes.',
          'Los edificios inteligentes prestan servicios que favorecen la productividad de sus ocupantes con el menor coste y el menor impacto ambiental a lo largo de todo su ciclo de vida. Para ello es necesario incorporar inteligencia desde la fase de diseño hasta el final de la vida útil del edificio: durante su funcionamiento, las tecnologías de la información conectan subsistemas que normalmente operan por separado, de modo que compartan información y optimicen el rendimiento global del edificio.',
          'La feria abordó todos los aspectos clave de la creación y la gestión de un edificio inteligente.',
        ],
      },
      highlights: {
        en: [
          'Building automation systems',
          'Energy efficiency',
          'Lighting and controls',
          'Security',
          'HVAC',
          'Smart meters and monitoring',
          'Networks and wireless',
          'Software',
          'Services and support',
          'Building automation and design',
          'Building energy management',
          'Regulations and consultancy',
          'Workplace and wellbeing',
        ],
        es: [
          'Sistemas de automatización de edificios',
          'Eficiencia energética',
          'Iluminación y sistemas de control',
          'Seguridad',
          'Climatización (HVAC)',
          'Contadores inteligentes y monitorización',
          'Redes y tecnologías inalámbricas',
          'Software',
          'Servicios y asistencia técnica',
          'Automatización y diseño de edificios',
          'Gestión energética de edificios',
          'Normativa y consultoría',
          'Entorno de trabajo y bienestar',
        ],
      },
      organisers: { en: [], es: [] },
      coverAlt: {
        en: 'Abstract cover artwork: a gradient from yellow to ochre with “Smart Buildings 2021” in large letters.',
        es: 'Portada abstracta: un degradado del amarillo al ocre con «Smart Buildings 2021» en letras grandes.',
      },
    },
  ],

  articles: [
    {
      key: 'study-2023-published',
      date: '2023-10-01',
      studyKeys: ['study-2023'],
      eventKeys: ['focus-group-2023'],
      cover: { label: '2023', palette: ['#FD9D24', '#DD1367'] },
      title: {
        en: 'The Smart Cities Study 2023 is out',
        es: 'Ya está disponible el Estudio de Ciudades Inteligentes 2023',
      },
      slug: {
        en: 'smart-cities-study-2023-is-out',
        es: 'ya-disponible-estudio-ciudades-inteligentes-2023',
      },
      excerpt: {
        en: 'The fifth edition of the Smart Cities Study looks at cities as innovation ecosystems and links good practices from 20 cities in 16 countries to the Sustainable Development Goals.',
        es: 'La quinta edición del Estudio de Ciudades Inteligentes analiza las ciudades como ecosistemas de innovación y vincula con los Objetivos de Desarrollo Sostenible las buenas prácticas de 20 ciudades de 16 países.',
      },
      body: {
        en: [
          'The Smart Cities Study 2023 has been published. Under the title “Cities as innovation ecosystems contributing to the achievement of the SDGs”, this fifth edition looks at cities as spaces for collaboration and creativity where pilot projects emerge in answer to social and economic challenges, driving public-private R&D&I and contributing to the United Nations 2030 Agenda.',
          'Prepared by the UCLG Digital Cities Community of Practice, which is chaired by the city of Bilbao, the study describes the current situation and the main trends in the six axes of a smart city:',
          {
            list: [
              'Smart Economy',
              'New Mobility',
              'Environment',
              'Digital Citizenship',
              'Quality of Life',
              'Smart Governance',
            ],
          },
          'With the participation of 20 cities from 16 countries, it gathers local good practices that can be transferred to other cities, brings to light the barriers and enablers that shape the development of smart cities, and links these practices to the Sustainable Development Goals. The aim is for the study to serve as a reference guide for cities that want to advance as smart cities while contributing to the SDGs.',
          'The study is available in Spanish and English.',
        ],
        es: [
          'Ya se ha publicado el Estudio de Ciudades Inteligentes 2023. Con el título «Las ciudades como ecosistemas de innovación que contribuyen a la consecución de los ODS», esta quinta edición analiza las ciudades como espacios de colaboración y creatividad en los que nacen proyectos piloto para responder a retos sociales y económicos, que impulsan la I+D+i desde una perspectiva público-privada y contribuyen a la Agenda 2030 de las Naciones Unidas.',
          'Elaborado por la Comunidad de Práctica de Ciudades Digitales de CGLU, presidida por la ciudad de Bilbao, el estudio describe la situación actual y las principales tendencias de los seis ejes de una ciudad inteligente:',
          {
            list: [
              'Economía inteligente',
              'Nueva movilidad',
              'Medio ambiente',
              'Ciudadanía digital',
              'Calidad de vida',
              'Gobernanza inteligente',
            ],
          },
          'Con la participación de 20 ciudades de 16 países, recoge buenas prácticas locales que pueden trasladarse a otras ciudades, saca a la luz las barreras y los facilitadores que condicionan el desarrollo de las ciudades inteligentes y vincula estas prácticas con los Objetivos de Desarrollo Sostenible. El propósito es que sirva de guía de referencia a las ciudades que quieran avanzar hacia el modelo de ciudad inteligente y contribuir a los ODS.',
          'El estudio está disponible en español y en inglés.',
        ],
      },
      coverAlt: {
        en: 'Abstract cover artwork: a gradient from orange to magenta with the year 2023 in large figures.',
        es: 'Portada abstracta: un degradado del naranja al magenta con el año 2023 en cifras grandes.',
      },
    },
  ],

  settings: {
    chairCityKey: 'bilbao',
    siteName: { en: 'Digital Cities', es: 'Ciudades Digitales' },
    communityName: {
      en: 'UCLG Digital Cities Community of Practice',
      es: 'Comunidad de Práctica de Ciudades Digitales de CGLU',
    },
    description: {
      en: 'Studies, events and news from the UCLG Digital Cities Community of Practice on smart cities and their contribution to the Sustainable Development Goals.',
      es: 'Estudios, eventos y noticias de la Comunidad de Práctica de Ciudades Digitales de CGLU sobre las ciudades inteligentes y su contribución a los Objetivos de Desarrollo Sostenible.',
    },
    footer: {
      en: 'The UCLG Digital Cities Community of Practice is chaired by the city of Bilbao.',
      es: 'La Comunidad de Práctica de Ciudades Digitales de CGLU está presidida por la ciudad de Bilbao.',
    },
  },
};
