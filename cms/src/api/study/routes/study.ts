import { factories } from '@strapi/strapi';

// Read-only over the content API: editors write through the admin, the pipeline only reads.
export default factories.createCoreRouter('api::study.study', { only: ['find', 'findOne'] });
