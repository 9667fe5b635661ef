// What a deploy must do to make the bucket hold the release, decided without touching either:
// which objects the release wants (each file with its type and caching, and the redirects an
// object store can express), which of them the bucket already holds as wanted (by the content
// hash and headers the last deploy recorded in its manifest, or that an object carries in its
// metadata), in what order the rest goes up, and what goes once everything is up.
//
// The manifest is the deploy's record of the bucket, so that a deploy need not list it (a
// listing costs a request per 1,000 objects, most of a one-edit deploy's time at 2,000
// documents): it names every object the deploys put there and what each holds, and, while a
// deploy is under way, the names that deploy may be changing (`pending`). Read back, it tells
// the whole content of the bucket: vouched objects as recorded, pending ones unknown (uploaded
// again if wanted, deleted if not). Without a manifest, or asked to verify, a deploy lists.
import { cacheControlOf, contentTypeOf } from '../lib/site-headers.js';
import { GONE, redirectOf, type RedirectRule } from '../server/redirect-rules.js';

/**
 * The order of uploads, so that a reader never meets a page without its media or a feed
 * without its page: media, PDFs and the other files pages use, then pages, then redirects to
 * pages, then what lists pages (feeds, calendars, sitemaps) and the hosts' rule files.
 */
export const PHASES = ['media', 'pages', 'redirects', 'feeds'] as const;
export type Phase = (typeof PHASES)[number];

/** The manifest's name under the target's prefix. It is not a site file: no release holds it. */
export const MANIFEST_NAME = '.deploy-manifest.json';

/** What an object holds, as far as a deploy compares: its content and the headers it is served with. */
export interface ObjectState {
  sha256: string;
  size: number;
  contentType: string;
  cacheControl: string;
  /** The object store's redirect (x-amz-website-redirect-location), or null. */
  redirect: string | null;
}

/** An object the release wants. */
export interface WantedObject extends ObjectState {
  /** Its path in the release (and under the target's prefix), with forward slashes. */
  name: string;
  /** The release file it is uploaded from; null for a redirect that has no file in the release (uploaded empty). */
  file: string | null;
  phase: Phase;
}

/** The manifest a deploy leaves beside the site: what each object it uploaded holds. */
export interface Manifest {
  version: 2;
  /** The release it describes, when complete; null while a deploy is under way. */
  release: string | null;
  /** Every object the bucket holds as recorded (under the prefix, the manifest aside). */
  objects: Record<string, ObjectState>;
  /** Names a deploy under way may have written or deleted: in the bucket or not, in any state. Empty once complete. */
  pending: string[];
}

export const EMPTY_MANIFEST: Manifest = { version: 2, release: null, objects: {}, pending: [] };

/** Size of a pending name in a bucket view: unknown, so equal to no object's. */
const UNKNOWN_SIZE = -1;

/** What the manifest says the bucket holds (name → size, the manifest aside), for planDeploy in place of a listing. */
export const recordedContents = (manifest: Manifest): Map<string, number> => {
  const contents = new Map(Object.entries(manifest.objects).map(([name, state]) => [name, state.size]));
  for (const name of manifest.pending) contents.set(name, UNKNOWN_SIZE);
  return contents;
};

/** SHA-256 of no bytes: the content of a redirect object. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const FEEDS = /(^|\/)(feed\.xml|atom\.xml|feed\.json)$|\.ics$|^sitemap(-\d+)?\.xml$|^(robots\.txt|_redirects|_headers)$/;

export const phaseOf = (name: string): Phase => (FEEDS.test(name) ? 'feeds' : name.endsWith('.html') ? 'pages' : 'media');

/** The object name a site path is stored under (a folder's page is its index.html), or null for one that cannot be. */
export const objectNameOf = (sitePath: string): string | null => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(sitePath);
  } catch {
    return null;
  }
  const name = `${decoded.replace(/^\/+/, '')}${decoded.endsWith('/') ? 'index.html' : ''}`;
  return name === '' || name.includes('\0') || name.split('/').some((segment) => segment === '..' || segment === '.') ? null : name;
};

/**
 * Every object the release wants: its files (`files`: name → content hash and size), and for
 * each exact redirect rule (no trailing `*`, not 410) the object at its address carrying the
 * store's redirect. A redirect goes on the release's own file there when it has one (the
 * redirect page the build left for hosts that cannot redirect), else on an empty object. The
 * location is the one the pipeline's server answers with (the first rule that matches wins).
 * Rules with `*` match whole folders, which no per-object redirect can: the redirect pages at
 * the old page addresses serve those; and 410 has no object form at all.
 */
export const wantedObjects = (files: ReadonlyMap<string, { sha256: string; size: number; file: string }>, rules: readonly RedirectRule[]): WantedObject[] => {
  const wanted = new Map<string, WantedObject>();
  for (const [name, { sha256, size, file }] of files) {
    wanted.set(name, { name, file, sha256, size, contentType: contentTypeOf(name), cacheControl: cacheControlOf(`/${name}`, name), redirect: null, phase: phaseOf(name) });
  }
  for (const rule of rules) {
    if (rule.splat) continue;
    const effective = redirectOf(rules, rule.from);
    const name = objectNameOf(rule.from);
    if (!effective || effective.status === GONE || name === null || name === MANIFEST_NAME) continue;
    const present = wanted.get(name);
    if (present) {
      if (present.redirect === null) wanted.set(name, { ...present, redirect: effective.location });
      continue;
    }
    wanted.set(name, { name, file: null, sha256: EMPTY_SHA256, size: 0, contentType: contentTypeOf(name), cacheControl: cacheControlOf(`/${name}`, name), redirect: effective.location, phase: 'redirects' });
  }
  return [...wanted.values()];
};

export const sameState = (a: ObjectState, b: ObjectState): boolean =>
  a.sha256 === b.sha256 && a.size === b.size && a.contentType === b.contentType && a.cacheControl === b.cacheControl && a.redirect === b.redirect;

/**
 * What the manifest can vouch for: its entries for objects the bucket holds at the size it
 * records (by a listing, or by recordedContents when the manifest is trusted). Anything else (an object uploaded by a deploy that was stopped, or changed by hand)
 * is known only by its own metadata.
 */
const vouched = (manifest: Manifest, listed: ReadonlyMap<string, number>): Map<string, ObjectState> =>
  new Map(Object.entries(manifest.objects).filter(([name, state]) => listed.get(name) === state.size));

/** Wanted objects the bucket holds but the manifest cannot vouch for: their metadata (a HEAD each) tells. */
export const namesToInspect = (wanted: readonly WantedObject[], manifest: Manifest, listed: ReadonlyMap<string, number>): string[] => {
  const known = vouched(manifest, listed);
  return wanted.filter((object) => listed.has(object.name) && !known.has(object.name)).map((object) => object.name);
};

export interface DeployPlan {
  /** In upload order: by phase, new objects before changed ones, then by name. */
  uploads: WantedObject[];
  /** Wanted objects the bucket already holds as wanted. */
  unchanged: number;
  /** Objects the release no longer has, deleted once every upload is done. */
  deletions: string[];
  /**
   * The manifest to write before changing anything: what stays as it is, and as pending every
   * name the deploy will write or delete. A deploy stopped halfway leaves it true of the
   * bucket, so the next one redoes what it must.
   */
  interim: Manifest;
  /** The manifest once the deploy is done. */
  final: Manifest;
}

/**
 * The plan. `listed`: every object under the prefix (name → size) but the manifest, from a
 * listing or from recordedContents;
 * `inspected`: what the metadata of each name of namesToInspect says (absent: no usable metadata).
 */
export const planDeploy = (
  release: string,
  wanted: readonly WantedObject[],
  manifest: Manifest,
  listed: ReadonlyMap<string, number>,
  inspected: ReadonlyMap<string, ObjectState>,
): DeployPlan => {
  const known = vouched(manifest, listed);
  const uploads: WantedObject[] = [];
  const kept: Record<string, ObjectState> = {};
  for (const object of wanted) {
    const held = known.get(object.name) ?? inspected.get(object.name);
    if (listed.get(object.name) === object.size && held && sameState(held, object)) kept[object.name] = held;
    else uploads.push(object);
  }
  const names = new Set(wanted.map((object) => object.name));
  // Within a phase, objects the bucket lacks go before those it holds in another version: a
  // changed list page then finds the new page it links to already there.
  const order = (object: WantedObject): number => PHASES.indexOf(object.phase) * 2 + (listed.has(object.name) ? 1 : 0);
  uploads.sort((a, b) => order(a) - order(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const stateOf = ({ sha256, size, contentType, cacheControl, redirect }: ObjectState): ObjectState => ({ sha256, size, contentType, cacheControl, redirect });
  const deletions = [...listed.keys()].filter((name) => !names.has(name)).sort();
  return {
    uploads,
    unchanged: wanted.length - uploads.length,
    deletions,
    interim: { version: 2, release: null, objects: kept, pending: [...uploads.map((object) => object.name), ...deletions] },
    final: { version: 2, release, objects: Object.fromEntries([...wanted].sort((a, b) => (a.name < b.name ? -1 : 1)).map((object) => [object.name, stateOf(object)])), pending: [] },
  };
};
