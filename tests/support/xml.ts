// Reading XML as strictly as a feed reader should: saxes, a conformant XML 1.0 parser that
// refuses forbidden characters and malformed markup, with namespaces checked.
import { SaxesParser } from 'saxes';

/** saxes's error for a document, or null when it is well-formed XML 1.0. */
export const xmlError = (xml: string): string | null => {
  const parser = new SaxesParser({ xmlns: true });
  try {
    parser.write(xml).close();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};
