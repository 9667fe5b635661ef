// Addresses that moved: which, the _redirects file hosts read, and the pages left at old
// addresses for hosts that cannot redirect, over the sample site's view.
import { readFileSync } from 'node:fs';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';
import { normalise } from '../../scripts/normalise/normalise.js';
import { movedSections } from '../../scripts/normalise/urls.js';
import { buildSiteView } from '../../scripts/render/pages.js';
import { movedSectionsOf, redirectPageHtml, redirectPagesOf, redirectsFile } from '../../scripts/render/redirects.js';
import { parseRedirects, redirectOf } from '../../scripts/server/redirect-rules.js';

const FIXTURE: RawSnapshot = JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8'));
const model = normalise(structuredClone(FIXTURE), { cmsUrl: 'http://cms.test:1337' });
const view = buildSiteView(model, new Date('2023-11-08T12:00:00Z'), [], { listPageSize: 2 });

test('the Spanish sections moved from their English words; English ones did not', () => {
  expect(movedSections('en')).toEqual([]);
  expect(movedSections('es')).toEqual([
    { from: '/es/studies/', to: '/es/estudios/' },
    { from: '/es/events/', to: '/es/eventos/' },
    { from: '/es/news/', to: '/es/noticias/' },
    { from: '/es/axes/', to: '/es/ejes/' },
  ]);
});

test('the _redirects file forces a 301 for everything below each moved section, and this server reads it back alike', () => {
  const text = redirectsFile(movedSectionsOf(['en', 'es']));
  expect(text.split('\n').filter((line) => line !== '' && !line.startsWith('#'))).toEqual([
    '/es/studies/* /es/estudios/:splat 301!',
    '/es/events/* /es/eventos/:splat 301!',
    '/es/news/* /es/noticias/:splat 301!',
    '/es/axes/* /es/ejes/:splat 301!',
  ]);
  const rules = parseRedirects(text);
  expect(redirectOf(rules, '/es/news/pagina/2/')).toEqual({ location: '/es/noticias/pagina/2/', status: 301 });
  expect(redirectOf(rules, '/es/studies/x/x-resumen.pdf')).toEqual({ location: '/es/estudios/x/x-resumen.pdf', status: 301 });
  expect(redirectOf(rules, '/en/news/')).toBeNull();
  expect(redirectOf(rules, '/es/noticias/')).toBeNull();
});

test('every Spanish page of a moved section, list pages past the first included, has a page at its old address; no English page does', () => {
  const redirects = redirectPagesOf(view.pages, movedSectionsOf(model.locales));
  const spanish = view.pages.filter((page) => /^\/es\/(estudios|eventos|noticias|ejes)\//.test(page.url));
  expect(redirects.map((r) => r.to).sort()).toEqual(spanish.map((page) => page.url).sort());
  expect(redirects).toContainEqual({ from: '/es/studies/estudio-ciudades-inteligentes-2023/', to: '/es/estudios/estudio-ciudades-inteligentes-2023/', locale: 'es' });
  expect(redirects).toContainEqual({ from: '/es/axes/pagina/2/', to: '/es/ejes/pagina/2/', locale: 'es' });
  expect(redirects.some((r) => r.from.startsWith('/en/'))).toBe(false);
  // No old address is a page of the site: a page left there would hide one.
  const urls = new Set(view.pages.map((page) => page.url));
  expect(redirects.filter((r) => urls.has(r.from))).toEqual([]);
});

test('a page at an old address refreshes to the new one at once, names it canonical, is not indexed, and says so in its language', () => {
  const html = redirectPageHtml({ from: '/es/studies/a/', to: '/es/estudios/a"><script>x</script>/', locale: 'es' }, 'https://cities.example.org/');
  const document = parseDocument(html);
  const meta = DomUtils.findAll((el) => el.name === 'meta', document.children);
  expect(meta.find((el) => el.attribs['http-equiv'] === 'refresh')?.attribs.content).toBe('0; url=/es/estudios/a"><script>x</script>/');
  expect(meta.find((el) => el.attribs.name === 'robots')?.attribs.content).toBe('noindex');
  expect(DomUtils.findOne((el) => el.name === 'link' && el.attribs.rel === 'canonical', document.children)?.attribs.href).toBe('https://cities.example.org/es/estudios/a"><script>x</script>/');
  expect(DomUtils.findAll((el) => el.name === 'script', document.children)).toEqual([]);
  expect(DomUtils.findOne((el) => el.name === 'html', document.children)?.attribs.lang).toBe('es');
  expect(DomUtils.textContent(DomUtils.findOne((el) => el.name === 'title', document.children)!)).toBe('Esta página se ha trasladado');
});
