import { checkPreviewLink, checkReportLink, signPreviewLink, signReportLink } from '../../cms/src/preview/signed-link.js';

const SECRET = 'a-shared-secret-of-some-length';
const NOW = 1_800_000_000;
const target = { type: 'study', documentId: 'abc123', locale: 'es' };

describe('signed links', () => {
  it('opens a report link signed with the secret until it expires', () => {
    const query = signReportLink(SECRET, NOW + 600);
    expect(checkReportLink(SECRET, query, NOW)).toEqual({ ok: true });
    expect(checkReportLink(SECRET, query, NOW + 600)).toEqual({ ok: false, reason: 'expired' });
    expect(checkReportLink('another-secret', query, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('never lets a preview link open the report, nor a report link a preview', () => {
    const preview = signPreviewLink(SECRET, target, NOW + 600);
    const report = signReportLink(SECRET, NOW + 600);
    expect(checkPreviewLink(SECRET, target, preview, NOW)).toEqual({ ok: true });
    expect(checkReportLink(SECRET, preview, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(checkPreviewLink(SECRET, target, report, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a link whose expiry lies further ahead than any link is made for', () => {
    expect(checkReportLink(SECRET, signReportLink(SECRET, NOW + 61 * 60), NOW)).toEqual({ ok: false, reason: 'expired' });
  });
});
