import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import multer from 'multer';
import { assertCsrf } from './csrf';
import type { MessageKey, Params } from './i18n';

/**
 * File uploads: multipart parsing in memory with limits, the CSRF check once the body is read,
 * and the file's type judged from its content (never from its name or the browser's word).
 */

/** What Jalons accepts, by the type found in the bytes, with the extensions a name may keep. */
export const ACCEPTED_TYPES: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
};

export const ACCEPTED_LABEL = 'PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG';

/** The file picker's hint to the browser, `accept=".pdf,.docx,…"` (the server judges the content anyway). */
export const acceptAttribute = () =>
  Object.values(ACCEPTED_TYPES)
    .flat()
    .map((e) => `.${e}`)
    .join(',');

export type Upload = {
  buffer: Buffer;
  /** Safe to show and to send back in Content-Disposition. */
  filename: string;
  mimeType: string;
  size: number;
  sha256: string;
};

/** Why an upload is refused: the status, and a catalogue key for the French sentence. */
export type UploadProblem = { status: 413 | 422; key: MessageKey; params?: Params };

export type UploadResult = { ok: true; upload: Upload } | { ok: false; problem: UploadProblem };

/**
 * A route that receives a file (POST, multipart), declared once by its area: the route is
 * registered at `path`, and the CSRF check reads the same declaration (`isUploadTo`) to leave the
 * token to `receiveUpload`, which checks it once the body is read. Parameters (`:id`) are ids.
 * Any other multipart post is checked by the global middleware, and refused (its token cannot be found).
 */
export type UploadRoute = { path: string; pattern: RegExp };

export function uploadRoute(path: string): UploadRoute {
  const segment = (s: string) => (s.startsWith(':') ? '[1-9][0-9]*' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { path, pattern: new RegExp(`^${path.split('/').map(segment).join('/')}$`, 'i') };
}

/** Whether a request posts a multipart body to one of `routes`. */
export const isUploadTo = (routes: readonly UploadRoute[]) => (req: Request) =>
  req.method === 'POST' && Boolean(req.is('multipart/form-data')) && routes.some((r) => r.pattern.test(req.path));

const MB = 1024 * 1024;

/**
 * Reads one file from a multipart form (field `field`), then checks the CSRF token (a bad token
 * throws the usual 403, even when the file was refused). Put the `_csrf` input before the file
 * input in the form, so that the token is read even when the file is too big.
 */
export async function receiveUpload(
  req: Request,
  res: Response,
  opts: { field: string; maxMb: number },
): Promise<UploadResult> {
  const maxBytes = Math.floor(opts.maxMb * MB);
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 100 * 1024, parts: 25 },
    // Browsers send file names as raw UTF-8: "Compte rendu – été.pdf" must stay readable.
    defParamCharset: 'utf8',
  }).single(opts.field);
  const failure = await new Promise<unknown>((resolve) => parse(req, res, (err?: unknown) => resolve(err)));
  assertCsrf(req);
  if (failure) return { ok: false, problem: problemOf(failure, opts.maxMb) };
  const file = req.file;
  if (!file) return { ok: false, problem: { status: 422, key: 'uploads.missing' } };
  return inspectUpload(file.buffer, file.originalname);
}

function problemOf(err: unknown, maxMb: number): UploadProblem {
  const code = (err as { code?: string })?.code;
  if (code === 'LIMIT_FILE_SIZE') return { status: 413, key: 'uploads.tooBig', params: { max: formatMb(maxMb) } };
  // Any other parsing failure (a truncated or malformed body): refused, nothing was kept.
  return { status: 422, key: 'uploads.malformed' };
}

const formatMb = (mb: number) => String(Math.round(mb * 100) / 100).replace('.', ',');

/** Judges a file by its bytes: an accepted type, not empty; its SHA-256 and a clean name. */
export async function inspectUpload(buffer: Buffer, originalName: string): Promise<UploadResult> {
  if (!buffer.length) return { ok: false, problem: { status: 422, key: 'uploads.empty' } };
  const type = await sniff(buffer);
  const exts = type && ACCEPTED_TYPES[type.mime];
  if (!type || !exts)
    return { ok: false, problem: { status: 422, key: 'uploads.badType', params: { types: ACCEPTED_LABEL } } };
  return {
    ok: true,
    upload: {
      buffer,
      filename: sanitiseFilename(originalName, exts),
      mimeType: type.mime,
      size: buffer.length,
      sha256: createHash('sha256').update(buffer).digest('hex'),
    },
  };
}

type FileTypeModule = { fileTypeFromBuffer: (b: Uint8Array) => Promise<{ ext: string; mime: string } | undefined> };
let fileType: Promise<FileTypeModule> | undefined;

/** file-type is ESM-only: loaded once, on first use. */
async function sniff(buffer: Buffer) {
  fileType ??= import('file-type') as Promise<FileTypeModule>;
  return (await fileType).fileTypeFromBuffer(buffer);
}

/**
 * The name as the user knows it, minus what could hurt: paths, control and bidirectional
 * characters, characters Windows refuses, a leading dot; and with an extension that matches
 * the real content ("scan" of a PDF becomes "scan.pdf").
 */
export function sanitiseFilename(name: string, exts: string[]): string {
  let base = (name ?? '')
    .normalize('NFC')
    // Control characters and bidirectional overrides are removed on purpose: they could disguise a name.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\\/:*?"<>|]+/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .trim();
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(base)?.[1]?.toLowerCase();
  let suffix: string;
  if (ext && exts.includes(ext)) {
    suffix = base.slice(base.length - ext.length - 1);
    base = base.slice(0, base.length - ext.length - 1);
  } else {
    suffix = `.${exts[0]}`;
  }
  base = base.replace(/[\s.]+$/, '');
  if (!base) base = 'document';
  return Array.from(base).slice(0, 150).join('') + suffix;
}
