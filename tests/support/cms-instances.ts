// What the global setup booted, shared with the test files through a JSON file.
import { readFileSync } from 'node:fs';

export interface CmsInstance {
  /** sqlite or postgres: the database behind this CMS. */
  database: 'sqlite' | 'postgres';
  url: string;
  buildToken: string;
  previewToken: string;
  /** The PREVIEW_SECRET the CMS signs preview links with, for a pipeline server that checks them. */
  previewSecret: string;
  adminEmail: string;
  adminPassword: string;
  /** An admin session made once by the global setup: Strapi allows five sign-ins per five
   * minutes, and every test file acts as the editor. */
  adminToken?: string;
  logFile: string;
}

export const INSTANCES_ENV = 'TEST_CMS_INSTANCES_FILE';

export const loadCmsInstances = (): CmsInstance[] => {
  const file = process.env[INSTANCES_ENV];
  if (!file) throw new Error(`${INSTANCES_ENV} is not set: integration tests run under the jest global setup`);
  return JSON.parse(readFileSync(file, 'utf8')) as CmsInstance[];
};
