// Small HTTP helpers for the sandbox front door.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class HttpInputError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The body as text (form-encoded token requests, JSON the emulator parses itself). */
export async function readTextBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new HttpInputError(413, `request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readTextBody(req);
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpInputError(400, 'request body is not valid JSON');
  }
}

/** Sends an emulator's answer: JSON (or text) body, repeated headers sent once per value. */
export function sendRaw(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]>,
): void {
  if (body === undefined || status === 204) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (body === undefined || status === 204) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function jiraError(
  status: number,
  message: string,
): { status: number; body: { errorMessages: string[]; errors: Record<string, string> } } {
  return { status, body: { errorMessages: [message], errors: {} } };
}

/** Parses `Authorization: Basic base64(email:token)`. */
export function parseBasicAuth(header: string | undefined): { email: string; token: string } | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i <= 0) return undefined;
  return { email: decoded.slice(0, i), token: decoded.slice(i + 1) };
}
