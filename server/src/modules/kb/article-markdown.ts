// Articles are Markdown. markdown-it renders them with raw HTML off (typed HTML shows as
// text), then sanitize-html keeps only what Markdown itself produces: a second fence in
// case a renderer rule or a plugin ever lets something through.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const EXTERNAL = /^https?:\/\//i;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 's', 'code', 'pre', 'blockquote',
    'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'], img: ['src', 'alt', 'title'], ol: ['start'], th: ['style'], td: ['style'], code: ['class'] },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  // Relative links (no scheme) stay allowed: links to other articles or attachments.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => {
      const { rel: _rel, target: _target, ...rest } = attribs;
      return EXTERNAL.test(rest.href ?? '') ? { tagName, attribs: { ...rest, rel: 'noopener noreferrer', target: '_blank' } } : { tagName, attribs: rest };
    },
  },
  // Images only from an absolute http(s) address.
  exclusiveFilter: (frame) => frame.tag === 'img' && !EXTERNAL.test(frame.attribs.src ?? ''),
};

/** Safe HTML for an article body. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source), SANITIZE);
}

/**
 * Plain text for pasting into a reply: paragraphs apart, list items with a dash or their
 * number, links as "text (address)", code kept as typed, no Markdown marks left.
 */
export function markdownToText(source: string): string {
  const out: string[] = [];
  const lists: { ordered: boolean; n: number }[] = [];
  let line = '';
  let quote = 0;
  const flush = () => {
    const prefix = '> '.repeat(quote);
    if (line.trim()) out.push(prefix + line.trimEnd());
    line = '';
  };
  const blank = () => {
    if (out.length && out[out.length - 1] !== '') out.push('');
  };
  for (const t of md.parse(source, {})) {
    switch (t.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: t.type === 'ordered_list_open', n: Number(t.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        if (lists.length === 0) blank();
        break;
      case 'list_item_open': {
        const l = lists[lists.length - 1];
        line = '  '.repeat(lists.length - 1) + (l?.ordered ? `${l.n++}. ` : '- ');
        break;
      }
      case 'blockquote_open':
        quote++;
        break;
      case 'blockquote_close':
        quote--;
        break;
      case 'inline':
        line += inlineText(t.children ?? []);
        break;
      case 'paragraph_close':
      case 'heading_close':
        flush();
        if (lists.length === 0) blank();
        break;
      case 'fence':
      case 'code_block':
        flush();
        out.push(...t.content.replace(/\n$/, '').split('\n'));
        blank();
        break;
      case 'hr':
        out.push('---');
        blank();
        break;
      case 'tr_close':
        flush();
        break;
      case 'th_close':
      case 'td_close':
        line += '\t';
        break;
      case 'table_close':
        blank();
        break;
    }
  }
  flush();
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

type Token = ReturnType<typeof md.parse>[number];

function inlineText(tokens: Token[]): string {
  let text = '';
  let href: string | null = null;
  let linkText = '';
  for (const t of tokens) {
    const piece =
      t.type === 'text' || t.type === 'code_inline' ? t.content
      : t.type === 'softbreak' || t.type === 'hardbreak' ? '\n'
      : t.type === 'image' ? t.content
      : '';
    if (t.type === 'link_open') {
      href = String(t.attrGet('href') ?? '');
      linkText = '';
    } else if (t.type === 'link_close') {
      const shown = linkText.trim();
      const plainHref = href?.replace(/^mailto:/, '') ?? '';
      text += !href || shown === href || shown === plainHref ? linkText : `${linkText} (${href})`;
      href = null;
    } else if (href !== null) linkText += piece;
    else text += piece;
  }
  return text;
}
