// Attachment requests and responses: the API's edge, shared with the web app.
import { z } from 'zod';
import { isoDateTime, userRef } from './shared.ts';

export const ATTACHMENT_LIMITS = {
  filesPerUpload: 10,
  filenameLength: 255,
} as const;

export const attachmentSchema = z.object({
  id: z.number(),
  ticketId: z.number(),
  filename: z.string(),
  contentType: z.string().describe('as stored; downloads of active content (HTML, SVG, scripts…) are served as application/octet-stream'),
  size: z.number().describe('bytes'),
  sha256: z.string().describe('hex digest of the content; also the ETag of the download'),
  internal: z.boolean().describe('visible to the support team only'),
  uploadedBy: userRef.nullable(),
  createdAt: isoDateTime,
  url: z.string().describe('where to download the content'),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentListResponse = z.object({ items: z.array(attachmentSchema) });

/**
 * The multipart/form-data body of an upload, for the API description only: the server
 * reads it as a stream and checks it part by part.
 */
export const uploadAttachmentsForm = z.object({
  file: z
    .array(z.string().meta({ format: 'binary' }))
    .min(1)
    .max(ATTACHMENT_LIMITS.filesPerUpload)
    .describe('one or more files, each a part named "file"; empty files are refused'),
  internal: z.enum(['true', 'false']).optional().describe('"true" to attach for the support team only (staff)'),
});

export const attachmentContentQuery = z
  .object({
    inline: z.enum(['0', '1']).optional().describe('"1" shows PNG, JPEG, GIF and WebP images inline; everything else always downloads'),
  })
  .strict();
