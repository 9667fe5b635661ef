// The search page's script: reads the words from the form (or from ?q= in the address, as a
// 404 page's search box sends them), asks the Pagefind index of the page's language and lists
// the results as links. Served from the site under its Content-Security-Policy: no inline
// script, and nothing from the index becomes markup but Pagefind's own <mark> highlights
// (titles and excerpts hold editors' text, which may look like HTML).
const root = document.querySelector('.search[data-search-index]');
const PAGE_SIZE = 20;

if (root) {
  const form = root.querySelector('form');
  const input = form.querySelector('input[name="q"]');
  const fallback = root.querySelector('.search-fallback');
  const status = root.querySelector('.search-status');
  const list = root.querySelector('.search-results');
  const text = root.dataset;
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));

  // With the script running the form works: show it, and drop the "needs JavaScript" note.
  form.hidden = false;
  fallback.hidden = true;

  let index = null;
  /** Pagefind, loaded once; it picks the index of the page's <html lang>. */
  const loadIndex = () => (index ??= import(`${text.searchIndex}pagefind.js`).then(async (pagefind) => {
    await pagefind.options({ excerptLength: 24 });
    await pagefind.init();
    return pagefind;
  }));

  /** An excerpt's text and its <mark> highlights, parsed inertly (no script runs, nothing loads) and rebuilt as text. */
  const excerptNodes = (html) => {
    const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
    return Array.from(parsed.body.childNodes, (node) => {
      if (node.nodeName !== 'MARK') return document.createTextNode(node.textContent ?? '');
      const mark = document.createElement('mark');
      mark.textContent = node.textContent ?? '';
      return mark;
    });
  };

  const resultItem = (data) => {
    const item = document.createElement('li');
    const heading = document.createElement('h2');
    const link = document.createElement('a');
    link.href = data.url;
    link.textContent = data.meta?.title ?? data.url;
    heading.append(link);
    item.append(heading);
    const type = data.filters?.type?.[0];
    if (type) {
      const meta = document.createElement('p');
      meta.className = 'meta';
      meta.textContent = type;
      item.append(meta);
    }
    const excerpt = document.createElement('p');
    excerpt.append(...excerptNodes(data.excerpt ?? ''));
    item.append(excerpt);
    return item;
  };

  let more = null;
  let current = 0;
  const showFrom = async (results, start, search) => {
    const page = await Promise.all(results.slice(start, start + PAGE_SIZE).map((result) => result.data()));
    // A newer search has started meanwhile: its results win.
    if (search !== current) return;
    list.append(...page.map(resultItem));
    more?.remove();
    more = null;
    if (start + PAGE_SIZE < results.length) {
      more = document.createElement('button');
      more.type = 'button';
      more.className = 'search-more';
      more.textContent = text.more;
      more.addEventListener('click', () => {
        const first = list.children.length;
        void showFrom(results, start + PAGE_SIZE, search).then(() => list.children[first]?.querySelector('a')?.focus());
      });
      list.after(more);
    }
  };

  const run = async (query) => {
    const search = (current += 1);
    list.replaceChildren();
    more?.remove();
    more = null;
    if (query === '') {
      status.textContent = '';
      return;
    }
    status.textContent = text.searching;
    try {
      const pagefind = await loadIndex();
      const { results } = await pagefind.search(query);
      if (search !== current) return;
      const count = results.length;
      status.textContent = fill(count === 0 ? text.noResults : count === 1 ? text.resultsOne : text.resultsMany, { count: count.toLocaleString(document.documentElement.lang), query });
      await showFrom(results, 0, search);
    } catch (error) {
      if (search !== current) return;
      status.textContent = text.failed;
      // The note says JavaScript is off, which is not so here; the links to the sections stay useful.
      fallback.hidden = false;
      fallback.querySelector('.search-needs-js').hidden = true;
      console.warn('Search failed', error);
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = input.value.trim();
    // The address holds the words, so that a reload or a shared link shows the same results.
    const url = new URL(window.location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    window.history.replaceState(null, '', url);
    void run(query);
  });

  const asked = (new URL(window.location.href).searchParams.get('q') ?? '').trim();
  if (asked) {
    input.value = asked;
    void run(asked);
  }
}
