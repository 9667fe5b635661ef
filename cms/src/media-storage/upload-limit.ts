// The largest file the media library takes, in bytes. Two places enforce it: Strapi's body
// parser, which stops reading a request at this size (so a huge upload is refused before it is
// written anywhere, the bucket included), and the upload plugin's own check.
export const DEFAULT_UPLOAD_SIZE_LIMIT = 100 * 1024 * 1024;

export const uploadSizeLimit = (value: string | undefined): number => {
  if (value === undefined || value.trim() === '') return DEFAULT_UPLOAD_SIZE_LIMIT;
  const bytes = Number(value);
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new Error(`UPLOAD_SIZE_LIMIT must be a whole number of bytes, not "${value}"`);
  return bytes;
};
