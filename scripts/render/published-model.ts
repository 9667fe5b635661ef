// What the site publishes: the content model as normalise made it, joined with what the later
// stages made of it. The media stage says which files could not be copied, the images stage
// gives each cover its responsive copies and each share image its card (or finds it
// unreadable: the page is then shared with its generated card), the PDF stage gives each
// study its summary. No stage writes into the model (normalise keeps its documents from build
// to build); this makes the copies the views are built from.
import { documentKey, type ContentModel, type Document, type ResponsiveImage, type ResponsiveVariant, type SummaryPdf } from '../../domain/model.js';

export interface StageOutputs {
  /** Media files (site paths) that could not be copied: documents are shown without them. */
  missingMedia: ReadonlySet<string>;
  /** Each cover's responsive copies by the cover's site path; null for one that cannot be read. */
  covers?: ReadonlyMap<string, ResponsiveImage | null>;
  /** Each share image's 1200×630 card by the upload's site path; null for one that cannot be read. */
  socialCards?: ReadonlyMap<string, ResponsiveVariant | null>;
  /** Each study's summary PDF, by documentKey. */
  pdfs?: ReadonlyMap<string, SummaryPdf>;
}

export const publishedModel = (model: ContentModel, outputs: StageOutputs): ContentModel => {
  const { missingMedia, covers, socialCards, pdfs } = outputs;
  const withShareImage = <T extends Document>(doc: T): T => {
    const image = doc.seo?.image;
    if (!doc.seo || !image) return doc;
    const card = socialCards?.get(image.file.sitePath);
    if (missingMedia.has(image.file.sitePath) || card === null) return { ...doc, seo: { ...doc.seo, image: null } };
    return card === undefined ? doc : { ...doc, seo: { ...doc.seo, image: { ...image, card } } };
  };
  const withCover = <T extends Document>(doc: T): T => {
    if (!doc.cover) return withShareImage(doc);
    const { sitePath } = doc.cover.file;
    const variants = covers?.get(sitePath);
    if (missingMedia.has(sitePath) || variants === null) return withShareImage({ ...doc, cover: null });
    return withShareImage(variants === undefined ? doc : { ...doc, cover: { ...doc.cover, variants } });
  };
  const studies = model.studies.map((study) => {
    const joined = withCover(study);
    const summaryPdf = pdfs?.get(documentKey(study));
    const fullStudy = study.fullStudy && missingMedia.has(study.fullStudy.sitePath) ? null : study.fullStudy;
    return summaryPdf === undefined && fullStudy === study.fullStudy ? joined : { ...joined, fullStudy, ...(summaryPdf ? { summaryPdf } : {}) };
  });
  const media = missingMedia.size === 0 ? model.media : new Map([...model.media].filter(([sitePath]) => !missingMedia.has(sitePath)));
  return { ...model, studies, events: model.events.map(withCover), articles: model.articles.map(withCover), media };
};
