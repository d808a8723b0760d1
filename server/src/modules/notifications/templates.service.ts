// Notification templates: the built-in defaults, admins' overrides (checked on save), and
// the template in use for a kind and language.
import { LANGUAGES, type Language } from '../../../../common/enums.ts';
import { TEMPLATE_KINDS, type PreviewTemplateInput, type Template, type TemplateKind, type TemplatePreview, type UpdateTemplateInput } from '../../../../common/schemas/email.ts';
import type { Trx } from '../../db/db.ts';
import type { Deps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { isoNow } from '../../lib/clock.ts';
import { recordAudit } from '../../lib/audit.ts';
import { Unprocessable } from '../../lib/errors.ts';
import { DEFAULT_TEMPLATES, PLACEHOLDERS, type TemplateContent } from './default-templates.ts';
import { checkTemplate, renderTemplate, sampleView } from './template-render.ts';
import * as repo from './templates.repo.ts';

function toTemplate(kind: TemplateKind, language: Language, content: TemplateContent, customised: boolean): Template {
  return { kind, language, subject: content.subject, text: content.text, html: content.html, customised, placeholders: PLACEHOLDERS[kind] };
}

/** The template mail is made from: the admin's version when it is still valid, else the default. */
export async function templateInUse(db: Trx, kind: TemplateKind, language: Language): Promise<{ content: TemplateContent; customised: boolean }> {
  const override = await repo.readTemplateOverride(db, kind, language);
  if (override && checkTemplate(kind, override).length === 0) return { content: override, customised: true };
  return { content: DEFAULT_TEMPLATES[language][kind], customised: false };
}

export async function listTemplates(deps: Deps): Promise<Template[]> {
  const overrides = await repo.listTemplateOverrides(deps.db);
  return TEMPLATE_KINDS.flatMap((kind) =>
    LANGUAGES.map((language) => {
      const override = overrides.get(repo.templateKey(kind, language));
      return override ? toTemplate(kind, language, override, true) : toTemplate(kind, language, DEFAULT_TEMPLATES[language][kind], false);
    }),
  );
}

export async function getTemplate(deps: Deps, kind: TemplateKind, language: Language): Promise<Template> {
  const { content, customised } = await templateInUse(deps.db, kind, language);
  return toTemplate(kind, language, content, customised);
}

function assertValid(kind: TemplateKind, language: Language, content: TemplateContent): void {
  const issues = checkTemplate(kind, content);
  if (issues.length === 0) return;
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join(' ');
  throw new Unprocessable(`The ${kind} template (${language}) cannot be used. ${summary}`, { errors: issues });
}

export async function saveTemplate(deps: Deps, actor: Actor, kind: TemplateKind, language: Language, input: UpdateTemplateInput): Promise<Template> {
  const content: TemplateContent = { subject: input.subject, text: input.text, html: input.html?.trim() ? input.html : null };
  assertValid(kind, language, content);
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    await repo.writeTemplateOverride(trx, kind, language, content, at);
    await recordAudit(trx, actor, at, { action: 'email.template.update', entityType: 'setting', entityId: repo.templateKey(kind, language), data: content });
  });
  return toTemplate(kind, language, content, true);
}

/** Back to the built-in template; returns it. */
export async function resetTemplate(deps: Deps, actor: Actor, kind: TemplateKind, language: Language): Promise<Template> {
  const at = isoNow(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    if (await repo.deleteTemplateOverride(trx, kind, language)) {
      await recordAudit(trx, actor, at, { action: 'email.template.reset', entityType: 'setting', entityId: repo.templateKey(kind, language) });
    }
  });
  return toTemplate(kind, language, DEFAULT_TEMPLATES[language][kind], false);
}

/** Renders a draft (or the template in use) with example values. */
export async function previewTemplate(deps: Deps, kind: TemplateKind, language: Language, draft: PreviewTemplateInput): Promise<TemplatePreview> {
  const { content: current } = await templateInUse(deps.db, kind, language);
  const content: TemplateContent = {
    subject: draft.subject ?? current.subject,
    text: draft.text ?? current.text,
    html: draft.html === undefined ? current.html : draft.html?.trim() ? draft.html : null,
  };
  assertValid(kind, language, content);
  return renderTemplate(content, sampleView(language, deps.config.publicUrl), language);
}
