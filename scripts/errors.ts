// One base class for every failure the pipeline reports. Each subclass says what failed
// (the document, the locale, the URL) and what to do; the cause rides along for debugging.

export interface FailureContext {
  /** Content type, e.g. "study". */
  type?: string;
  documentId?: string;
  locale?: string;
  /** Dotted path of the offending field, e.g. "summary.2.children.0.url". */
  field?: string;
  url?: string;
  file?: string;
}

export class PipelineError extends Error {
  override readonly name: string = 'PipelineError';
  readonly context: FailureContext;

  constructor(message: string, context: FailureContext = {}, options: { cause?: unknown } = {}) {
    super(message, options);
    this.context = context;
  }
}

/** The CMS could not be reached at all (refused, DNS, timeout after every retry). */
export class CmsUnreachableError extends PipelineError {
  override readonly name = 'CmsUnreachableError';
}

/** An answer of the CMS the pipeline cannot use; `status` is its HTTP status, when it had one. */
class CmsAnswerError extends PipelineError {
  readonly status: number | null;

  constructor(message: string, context: FailureContext = {}, options: { cause?: unknown; status?: number } = {}) {
    super(message, context, options);
    this.status = options.status ?? null;
  }
}

/** The CMS refused the token (401) or its permissions (403). */
export class CmsAuthError extends CmsAnswerError {
  override readonly name = 'CmsAuthError';
}

/** The CMS answered, but not with what the pipeline can use (a 4xx/5xx, a body that is not JSON). */
export class CmsResponseError extends CmsAnswerError {
  override readonly name = 'CmsResponseError';
}

/** The staged site failed verification (a broken link, a missing alternate). */
export class VerificationError extends PipelineError {
  override readonly name = 'VerificationError';
}

/** Pagefind could not index the staged pages or write its index. */
export class SearchIndexError extends PipelineError {
  override readonly name = 'SearchIndexError';
}

/** Writing or swapping the output failed; the previous output is still in place. */
export class PublishError extends PipelineError {
  override readonly name = 'PublishError';
}
