import type { Core } from '@strapi/strapi';

// The pipeline pages at 100, the most the API gives; withCount lets it know the page count.
const config = (): Core.Config.Api => ({
  rest: {
    defaultLimit: 25,
    maxLimit: 100,
    withCount: true,
    // Unknown query parameters are a 400, not silently ignored.
    strictParams: true,
  },
  documents: {
    strictParams: true,
  },
});

export default config;
