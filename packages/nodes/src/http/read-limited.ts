/**
 * Reads a response body whole, up to `limit` bytes. Past the limit the body is destroyed (the rest
 * is never downloaded) and the answer is `null`: the caller decides what an oversized body means.
 */
export async function readLimited(body: AsyncIterable<Buffer> & { destroy(): unknown }, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > limit) {
      body.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
