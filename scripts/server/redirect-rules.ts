// The server follows the release's own _redirects file, the one Netlify and Cloudflare Pages
// read, so that every host answers a moved address alike. Only what the build writes is
// understood: `/from /to 301`, a trailing `*` in `from` carried to `:splat` in `to`, and
// `/from /page 410`: gone, answered with that page's text and status 410.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface RedirectRule {
  from: string;
  /** Whether `from` ends in `*`: it then matches everything below it. */
  splat: boolean;
  to: string;
  status: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 307, 308]);
/** A page that was unpublished: the target is the page shown, not a place to go. */
export const GONE = 410;

/**
 * The rules of a _redirects file. A line it does not understand is skipped, as the hosts do;
 * a target must be a path on this site, so no rule can send readers elsewhere.
 */
export const parseRedirects = (text: string): RedirectRule[] =>
  text.split('\n').flatMap((line) => {
    const [from, to, code = '301'] = line.trim().split(/\s+/);
    if (!from || !to || from.startsWith('#') || !from.startsWith('/')) return [];
    const status = Number(code.replace(/!$/, ''));
    if ((!REDIRECT_STATUSES.has(status) && status !== GONE) || !to.startsWith('/') || to.startsWith('//')) return [];
    const splat = from.endsWith('*');
    return [{ from: splat ? from.slice(0, -1) : from, splat, to, status }];
  });

/** Where a request path goes by the first rule that matches it, or null. */
export const redirectOf = (rules: readonly RedirectRule[], pathname: string): { location: string; status: number } | null => {
  for (const rule of rules) {
    if (rule.splat ? pathname.startsWith(rule.from) || `${pathname}/` === rule.from : pathname === rule.from) {
      const rest = rule.splat ? pathname.slice(rule.from.length) : '';
      return { location: rule.to.replace(':splat', rest), status: rule.status };
    }
  }
  return null;
};

/**
 * The rules of the release last asked for: one release serves thousands of requests, and a
 * release never changes once live (each build, a recycled one included, goes live under a new
 * directory), so its resolved path names its rules.
 */
let cached: { root: string; rules: RedirectRule[] } | null = null;

/** The rules of the release at root (a resolved release directory). */
export const redirectRulesOf = (root: string): RedirectRule[] => {
  if (cached?.root === root) return cached.rules;
  let rules: RedirectRule[] = [];
  try {
    rules = parseRedirects(readFileSync(path.join(root, '_redirects'), 'utf8'));
  } catch (error) {
    // A release built before redirects existed has none.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  cached = { root, rules };
  return rules;
};
