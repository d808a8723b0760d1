// Realistic inbound mail for bench/email.bench.ts, reproducible from a seed: plain text,
// text+HTML as Outlook writes it, 20–200 KB attachments, replies quoting the earlier message
// (In-Reply-To/References to it), and the header set of mail that crossed a few relays
// (Received, DKIM-Signature, Authentication-Results, client headers).
import MailComposer from 'nodemailer/lib/mail-composer';
import { seededRandom, type Rng } from '../common/seeded-random.ts';
import { FIRST_NAMES, LAST_NAMES, ORGANISATIONS, REPLIES, SLOTS, TEMPLATES, type Lang } from './vocabulary.ts';

export const HELPDESK = 'support@helpdesk.test';
export type Kind = 'plain' | 'alternative' | 'attachment' | 'reply';
interface Person { name: string; email: string; lang: Lang; client: 'outlook' | 'thunderbird' | 'iphone' | 'gmail' }
interface Sent { messageId: string; subject: string; text: string; from: Person }

function people(rng: Rng, count: number): Person[] {
  return Array.from({ length: count }, (_, i) => {
    const lang: Lang = rng.chance(0.7) ? 'fr' : 'en';
    const first = rng.pick(FIRST_NAMES[lang]);
    const last = rng.pick(LAST_NAMES[lang]);
    const local = `${first}.${last}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
    return { name: `${first} ${last}`, email: `${local}${i}@${rng.pick(ORGANISATIONS).domain}`, lang, client: rng.weighted({ outlook: 5, thunderbird: 1, iphone: 2, gmail: 2 }) };
  });
}

const fill = (rng: Rng, lang: Lang, text: string) => text.replace(/\{(\w+)\}/g, (_, slot: string) => SLOTS[slot](lang, rng.pick, rng.int));
function randomBytes(rng: Rng, n: number): Buffer {
  const buf = Buffer.alloc(n);
  for (let i = 0; i < n; i += 4) buf.writeUInt32LE((rng.next() * 2 ** 32) >>> 0, Math.min(i, n - 4));
  return buf;
}
const b64 = (rng: Rng, bytes: number) => randomBytes(rng, bytes).toString('base64');
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Outlook's HTML: a style block, MsoNormal paragraphs, a signature table and a disclaimer. */
function outlookHtml(text: string, signature: string): string {
  const paragraphs = text.split('\n').map((l) => `<p class="MsoNormal"><span style="font-size:11.0pt;font-family:&quot;Calibri&quot;,sans-serif">${escapeHtml(l) || '&nbsp;'}<o:p></o:p></span></p>`);
  const styles = Array.from({ length: 24 }, (_, i) => `p.MsoStyle${i}, li.MsoStyle${i}, div.MsoStyle${i}\n\t{mso-style-priority:${i};margin:0cm;font-size:11.0pt;font-family:"Calibri",sans-serif;mso-fareast-language:EN-US;}`).join('\n');
  return `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta name="Generator" content="Microsoft Word 15 (filtered medium)"><style><!--\n${styles}\n--></style></head><body lang="FR" link="#0563C1" vlink="#954F72" style="word-wrap:break-word"><div class="WordSection1">${paragraphs.join('\n')}<p class="MsoNormal"><o:p>&nbsp;</o:p></p><table class="MsoNormalTable" border="0" cellspacing="0" cellpadding="0"><tr><td style="padding:0cm 5.4pt 0cm 5.4pt"><p class="MsoNormal"><b><span style="color:#1F3864">${escapeHtml(signature).replace(/\n/g, '<br>')}</span></b></p></td></tr></table><p class="MsoNormal"><span style="font-size:8.0pt;color:gray">Ce message et ses pièces jointes sont confidentiels et établis à l'attention exclusive de leurs destinataires. Toute utilisation ou diffusion non autorisée est interdite. This e-mail and any attachments are confidential.<o:p></o:p></span></p></div></body></html>`;
}

function traceHeaders(rng: Rng, p: Person, at: Date, subject: string): { key: string; value: string }[] {
  const domain = p.email.split('@')[1];
  const hop = (from: string, by: string, ms: number) => `from ${from} (${from} [10.${rng.int(255)}.${rng.int(255)}.${rng.int(255)}]) by ${by} with ESMTPS id ${b64(rng, 9).replace(/[+/=]/g, 'x')}; ${new Date(at.getTime() + ms).toUTCString().replace('GMT', '+0000')}`;
  const headers = [
    { key: 'Received', value: hop(`mx1.${domain}`, 'mx.helpdesk.test', 900) },
    { key: 'Received', value: hop(`smtp-out.${domain}`, `mx1.${domain}`, 400) },
    { key: 'Received', value: hop(`ws-${rng.int(999)}.corp.${domain}`, `smtp-out.${domain}`, 100) },
    { key: 'Return-Path', value: `<${p.email}>` },
    { key: 'Authentication-Results', value: `mx.helpdesk.test; dkim=pass header.d=${domain} header.s=s1 header.b=${b64(rng, 6)}; spf=pass (mx.helpdesk.test: domain of ${p.email} designates 10.0.0.1 as permitted sender) smtp.mailfrom=${p.email}; dmarc=pass (p=QUARANTINE) header.from=${domain}` },
    { key: 'DKIM-Signature', value: `v=1; a=rsa-sha256; c=relaxed/relaxed; d=${domain}; s=s1; t=${Math.floor(at.getTime() / 1000)}; h=from:to:subject:date:message-id:mime-version:content-type; bh=${b64(rng, 32)}; b=${b64(rng, 256)}` },
  ];
  if (p.client === 'outlook') {
    headers.push({ key: 'Thread-Topic', value: subject.replace(/^(RE|Re): /, '') }, { key: 'Thread-Index', value: b64(rng, 22) }, { key: 'X-MS-Has-Attach', value: '' }, { key: 'X-MS-Exchange-Organization-SCL', value: '1' }, { key: 'X-Originating-IP', value: `[10.${rng.int(255)}.0.${rng.int(255)}]` });
  }
  headers.push({ key: 'Content-Language', value: p.lang === 'fr' ? 'fr-FR' : 'en-GB' });
  return headers;
}

const AGENTS = ['Helpdesk <support@helpdesk.test>', 'Service Desk N1 <support@helpdesk.test>'];
const ATTACHMENTS = [
  { filename: 'capture-ecran.png', contentType: 'image/png' },
  { filename: 'journal-erreurs.pdf', contentType: 'application/pdf' },
  { filename: 'Facture_2026-11.pdf', contentType: 'application/pdf' },
  { filename: 'inventaire poste.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  { filename: 'IMG_4411.JPG', contentType: 'image/jpeg' },
];

/** N messages; `tag` keeps two corpora's Message-IDs apart. Same seed → same messages. */
export async function generateCorpus(seed: number, n: number, tag: string): Promise<{ raws: Buffer[]; kinds: Kind[] }> {
  const rng = seededRandom(seed);
  const senders = people(rng, Math.max(10, Math.ceil(n / 4)));
  const sent: Sent[] = [];
  const raws: Buffer[] = [];
  const kinds: Kind[] = [];
  const start = Date.UTC(2026, 10, 30, 7, 0, 0);
  for (let i = 0; i < n; i++) {
    const kind: Kind = sent.length < 10 ? 'plain' : rng.weighted({ plain: 35, alternative: 30, attachment: 15, reply: 20 });
    const original = kind === 'reply' ? sent[sent.length - 1 - rng.int(Math.min(sent.length, 200))] : undefined;
    const from = original?.from ?? rng.pick(senders);
    const lang = from.lang;
    const at = new Date(start + i * 7_000);
    const messageId = `<${tag}-${i}.${seed}.${rng.int(1e9).toString(36)}@${from.email.split('@')[1]}>`;
    const signature = `${from.name}\n${rng.pick(['Service comptabilité', 'Direction des ressources humaines', 'Accueil', 'Logistics team'])}\nTél. 04 72 ${String(rng.int(100)).padStart(2, '0')} ${String(rng.int(100)).padStart(2, '0')} ${String(rng.int(100)).padStart(2, '0')}`;
    let subject: string;
    let text: string;
    if (original) {
      subject = `${lang === 'fr' && from.client === 'outlook' ? 'RE' : 'Re'}: ${original.subject}`;
      const fresh = fill(rng, lang, rng.pick(REPLIES.agent[lang])).replace(/^(Bonjour|Hi),? ?/, '');
      const quoted = `${lang === 'fr' ? `Le ${at.toUTCString()}, ${rng.pick(AGENTS)} a écrit :` : `On ${at.toUTCString()}, ${rng.pick(AGENTS)} wrote:`}\n${original.text.split('\n').map((l) => `> ${l}`).join('\n')}`;
      text = `${lang === 'fr' ? 'Bonjour,\n\nMerci pour votre retour. ' : 'Hello,\n\nThanks for getting back to me. '}${fresh}\n\n-- \n${signature}\n\n${quoted}`;
    } else {
      const template = rng.pick(TEMPLATES.filter((t) => t.lang === lang));
      subject = fill(rng, lang, rng.pick(template.titles));
      text = `${fill(rng, lang, rng.pick(template.descriptions))}\n\n${lang === 'fr' ? 'Cordialement,' : 'Best regards,'}\n-- \n${signature}`;
    }
    const html = kind === 'plain' ? undefined : outlookHtml(text, signature);
    const attachments =
      kind === 'attachment'
        ? [{ ...rng.pick(ATTACHMENTS), content: randomBytes(rng, 20_000 + rng.int(180_000)) }]
        : kind === 'reply' && rng.chance(0.1)
          ? [{ filename: 'image001.png', contentType: 'image/png', cid: 'image001.png@01DB', content: randomBytes(rng, 4_000) }]
          : [];
    const raw = await new MailComposer({
      from: { name: from.name, address: from.email },
      to: rng.chance(0.8) ? HELPDESK : [HELPDESK, rng.pick(senders).email],
      ...(rng.chance(0.15) ? { cc: rng.pick(senders).email } : {}),
      subject,
      text,
      ...(html ? { html } : {}),
      attachments,
      messageId,
      date: at,
      ...(original ? { inReplyTo: original.messageId, references: [original.messageId] } : {}),
      headers: [
        ...traceHeaders(rng, from, at, subject),
        { key: from.client === 'outlook' || from.client === 'thunderbird' ? 'User-Agent' : 'X-Mailer', value: { outlook: 'Microsoft Outlook 16.0', thunderbird: 'Mozilla Thunderbird 128.5.0', iphone: 'iPhone Mail (22B91)', gmail: 'Gmail' }[from.client] },
      ],
    })
      .compile()
      .build();
    raws.push(raw);
    kinds.push(kind);
    sent.push({ messageId, subject, text: text.split('\n-- \n')[0], from });
  }
  return { raws, kinds };
}

