// Request bodies are read with a ceiling: the declared Content-Length is checked first, then
// the bytes are counted as they stream in, and reading stops at the first byte over the limit,
// so an oversized body is refused without being held in memory.

export const WEBHOOK_BODY_LIMIT = 256 * 1024;
export const TRPC_BODY_LIMIT = 1024 * 1024;

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${Math.round(limit / 1024)} KB.`);
  }
}

/** The body's bytes, or BodyTooLarge as soon as it is known to exceed `limit`. */
export async function readBodyWithin(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLarge(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The body as text, within the limit. */
export async function readTextWithin(request: Request, limit: number): Promise<string> {
  return new TextDecoder().decode(await readBodyWithin(request, limit));
}

export const payloadTooLarge = (error: BodyTooLarge) => Response.json({ error: error.message }, { status: 413 });
