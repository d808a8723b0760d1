// Article Markdown: what the renderer lets through (nothing executable), external links
// opened apart, images only from http(s), and the plain text pasted into replies.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { markdownToText, renderMarkdown } from './article-markdown.ts';
import { diffBodyParts, diffVersions } from './article-diff.ts';
import { ARTICLE_MOVES, moveRole } from './article-status.ts';
import { ARTICLE_STATUSES } from '../../../../common/schemas/kb.ts';

/** Any tag carrying an event handler attribute, or a script element. */
const EXECUTABLE = /<script|<[a-z][^>]*\son[a-z]+\s*=|<iframe|<object|<embed|<style|<svg/i;

describe('renderMarkdown', () => {
  test('raw HTML is shown as text, never as elements', () => {
    const html = renderMarkdown('Hello <script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n<a href="javascript:alert(1)">x</a> <iframe src="https://e.test"></iframe>');
    assert.doesNotMatch(html, EXECUTABLE);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(html, /<a [^>]*href="javascript/i);
  });

  test('javascript:, data: and vbscript: links never become links', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:msgbox(1)', '&#106;avascript:alert(1)']) {
      const html = renderMarkdown(`[click](${href}) and <${href}>`);
      assert.doesNotMatch(html, /<a [^>]*href="(javascript|data|vbscript|&#)/i, href);
      assert.doesNotMatch(html, EXECUTABLE, href);
    }
  });

  test('images only from http(s); attributes outside the allow-list are dropped', () => {
    const html = renderMarkdown('![ok](https://cdn.example.test/a.png "t") ![rel](/files/a.png) ![js](javascript:alert(1)) ![data](data:image/png;base64,AAAA)');
    assert.match(html, /<img src="https:\/\/cdn\.example\.test\/a\.png" alt="ok" title="t" \/>/);
    assert.equal((html.match(/<img/g) ?? []).length, 1);
  });

  test('external links open apart without the opener; relative and mail links stay plain', () => {
    const html = renderMarkdown('[doc](https://example.test/doc) [art](/help/articles/3) [mail](mailto:help@example.test) see https://example.org/x');
    assert.match(html, /<a href="https:\/\/example\.test\/doc" rel="noopener noreferrer" target="_blank">doc<\/a>/);
    assert.match(html, /<a href="\/help\/articles\/3">art<\/a>/);
    assert.match(html, /<a href="mailto:help@example\.test">mail<\/a>/);
    assert.match(html, /<a href="https:\/\/example\.org\/x" rel="noopener noreferrer" target="_blank">https:\/\/example\.org\/x<\/a>/, 'linkify');
  });

  test('what Markdown makes survives: headings, lists, code, quotes, tables', () => {
    const html = renderMarkdown('# T\n\n- a\n- **b**\n\n1. x\n\n> q\n\n```sh\nls <dir>\n```\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n');
    for (const re of [/<h1>T<\/h1>/, /<ul>/, /<strong>b<\/strong>/, /<ol>/, /<blockquote>/, /<code class="language-sh">ls &lt;dir&gt;/, /<th style="text-align:left">a<\/th>/, /<td style="text-align:right">2<\/td>/]) {
      assert.match(html, re);
    }
  });
});

describe('markdownToText', () => {
  test('no Markdown marks left; lists, links and code kept readable', () => {
    const text = markdownToText('# Reset\n\nOpen **Settings** then [the portal](https://portal.test).\n\n1. First\n2. Second\n\n- dash\n\n```\nipconfig /all\n```');
    assert.equal(text, 'Reset\n\nOpen Settings then the portal (https://portal.test).\n\n1. First\n2. Second\n\n- dash\n\nipconfig /all');
  });

  test('raw HTML stays as typed text', () => {
    assert.equal(markdownToText('a <b>c</b>'), 'a <b>c</b>');
  });
});

describe('article diff and workflow table', () => {
  test('a changed line is refined word by word; added lines are whole', () => {
    assert.deepEqual(diffBodyParts('one\ntwo words\nthree\n', 'one\ntwo things\nthree\nfour\n'), [
      { op: 'equal', text: 'one\ntwo ' },
      { op: 'delete', text: 'words' },
      { op: 'insert', text: 'things' },
      { op: 'equal', text: '\nthree\n' },
      { op: 'insert', text: 'four\n' },
    ]);
  });

  test('other fields are named when they change', () => {
    const base = { version: 1, title: 'T', summary: '', body: 'b', tags: ['a'], categoryId: null, language: 'en', audience: 'internal' };
    const d = diffVersions(base, { ...base, version: 2, tags: ['a', 'b'], categoryId: 4, audience: 'public' });
    assert.deepEqual(d.changed, ['tags', 'category', 'audience']);
    assert.deepEqual(d.title, [{ op: 'equal', text: 'T' }]);
  });

  test('every status has a way out, and only review and archive decisions need a supervisor', () => {
    for (const s of ARTICLE_STATUSES) assert.ok(Object.keys(ARTICLE_MOVES[s]).length > 0, s);
    assert.equal(moveRole('draft', 'in_review'), 'agent');
    assert.equal(moveRole('in_review', 'published'), 'supervisor');
    assert.equal(moveRole('archived', 'draft'), 'agent');
    assert.equal(moveRole('draft', 'published'), null);
    assert.equal(moveRole('archived', 'published'), null);
  });
});
