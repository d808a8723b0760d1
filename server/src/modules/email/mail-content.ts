// What a message says, in the forms Guichet shows: the reply without quoted history or
// signature for the timeline, the full text, sanitised HTML for "view original", and the
// attachments with a usable file name.
import type { Attachment as MailAttachment, ParsedMail } from 'mailparser';
import EmailReplyParser from 'email-reply-parser';
import sanitizeHtml from 'sanitize-html';
import { normalizeContentType, sanitizeFilename } from '../attachments/attachment-content.ts';

/** Text as the database takes it: no NUL (PostgreSQL refuses it in text), CRLF made LF. */
export function storableText(text: string): string {
  return text.replace(/\u0000/g, '').replace(/\r\n?/g, '\n');
}

/** The whole text of a message: the text part, or mailparser's rendering of the HTML. */
export function fullText(mail: ParsedMail): string {
  return storableText(mail.text ?? '').trim();
}

// The lines that start a quoted original in the clients that do not use "On … wrote:"
// (Outlook, Notes), in the languages our users write in and their neighbours'.
const ORIGINAL_MARKER =
  /^-{2,}\s*(original message|message d'origine|message original|forwarded message|message transféré|ursprüngliche nachricht|weitergeleitete nachricht|mensaje original|messaggio originale|oorspronkelijk bericht)\s*-{2,}$/i;
const HEADER_FROM = /^\*?(from|de|von|da|van)\s*:\*?\s*\S/i;
const HEADER_SENT = /^\*?(sent|envoyé|date|to|à|gesendet|an|datum|betreff|enviado|para|fecha|inviato|a|data|verzonden|aan)\s*:/i;

function startsQuotedOriginal(lines: string[], i: number): boolean {
  const l = lines[i].trim();
  if (ORIGINAL_MARKER.test(l)) return true;
  const near = (re: RegExp) => lines.slice(i + 1, i + 4).some((n) => re.test(n.trim()));
  if (HEADER_FROM.test(l) && near(HEADER_SENT)) return true;
  return /^_{10,}$/.test(l) && near(HEADER_FROM);
}

/**
 * The new part of a reply: everything from the quoted original down is cut (Outlook and
 * Notes header blocks here, "On … wrote:" quotes and signatures by email-reply-parser).
 */
export function visibleReply(text: string): { body: string; trimmed: boolean } {
  const whole = text.replace(/\r\n/g, '\n').trim();
  const lines = whole.split('\n');
  const cutAt = lines.findIndex((_, i) => i > 0 && startsQuotedOriginal(lines, i));
  const head = cutAt > 0 ? lines.slice(0, cutAt).join('\n') : whole;
  const visible = new EmailReplyParser().read(head).getVisibleText().trim();
  const body = visible || head.trim() || whole;
  return { body, trimmed: body.length < whole.length };
}

const SAFE_HTML: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'span', 'del', 'ins', 'sub', 'sup'],
  allowedAttributes: {
    '*': ['dir', 'lang', 'title', 'align', 'valign', 'width', 'height', 'colspan', 'rowspan'],
    a: ['href', 'name'],
    img: ['src', 'alt', 'width', 'height'],
    font: ['color', 'size', 'face'],
  },
  // Remote images are trackers and leaks: only images carried inside the message show.
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
  // An image whose remote source was removed would show as a broken icon: drop it whole.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
};

/** The HTML part without script, style sheets, event handlers, forms or remote content. */
export function safeHtml(html: string): string {
  return sanitizeHtml(html, SAFE_HTML);
}

export interface MailFile {
  filename: string;
  contentType: string;
  content: Buffer;
  inline: boolean;
}

const FALLBACK_NAMES: Record<string, string> = {
  'text/calendar': 'invite.ics',
  'application/ics': 'invite.ics',
  'message/rfc822': 'forwarded-message.eml',
  'application/ms-tnef': 'winmail.dat',
  'text/rfc822-headers': 'original-headers.txt',
  'message/delivery-status': 'delivery-status.txt',
};

/** Every part kept as a file: attachments, inline images, invites, forwards, winmail.dat. */
export function mailFiles(mail: ParsedMail): MailFile[] {
  return mail.attachments
    .filter((a) => a.content && a.content.length > 0)
    .map((a: MailAttachment, i) => {
      const contentType = normalizeContentType(a.contentType);
      const fallback = FALLBACK_NAMES[contentType] ?? `attachment-${i + 1}.${contentType.startsWith('image/') ? contentType.slice(6).replace(/[^a-z0-9]/g, '') : 'bin'}`;
      return { filename: sanitizeFilename(a.filename || fallback), contentType, content: a.content, inline: a.related === true || a.contentDisposition === 'inline' };
    });
}

const FRENCH_WORDS = new Set('bonjour merci cordialement le la les des est pas une pour vous nous avec dans sur ne je mon ma mes cette depuis être avoir'.split(' '));
const ENGLISH_WORDS = new Set('hello hi thanks regards the is are not for you we with in on my this since have has please'.split(' '));

/**
 * The language to answer a new sender in: what the message declares (Content-Language),
 * else which of French or English its first words lean to. English when unsure.
 */
export function guessLanguage(mail: ParsedMail, text: string): 'en' | 'fr' {
  const declared = String(mail.headers.get('content-language') ?? '').trim().toLowerCase();
  if (declared.startsWith('fr')) return 'fr';
  if (declared.startsWith('en')) return 'en';
  let fr = 0;
  let en = 0;
  for (const w of text.slice(0, 2000).toLowerCase().split(/[^\p{L}]+/u)) {
    if (FRENCH_WORDS.has(w)) fr++;
    else if (ENGLISH_WORDS.has(w)) en++;
  }
  return fr > en ? 'fr' : 'en';
}
