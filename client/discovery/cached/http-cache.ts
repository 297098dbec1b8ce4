/**
 * An ETag cache on disk for discovery GETs (what client-go's disk cache gets from httpcache):
 * a stored answer is revalidated with If-None-Match, and a 304 serves it again.
 *
 * Files: <dir>/<sha256(url + accept)>.json holding { url, etag, contentType, body (base64) }.
 * Failure modes: an unreadable or corrupt entry is ignored (a normal request is made); a failed
 * write is ignored (the next request is simply not conditional). Only 200 answers with an ETag are
 * stored.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request } from '../../rest/request.js';
import { Result } from '../../rest/result.js';

interface Entry {
  url: string;
  etag: string;
  contentType: string;
  body: string;
}

export class HttpCache {
  constructor(readonly dir: string) {}

  private file(url: string, accept: string): string {
    return join(this.dir, `${createHash('sha256').update(`${url}\n${accept}`).digest('hex')}.json`);
  }

  private read(file: string): Entry | undefined {
    try {
      const e = JSON.parse(readFileSync(file, 'utf8')) as Entry;
      return typeof e.etag === 'string' && typeof e.body === 'string' ? e : undefined;
    } catch {
      return undefined;
    }
  }

  private write(file: string, entry: Entry): void {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o750 });
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(tmp, JSON.stringify(entry), { mode: 0o660 });
      renameSync(tmp, file);
    } catch {
      // an unwritable cache only costs a full response next time
    }
  }

  async get(req: Request, accept: string): Promise<Result> {
    const url = req.url();
    const file = this.file(url, accept);
    const cached = this.read(file);
    if (cached) req.setHeader('if-none-match', cached.etag);
    const result = await req.do();
    if (cached && result.statusCode() === 304) {
      return new Result({
        body: Buffer.from(cached.body, 'base64'),
        contentType: cached.contentType,
        statusCode: 200,
        headers: { 'content-type': cached.contentType, etag: cached.etag },
        warnings: [],
      });
    }
    const etag = result.header('etag');
    if (!result.error() && result.statusCode() === 200 && etag) {
      this.write(file, { url, etag, contentType: result.contentType(), body: result.raw().toString('base64') });
    }
    return result;
  }
}
