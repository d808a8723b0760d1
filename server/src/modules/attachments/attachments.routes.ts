import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf } from '../../lib/access.ts';
import { isStaff } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { idParam } from '../../../../common/schemas/shared.ts';
import { attachmentContentQuery, attachmentListResponse, uploadAttachmentsForm } from '../../../../common/schemas/attachments.ts';
import { downloadHeaders, ifNoneMatchHits } from './attachment-content.ts';
import { receiveUpload, uploadLimits } from './attachment-upload.ts';
import { addAttachments, checkCanAttach, findAttachment, listTicketAttachments, openAttachmentContent } from './attachments.service.ts';

const tags = ['attachments'];

// The upload body is a stream read part by part in the handler; its schema is there for
// the API description only, so this route does not validate the body.
const paramsOnlyValidator: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' ? () => true : validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);

export function attachmentsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/tickets/:id/attachments',
      {
        config: { access: 'authenticated' },
        validatorCompiler: paramsOnlyValidator,
        schema: {
          tags,
          summary: 'Attach files to a ticket (multipart/form-data: one or more "file" parts, optional "internal")',
          description: `Each file is limited to ${deps.config.attachmentMaxBytes} bytes (413 above it); empty files are refused (422). Closed tickets take no attachments (409).`,
          consumes: ['multipart/form-data'],
          params: idParam,
          body: uploadAttachmentsForm,
          response: { 201: attachmentListResponse },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const id = request.params.id;
        if (!request.isMultipart()) throw new AppError(415, 'Unsupported Media Type', 'Send the files as multipart/form-data, one part named "file" per file.');
        try {
          await checkCanAttach(deps, actor, id);
          const upload = await receiveUpload(request.parts({ limits: uploadLimits(deps.config.attachmentMaxBytes) }), {
            dataDir: deps.config.dataDir,
            maxBytes: deps.config.attachmentMaxBytes,
            mayUploadInternal: isStaff(actor.roles),
          });
          return reply.status(201).send({ items: await addAttachments(deps, actor, id, upload) });
        } catch (err) {
          // The rest of a refused upload is not read: close the connection rather than
          // leave the client's body in the pipe.
          reply.header('connection', 'close');
          throw err;
        }
      },
    );

    app.get(
      '/tickets/:id/attachments',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: 'Attachments of a ticket, oldest first (requesters never see internal ones)', params: idParam, response: { 200: attachmentListResponse } },
      },
      async (request) => ({ items: await listTicketAttachments(deps, actorOf(request), request.params.id) }),
    );

    app.get(
      '/attachments/:id/content',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'Download an attachment',
          description:
            'Always a download (Content-Disposition: attachment) except PNG, JPEG, GIF and WebP images with ?inline=1. Active content (HTML, SVG, XML, scripts…) is served as application/octet-stream. The ETag is the sha256 of the content; If-None-Match gives 304.',
          params: idParam,
          querystring: attachmentContentQuery,
        },
      },
      async (request, reply) => {
        const attachment = await findAttachment(deps, actorOf(request), request.params.id);
        const headers = downloadHeaders(attachment, request.query.inline === '1');
        reply.headers(headers);
        if (ifNoneMatchHits(request.headers['if-none-match'], headers.etag)) return reply.status(304).send();
        const blob = await openAttachmentContent(deps, attachment);
        reply.header('content-length', blob.size);
        return reply.send(blob.handle.createReadStream());
      },
    );
  };
}
