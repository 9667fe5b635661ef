// What the report says of a failed build: a PipelineError's own account (what failed, what to
// do, with its context), and for anything else (a bug in a stage) its stack and its causes, so
// a TypeError is not reduced to one line.
import { CmsResponseError, PipelineError } from '../../scripts/errors.js';
import { errorOf } from '../../scripts/publish/report.js';

test('a bug in a stage keeps its stack and every cause under it', () => {
  const root = new RangeError('offset out of range');
  const bug = new TypeError("Cannot read properties of undefined (reading 'slug')", { cause: new Error('while rendering /en/studies/x/', { cause: root }) });
  const reported = errorOf(bug);
  expect(reported?.name).toBe('TypeError');
  expect(reported?.context.stack).toEqual(expect.stringContaining('TypeError: Cannot read properties of undefined'));
  expect(reported?.context.causes).toEqual(['Error: while rendering /en/studies/x/', 'RangeError: offset out of range']);
});

test("a PipelineError keeps its context and causes, and a CMS answer's HTTP status, but no stack", () => {
  const failed = new CmsResponseError('The CMS answered HTTP 502 for http://cms/api/studies.', { url: 'http://cms/api/studies' }, { status: 502, cause: new Error('bad gateway') });
  const reported = errorOf(failed);
  expect(reported?.context).toEqual({ url: 'http://cms/api/studies', status: 502, causes: ['Error: bad gateway'] });
  expect(errorOf(new PipelineError('Nothing to publish.', { type: 'site-setting' }))?.context).toEqual({ type: 'site-setting' });
});
