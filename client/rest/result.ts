/**
 * The outcome of Request.do(): client-go's rest.Result. Awaiting do() never rejects: the error
 * (transport failure, non-2xx answer, abort) is carried by the Result and thrown by `into()` and
 * `raw()`, as Go's Result.Into/Raw return it. `PendingResult` lets the seeds' one-liner read
 * naturally: `await rc.get()...do().into<PodList>()`.
 */
import { StatusError, type Status } from '../errors.js';

export interface ResultInit {
  body: Buffer;
  contentType: string;
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  err?: Error;
  warnings: string[];
}

export class Result {
  constructor(private readonly r: ResultInit) {}

  /** The error of the request, if it failed: a StatusError for API errors. */
  error(): Error | undefined {
    return this.r.err;
  }

  /** The HTTP status code (0 when no response was received). */
  statusCode(): number {
    return this.r.statusCode;
  }

  contentType(): string {
    return this.r.contentType;
  }

  /** Warning headers (`299 - "..."`) the server sent, as messages. */
  warnings(): string[] {
    return this.r.warnings;
  }

  header(name: string): string | undefined {
    const v = this.r.headers[name.toLowerCase()];
    return Array.isArray(v) ? v.join(', ') : v;
  }

  /** The body; throws the request's error if it failed. */
  raw(): Buffer {
    if (this.r.err) throw this.r.err;
    return this.r.body;
  }

  /**
   * The body decoded as JSON. Throws the request's error; a 2xx body that is a Status other than
   * Success is thrown as a StatusError (client-go does the same in Into).
   */
  into<T = unknown>(): T {
    if (this.r.err) throw this.r.err;
    if (this.r.body.length === 0) {
      throw new Error(`0-length response with status code: ${this.r.statusCode} and content type: ${this.r.contentType}`);
    }
    let v: unknown;
    try {
      v = JSON.parse(this.r.body.toString('utf8'));
    } catch (e) {
      throw new Error(`decoding a ${this.r.contentType || 'response'} body: ${(e as Error).message}`);
    }
    const s = v as Status | null;
    if (s && typeof s === 'object' && s.kind === 'Status' && s.status !== undefined && s.status !== 'Success') {
      throw new StatusError(s);
    }
    return v as T;
  }
}

/** What do() returns: a promise of the Result with shortcuts for its accessors. */
export class PendingResult implements PromiseLike<Result> {
  constructor(private readonly promise: Promise<Result>) {}

  then<A = Result, B = never>(
    onfulfilled?: ((value: Result) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.promise.then(onfulfilled, onrejected);
  }

  into<T = unknown>(): Promise<T> {
    return this.promise.then((r) => r.into<T>());
  }

  raw(): Promise<Buffer> {
    return this.promise.then((r) => r.raw());
  }

  statusCode(): Promise<number> {
    return this.promise.then((r) => r.statusCode());
  }

  error(): Promise<Error | undefined> {
    return this.promise.then((r) => r.error());
  }
}
