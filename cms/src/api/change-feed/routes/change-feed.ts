// GET /api/export/changes?since=<ISO date>: see controllers/change-feed.
export default {
  routes: [{ method: 'GET' as const, path: '/export/changes', handler: 'change-feed.read', config: {} }],
};
