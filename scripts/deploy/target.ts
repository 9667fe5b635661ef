// Where a deploy goes: DEPLOY_TARGET, `s3://bucket` or `s3://bucket/prefix`, read in one place
// for the settings' check and for the deploy.

export interface DeployTarget {
  bucket: string;
  /** The key prefix the site's root maps to, without slashes at either end; '' for the bucket's root. */
  prefix: string;
}

// S3's bucket naming rules: 3–63 lower-case letters, digits, dots and hyphens, a letter or digit at each end.
const TARGET = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/;

/** The target a DEPLOY_TARGET names, or a sentence saying what is wrong with it. */
export const parseDeployTarget = (value: string): DeployTarget | string => {
  const match = TARGET.exec(value);
  if (!match) return 'expected s3://bucket or s3://bucket/prefix, the bucket named by S3\'s rules (3–63 lower-case letters, digits, dots, hyphens)';
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix.split('/').some((segment) => segment === '.' || segment === '..' || (prefix !== '' && segment === ''))) return 'the prefix may not hold empty, "." or ".." segments';
  return { bucket: match[1]!, prefix };
};

export const describeTarget = (target: DeployTarget): string => `s3://${target.bucket}${target.prefix ? `/${target.prefix}` : ''}`;
