// Runs searches against a built Pagefind index the way a browser does: it imports the index's
// own pagefind.js and lets it fetch its chunks. Plain JavaScript in a worker thread of its
// own (see query-index.ts), because pagefind.js expects a browser: here `fetch` reads the
// index's files from disk and `document` names the language to search, and neither stub, nor
// the module and its WebAssembly, outlives the worker.
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const { indexDir, queries, limit } = workerData;
const base = pathToFileURL(`${indexDir.replace(/\/+$/, '')}/`).href;

let language = 'unknown';
// pagefind.js reads <html lang> to pick its index, and looks at currentScript when loaded.
globalThis.document = { currentScript: null, querySelector: () => ({ getAttribute: () => language }) };
// Only the index's own files: anything else is a 404, as on a site without it.
globalThis.fetch = async (input) => {
  const url = String(input instanceof Request ? input.url : input);
  if (!url.startsWith(base)) return new Response(null, { status: 404 });
  try {
    return new Response(await readFile(fileURLToPath(url)), { status: 200 });
  } catch {
    return new Response(null, { status: 404 });
  }
};

const pagefind = await import(`${base}pagefind.js`);
const answers = [];
const hitOf = (data) => ({ url: data.url, title: data.meta?.title ?? '', excerpt: data.excerpt, filters: data.filters ?? {} });
for (const { locale, term, lookFor } of queries) {
  language = locale;
  await pagefind.options({ basePath: base, baseUrl: '/' });
  const search = await pagefind.search(term);
  const results = (await Promise.all(search.results.slice(0, limit).map((result) => result.data()))).map(hitOf);
  // A page looked for may rank past the first results: read on, a batch at a time, until it shows.
  let found = lookFor === undefined ? null : results.some((hit) => hit.url === lookFor);
  for (let start = limit; found === false && start < search.results.length; start += limit) {
    const batch = await Promise.all(search.results.slice(start, start + limit).map((result) => result.data()));
    found = batch.some((data) => data.url === lookFor);
  }
  answers.push({ locale, term, count: search.results.length, results, found });
  // The next query may be in another language: a fresh instance reads <html lang> again.
  await pagefind.destroy();
}
parentPort.postMessage(answers);
