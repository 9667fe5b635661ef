// GET /api/export/changes?since=<ISO date> and GET /api/export/history: see controllers/change-feed.
export default {
  routes: [
    { method: 'GET' as const, path: '/export/changes', handler: 'change-feed.read', config: {} },
    { method: 'GET' as const, path: '/export/history', handler: 'change-feed.history', config: {} },
  ],
};
