// The deployment recipe (deploy/): Docker is not on these machines, so the compose file is
// checked as data. Every variable our own services get is one the project documents in
// .env.example; every secret comes from the operator's deploy/.env, never from the file itself;
// the CMS instances share what they must (database, bucket, every secret) and the preview
// token stays with the pipeline. The same topology runs as processes in the integration tests
// (topology, the object-store tests).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../scripts/paths.js';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
}

const compose = parse(readFileSync(path.join(projectRoot, 'deploy', 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
/** The services that run this project's code (built from deploy/Dockerfile), by name. */
const ours = Object.entries(services).filter(([, service]) => service.build !== undefined);

/** Variable names .env.example documents, set or commented out (`NAME=` or `# NAME=`). */
const documented = (file: string): Set<string> =>
  new Set([...readFileSync(path.join(projectRoot, file), 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1] as string));

const SECRETS = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY', 'WEBHOOK_TOKEN', 'PREVIEW_SECRET', 'REPORT_SECRET', 'STRAPI_ADMIN_PASSWORD', 'S3_SECRET_ACCESS_KEY', 'DEPLOY_S3_SECRET_ACCESS_KEY'];

test('the recipe runs PostgreSQL, two CMS instances behind a balancer, the pipeline and an S3-compatible store', () => {
  expect(Object.keys(services).sort()).toEqual(['balancer', 'cms-a', 'cms-b', 'db', 'pipeline', 'store']);
  expect(ours.map(([name, service]) => [name, service.command?.join(' ')])).toEqual([
    ['cms-a', 'npm run cms'],
    ['cms-b', 'npm run cms'],
    ['pipeline', 'npm start'],
  ]);
  expect(services.balancer?.command?.filter((word) => word.includes(':1337'))).toEqual([':1337', 'cms-a:1337', 'cms-b:1337']);
});

test.each(ours.map(([name]) => name))('every variable %s gets is documented in .env.example', (name) => {
  const known = documented('.env.example');
  const undocumented = Object.keys(services[name]?.environment ?? {}).filter((variable) => !known.has(variable));
  expect(undocumented).toEqual([]);
});

test('every secret comes from the operator\'s deploy/.env, which deploy/.env.example lists; none is written in the recipe', () => {
  const operator = documented(path.join('deploy', '.env.example'));
  const interpolated = new Set<string>();
  for (const [, service] of Object.entries(services)) {
    for (const [variable, value] of Object.entries(service.environment ?? {})) {
      for (const match of String(value).matchAll(/\$\{([A-Z0-9_]+)/g)) interpolated.add(match[1] as string);
      if (SECRETS.includes(variable)) expect([variable, /^\$\{[A-Z0-9_]+:\?/.test(String(value))]).toEqual([variable, true]);
    }
  }
  expect([...interpolated].filter((variable) => !operator.has(variable))).toEqual([]);
  // The database password reaches the CMS only inside its URL, from the same variable.
  expect(services['cms-a']?.environment?.DATABASE_URL).toContain('${POSTGRES_PASSWORD');
});

test('the CMS instances share the database, the media bucket and every secret; the preview token stays with the CMS and the pipeline', () => {
  const [a, b] = [services['cms-a']?.environment ?? {}, services['cms-b']?.environment ?? {}];
  expect(b).toEqual(a);
  expect(a).toMatchObject({ NODE_ENV: 'production', DATABASE_CLIENT: 'postgres', PIPELINE_WEBHOOK_URL: 'http://pipeline:8080/hooks/strapi' });
  const pipeline = services.pipeline?.environment ?? {};
  expect(pipeline.STRAPI_URL).toBe('http://balancer:1337');
  expect(pipeline.SITE_HOST).toBe('0.0.0.0');
  for (const shared of ['WEBHOOK_TOKEN', 'PREVIEW_SECRET']) expect([shared, pipeline[shared]]).toEqual([shared, a[shared]]);
  // The token keys are on a volume only the CMS instances and the pipeline mount.
  const mounting = Object.entries(services).filter(([, service]) => (service.volumes ?? []).some((volume) => volume.startsWith('tokens:'))).map(([name]) => name);
  expect(mounting).toEqual(['cms-a', 'cms-b', 'pipeline']);
  expect(pipeline.PREVIEW_TOKEN_FILE).toBe(a.PREVIEW_TOKEN_FILE);
  expect(services.pipeline?.volumes).toContain('tokens:/run/pipeline-tokens:ro');
  // The build fetches media from the bucket the CMS uploads to (and nowhere else), without its keys.
  for (const setting of ['S3_BUCKET', 'S3_ENDPOINT', 'S3_PUBLIC_URL']) expect([setting, pipeline[setting]]).toEqual([setting, a[setting]]);
  expect(pipeline.S3_SECRET_ACCESS_KEY).toBeUndefined();
  // The deploy and the media go to the same store, with the same keys.
  expect(pipeline.DEPLOY_S3_ENDPOINT).toBe(a.S3_ENDPOINT);
  expect(pipeline.DEPLOY_S3_ACCESS_KEY_ID).toBe(a.S3_ACCESS_KEY_ID);
});
