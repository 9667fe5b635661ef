// The build state: kept in memory for the next build of the process, and on disk, written a
// document at a time, as the same JSON that JSON.stringify would give.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flushState, loadState, saveState, statePathFor, STATE_VERSION, type BuildState } from '../../scripts/publish/state.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'state-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const state = (release: string): BuildState => ({
  version: STATE_VERSION,
  release,
  snapshot: {
    fetchedAt: '2026-11-27T10:00:00.000Z',
    requestCount: 3,
    collections: {
      study: { en: [{ documentId: 'a', title: 'Smart "cities"', summary: [{ type: 'paragraph', children: [{ type: 'text', text: 'line\nbreak' }] }] }], es: [{ documentId: 'a', title: '¿Ciudades? Año ñ — “sí”' }] },
      event: { en: [], es: [] },
    },
    singles: { 'site-setting': { en: { siteName: 'Network' }, es: null } },
  },
  pageHashes: { '/en/': 'h1', '/es/': 'h2' },
  calendarHashes: { '/en/events.ics': 'c1' },
});

test('what reaches the disk parses back to the state, collections and all', async () => {
  const outDir = path.join(root, 'one', 'dist');
  mkdirSync(path.join(root, 'one', '.dist-releases'), { recursive: true });
  const saved = state('r1');
  saveState(outDir, saved);
  await flushState();
  expect(JSON.parse(readFileSync(statePathFor(outDir), 'utf8'))).toEqual(saved);
});

test('a newer state replaces an older one that has not been written yet, and the process reads it back from memory', async () => {
  const outDir = path.join(root, 'two', 'dist');
  mkdirSync(path.join(root, 'two', '.dist-releases'), { recursive: true });
  saveState(outDir, state('old'));
  saveState(outDir, state('new'));
  expect(loadState(outDir)?.release).toBe('new');
  await flushState();
  expect((JSON.parse(readFileSync(statePathFor(outDir), 'utf8')) as BuildState).release).toBe('new');
});
