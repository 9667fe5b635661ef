// Eleventy 3 ships JavaScript with JSDoc, not declarations; this is the part we call.
declare module '@11ty/eleventy' {
  export interface EleventyOptions {
    quietMode?: boolean;
    configPath?: string;
    config?: (eleventyConfig: never) => void | Promise<void>;
  }
  export default class Eleventy {
    constructor(input: string, output: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    disableLogger(): void;
  }
}

declare module '@11ty/eleventy-plugin-rss' {
  const rssPlugin: (eleventyConfig: never, options?: unknown) => void;
  export default rssPlugin;
  export function convertHtmlToAbsoluteUrls(html: string, base: string, options?: Record<string, unknown>): Promise<string>;
  export function dateToRfc822(value: string | Date, timeZone?: string): string;
  export function dateToRfc3339(value: Date): string;
}
