// Our blocks → HTML renderer: exact HTML for every node kind Strapi 5 produces, and hostile
// input (markup in text, script URLs in their many disguises, attribute break-outs, invisible
// characters) that must come out as inert text.
import {
  blocksSchema,
  blocksToPlainText,
  renderBlocks,
  type BlockIssue,
} from '../../scripts/normalise/blocks-html.js';

const text = (value: string, marks: Record<string, boolean> = {}) => ({ type: 'text' as const, text: value, ...marks });
const link = (url: string, label = 'label') => ({ type: 'link' as const, url, children: [text(label)] });

/** Parses like the pipeline does (so the fixtures are real Strapi shapes), then renders. */
const render = (input: unknown[], options?: Parameters<typeof renderBlocks>[1]) =>
  renderBlocks(blocksSchema.parse(input), options);

/** Every tag in the output, e.g. ['<p>', '<a href="…">', '</a>', '</p>']. */
const tagsOf = (html: string): string[] => html.match(/<[^>]*>/g) ?? [];

describe('renderBlocks: node kinds', () => {
  test('paragraph', () => {
    expect(render([{ type: 'paragraph', children: [text('Hello world')] }])).toEqual({ html: '<p>Hello world</p>', issues: [] });
  });

  test('empty paragraphs are skipped, and blocks are joined with a newline', () => {
    const { html } = render([
      { type: 'paragraph', children: [text('One')] },
      { type: 'paragraph', children: [text('')] },
      { type: 'paragraph', children: [] },
      { type: 'paragraph', children: [text('Two')] },
    ]);
    expect(html).toBe('<p>One</p>\n<p>Two</p>');
  });

  test('heading levels shift by one by default, so an editor h1 becomes h2', () => {
    const { html } = render([1, 2, 5, 6].map((level) => ({ type: 'heading', level, children: [text(`L${level}`)] })));
    expect(html).toBe('<h2>L1</h2>\n<h3>L2</h3>\n<h6>L5</h6>\n<h6>L6</h6>');
  });

  test('headingOffset shifts and clamps to 2..6', () => {
    const headings = [1, 2, 3, 4].map((level) => ({ type: 'heading', level, children: [text(`L${level}`)] }));
    expect(render(headings, { headingOffset: 0 }).html).toBe('<h2>L1</h2>\n<h2>L2</h2>\n<h3>L3</h3>\n<h4>L4</h4>');
    expect(render(headings, { headingOffset: 2 }).html).toBe('<h3>L1</h3>\n<h4>L2</h4>\n<h5>L3</h5>\n<h6>L4</h6>');
    expect(render(headings, { headingOffset: -3 }).html).toBe('<h2>L1</h2>\n<h2>L2</h2>\n<h2>L3</h2>\n<h2>L4</h2>');
    expect(() => render(headings, { headingOffset: 1.5 })).toThrow(RangeError);
  });

  test('unordered and ordered lists', () => {
    const { html } = render([
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [text('a')] }, { type: 'list-item', children: [text('b')] }] },
      { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [text('first')] }] },
    ]);
    expect(html).toBe('<ul><li>a</li><li>b</li></ul>\n<ol><li>first</li></ol>');
  });

  test('a nested list goes inside the item before it (valid HTML), or an <li> of its own when first', () => {
    const { html } = render([
      {
        type: 'list',
        format: 'unordered',
        indentLevel: 0,
        children: [
          { type: 'list-item', children: [text('a')] },
          {
            type: 'list',
            format: 'ordered',
            indentLevel: 1,
            children: [
              { type: 'list-item', children: [text('a.1')] },
              { type: 'list', format: 'unordered', indentLevel: 2, children: [{ type: 'list-item', children: [text('a.1.x')] }] },
            ],
          },
          { type: 'list-item', children: [text('b')] },
        ],
      },
      {
        type: 'list',
        format: 'unordered',
        children: [{ type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [text('deep')] }] }],
      },
    ]);
    expect(html).toBe(
      '<ul><li>a<ol><li>a.1<ul><li>a.1.x</li></ul></li></ol></li><li>b</li></ul>\n' +
        '<ul><li><ul><li>deep</li></ul></li></ul>',
    );
  });

  test('quote', () => {
    expect(render([{ type: 'quote', children: [text('Said '), text('so', { italic: true })] }]).html).toBe(
      '<blockquote>Said <em>so</em></blockquote>',
    );
  });

  test('code block keeps line breaks, ignores marks, and takes a language only when it is a plain token', () => {
    const code = (language?: string) => ({
      type: 'code',
      ...(language === undefined ? {} : { language }),
      children: [text('if (a < b && c) {\n  x = "y";\n}', { bold: true })],
    });
    const body = 'if (a &lt; b &amp;&amp; c) {\n  x = &quot;y&quot;;\n}';
    const { html } = render([code('typescript'), code('C#'), code(), code('x" onmouseover="alert(1)'), code('')]);
    expect(html).toBe(
      [
        `<pre><code class="language-typescript">${body}</code></pre>`,
        `<pre><code class="language-C#">${body}</code></pre>`,
        `<pre><code>${body}</code></pre>`,
        `<pre><code>${body}</code></pre>`,
        `<pre><code>${body}</code></pre>`,
      ].join('\n'),
    );
  });

  test('image with alt, size and caption; the media record is otherwise ignored', () => {
    const result = render([
      {
        type: 'image',
        image: {
          url: '/uploads/harbour_1a2b.jpg',
          alternativeText: 'The harbour at dawn',
          caption: 'Photo: City archive',
          width: 1200,
          height: 800,
          name: 'harbour.jpg',
          hash: 'harbour_1a2b',
          mime: 'image/jpeg',
          formats: { thumbnail: { url: '/uploads/thumbnail_harbour_1a2b.jpg' } },
        },
        children: [text('')],
      },
    ]);
    expect(result).toEqual({
      html:
        '<figure><img src="/uploads/harbour_1a2b.jpg" alt="The harbour at dawn" width="1200" height="800" loading="lazy" decoding="async">' +
        '<figcaption>Photo: City archive</figcaption></figure>',
      issues: [],
    });
  });

  test('resolveMediaUrl maps the src; null drops the image and reports it', () => {
    const images = [
      { type: 'paragraph', children: [text('intro')] },
      { type: 'image', image: { url: '/uploads/a.png', alternativeText: 'A', width: null, height: null, caption: null }, children: [text('')] },
      { type: 'image', image: { url: '/uploads/b.png', alternativeText: 'B' }, children: [text('')] },
    ];
    const result = render(images, { resolveMediaUrl: (url) => (url.endsWith('a.png') ? `/media${url.slice('/uploads'.length)}` : null) });
    expect(result.html).toBe('<p>intro</p>\n<figure><img src="/media/a.png" alt="A" loading="lazy" decoding="async"></figure>');
    expect(result.issues).toEqual<BlockIssue[]>([{ kind: 'image-dropped', path: '2', detail: expect.stringContaining('"/uploads/b.png"') }]);
  });

  test('a resolver answer that is not http(s) or site-relative is dropped too', () => {
    const result = render(
      [{ type: 'image', image: { url: '/uploads/a.png', alternativeText: 'A' }, children: [] }],
      { resolveMediaUrl: () => 'javascript:alert(1)' },
    );
    expect(result.html).toBe('');
    expect(result.issues.map((issue) => issue.kind)).toEqual(['image-dropped']);
  });

  test('by default only http(s) and site-relative image URLs are kept', () => {
    const image = (url: string) => ({ type: 'image', image: { url, alternativeText: 'x' }, children: [] });
    const result = render([
      image('https://cdn.example.org/a.jpg'),
      image('data:image/svg+xml;base64,PHN2Zz4='),
      image('//evil.example/a.jpg'),
      image('uploads/relative.jpg'),
    ]);
    expect(result.html).toBe('<figure><img src="https://cdn.example.org/a.jpg" alt="x" loading="lazy" decoding="async"></figure>');
    expect(result.issues.map(({ kind, path }) => [kind, path])).toEqual([
      ['image-dropped', '1'],
      ['image-dropped', '2'],
      ['image-dropped', '3'],
    ]);
  });

  test('an image without alternative text renders alt="" and is reported', () => {
    const result = render([
      { type: 'paragraph', children: [text('x')] },
      { type: 'image', image: { url: '/uploads/a.png', alternativeText: null, name: 'a.png' }, children: [] },
      { type: 'image', image: { url: '/uploads/b.png', alternativeText: '   ' }, children: [] },
      { type: 'image', image: { url: '/uploads/c.png' }, children: [] },
    ]);
    expect(result.html).toBe(
      [
        '<p>x</p>',
        '<figure><img src="/uploads/a.png" alt="" loading="lazy" decoding="async"></figure>',
        '<figure><img src="/uploads/b.png" alt="" loading="lazy" decoding="async"></figure>',
        '<figure><img src="/uploads/c.png" alt="" loading="lazy" decoding="async"></figure>',
      ].join('\n'),
    );
    expect(result.issues.map(({ kind, path }) => [kind, path])).toEqual([
      ['image-without-alt', '1'],
      ['image-without-alt', '2'],
      ['image-without-alt', '3'],
    ]);
    expect(result.issues[0]?.detail).toContain('"a.png"');
  });

  test('image alt, src and caption are escaped', () => {
    const { html } = render([
      { type: 'image', image: { url: '/uploads/a"b.png', alternativeText: 'Tom & "Jerry" <3', caption: "it's <b>" }, children: [] },
    ]);
    expect(html).toBe(
      '<figure><img src="/uploads/a&quot;b.png" alt="Tom &amp; &quot;Jerry&quot; &lt;3" loading="lazy" decoding="async">' +
        '<figcaption>it&#39;s &lt;b&gt;</figcaption></figure>',
    );
  });
});

describe('renderBlocks: inline text', () => {
  test('each formatting mark, and all of them in a fixed nesting order', () => {
    const { html } = render([
      {
        type: 'paragraph',
        children: [
          text('b', { bold: true }),
          text('i', { italic: true }),
          text('u', { underline: true }),
          text('s', { strikethrough: true }),
          text('c', { code: true }),
          text('all', { code: true, bold: true, strikethrough: true, italic: true, underline: true }),
          text('plain', { bold: false }),
        ],
      },
    ]);
    expect(html).toBe(
      '<p><strong>b</strong><em>i</em><u>u</u><s>s</s><code>c</code><strong><em><u><s><code>all</code></s></u></em></strong>plain</p>',
    );
  });

  test('line breaks become <br>', () => {
    expect(render([{ type: 'paragraph', children: [text('one\ntwo\r\nthree', { bold: true })] }]).html).toBe(
      '<p><strong>one<br>two<br>three</strong></p>',
    );
  });

  test('markup in text comes out as text', () => {
    expect(render([{ type: 'paragraph', children: [text('<script>alert(1)</script>')] }]).html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });

  test('all five special characters are escaped', () => {
    expect(render([{ type: 'heading', level: 2, children: [text(`"quoted" & 'single' <x>`)] }]).html).toBe(
      '<h3>&quot;quoted&quot; &amp; &#39;single&#39; &lt;x&gt;</h3>',
    );
  });

  test('zero-width and bidi control characters stay as text, never inside a tag', () => {
    const tricky = 'a\u200Bb\u200Dc\u202Ed';
    const { html } = render([
      { type: 'paragraph', children: [text(`<\u202Escript>${tricky}`), link('https://example.org/', `x\u200By`)] },
    ]);
    expect(html).toBe(
      `<p>&lt;\u202Escript&gt;a\u200Bb\u200Dc\u202Ed<a href="https://example.org/" rel="noopener noreferrer">x\u200By</a></p>`,
    );
    for (const tag of tagsOf(html)) expect(tag).not.toMatch(/[\u200B\u200D\u202E]/);
  });
});

describe('renderBlocks: links', () => {
  const linkParagraph = (url: string) => [{ type: 'paragraph', children: [text('See '), link(url, 'this'), text('.')] }];

  test('external http(s) links get rel="noopener noreferrer" and no target', () => {
    expect(render(linkParagraph('https://example.org/a?b=1&c=2')).html).toBe(
      '<p>See <a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">this</a>.</p>',
    );
    expect(render(linkParagraph('HTTP://Example.org')).html).toBe(
      '<p>See <a href="HTTP://Example.org" rel="noopener noreferrer">this</a>.</p>',
    );
  });

  test('mailto, site-relative and #fragment links are allowed without rel', () => {
    const result = render([
      { type: 'paragraph', children: [link('mailto:office@city.example', 'mail')] },
      { type: 'paragraph', children: [link('/en/studies/harbour/', 'study')] },
      { type: 'paragraph', children: [link('#methods', 'methods')] },
    ]);
    expect(result).toEqual({
      html:
        '<p><a href="mailto:office@city.example">mail</a></p>\n' +
        '<p><a href="/en/studies/harbour/">study</a></p>\n' +
        '<p><a href="#methods">methods</a></p>',
      issues: [],
    });
  });

  test('whitespace a browser would strip is stripped before the check', () => {
    expect(render(linkParagraph(' https://example.org/x \n')).html).toBe(
      '<p>See <a href="https://example.org/x" rel="noopener noreferrer">this</a>.</p>',
    );
    expect(render(linkParagraph('ht\ttps://exa\nmple.org/')).html).toBe(
      '<p>See <a href="https://example.org/" rel="noopener noreferrer">this</a>.</p>',
    );
  });

  test('the issue says why the link was refused', () => {
    const details = ['//evil.example', 'JaVaScRiPt:alert(1)', 'https://example.org/\u0000x', 'about'].map(
      (url) => render(linkParagraph(url)).issues[0]?.detail,
    );
    expect(details).toEqual([
      expect.stringContaining('is protocol-relative'),
      expect.stringContaining('uses the javascript: scheme'),
      expect.stringContaining('contains control characters'),
      expect.stringContaining('is neither an absolute URL nor site-relative'),
    ]);
  });

  test('link text keeps its marks and is escaped', () => {
    const paragraphWithLink = [
      { type: 'paragraph', children: [{ type: 'link', url: '/a', children: [text('<b>', { bold: true }), text(' & more')] }] },
    ];
    expect(render(paragraphWithLink).html).toBe('<p><a href="/a"><strong>&lt;b&gt;</strong> &amp; more</a></p>');
  });

  const hostile: Array<[string, string]> = [
    ['javascript:', 'javascript:alert(1)'],
    ['mixed case', 'JaVaScRiPt:alert(1)'],
    ['leading space', ' javascript:alert(1)'],
    ['leading control characters', '\u0001\u0000javascript:alert(1)'],
    ['tab inside the scheme', 'java\tscript:alert(1)'],
    ['newline inside the scheme', 'java\nscript:alert(1)'],
    ['data:', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['protocol-relative', '//evil.example'],
    ['protocol-relative with a backslash', '/\\evil.example'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['entity-encoded scheme', '&#106;avascript:alert(1)'],
    ['control character inside', 'https://example.org/\u0000x'],
    ['bare relative path', 'studies/harbour'],
    ['ftp:', 'ftp://example.org/file'],
  ];

  test.each(hostile)('%s: no <a>, the text stays, one issue with the path', (_name, url) => {
    const result = render([{ type: 'paragraph', children: [text('x')] }, ...linkParagraph(url)]);
    expect(result.html).toBe('<p>x</p>\n<p>See this.</p>');
    expect(result.issues).toEqual<BlockIssue[]>([
      { kind: 'unsafe-link', path: '1.children.1', detail: expect.stringContaining(JSON.stringify(url)) },
    ]);
  });

  test('issue paths point into nested lists', () => {
    const result = render([
      {
        type: 'list',
        format: 'unordered',
        children: [
          { type: 'list-item', children: [text('ok')] },
          { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [text('go '), link('javascript:void(0)')] }] },
        ],
      },
    ]);
    expect(result.html).toBe('<ul><li>ok<ol><li>go label</li></ol></li></ul>');
    expect(result.issues.map(({ kind, path }) => [kind, path])).toEqual([['unsafe-link', '0.children.1.children.0.children.1']]);
  });

  test('an attribute break-out in an https URL stays inside the escaped href', () => {
    const url = 'https://example.org/"><img src=x onerror=alert(1)>';
    const result = render([
      ...linkParagraph(url),
      { type: 'image', image: { url: '/uploads/real.png', alternativeText: 'real' }, children: [] },
    ]);
    expect(result.html).toBe(
      '<p>See <a href="https://example.org/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" rel="noopener noreferrer">this</a>.</p>\n' +
        '<figure><img src="/uploads/real.png" alt="real" loading="lazy" decoding="async"></figure>',
    );
    // The only <img is the real image block's.
    expect(result.html.split('<img')).toHaveLength(2);
    // Every attribute value is quoted, and no quote appears inside one.
    for (const tag of tagsOf(result.html)) {
      expect(tag).toMatch(/^<\/?[a-z0-9]+(?: [a-z]+(?:="[^"<>]*")?)*>$/);
    }
    expect(result.issues).toEqual([]);
  });
});

describe('blocksSchema', () => {
  test('unknown node types fail with a path', () => {
    const result = blocksSchema.safeParse([
      { type: 'paragraph', children: [text('ok')] },
      { type: 'table', children: [] },
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'mention', id: 1 }] }] },
    ]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([
      [1, 'type'],
      [2, 'children', 0, 'children', 0, 'type'],
    ]);
  });

  test('known properties are type-checked', () => {
    const result = blocksSchema.safeParse([
      { type: 'heading', level: 7, children: [] },
      { type: 'paragraph', children: [{ type: 'text', text: 'x', bold: 'yes' }] },
      { type: 'list', format: 'bulleted', children: [] },
      { type: 'link', url: '/x', children: [] },
    ]);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([[0, 'level'], [1, 'children', 0, 'bold'], [2, 'format'], [3, 'type']]);
  });

  test('unknown extra properties are stripped, not refused', () => {
    const parsed = blocksSchema.parse([{ type: 'paragraph', id: 'x', children: [{ type: 'text', text: 'a', color: 'red' }] }]);
    expect(parsed).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: 'a' }] }]);
  });
});

describe('blocksToPlainText', () => {
  test('one line per block and list item, whitespace collapsed, images and empty blocks left out', () => {
    const blocks = blocksSchema.parse([
      { type: 'heading', level: 1, children: [text('  The   harbour ')] },
      { type: 'paragraph', children: [text('Built in '), text('1870', { bold: true }), text(',\nrebuilt '), link('/x', 'later'), text('.')] },
      { type: 'paragraph', children: [text('')] },
      { type: 'image', image: { url: '/uploads/a.png', alternativeText: 'alt is not text' }, children: [text('')] },
      {
        type: 'list',
        format: 'unordered',
        children: [
          { type: 'list-item', children: [text('one')] },
          { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [text('one.a')] }] },
          { type: 'list-item', children: [text(' ')] },
        ],
      },
      { type: 'quote', children: [text('<Quoted> & "raw"')] },
      { type: 'code', language: 'sh', children: [text('npm\n  test')] },
    ]);
    expect(blocksToPlainText(blocks)).toBe('The harbour\nBuilt in 1870, rebuilt later.\none\none.a\n<Quoted> & "raw"\nnpm test');
  });

  test('empty blocks give an empty string', () => {
    expect(blocksToPlainText([])).toBe('');
  });
});
