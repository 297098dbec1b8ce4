/**
 * The outcome of Request.do(): client-go's rest.Result. Awaiting do() never rejects: the error
 * (transport failure, non-2xx answer, abort) is carried by the Result and thrown by `into()` and
 * `raw()`, as Go's Result.Into/Raw return it. `PendingResult` lets the seeds' one-liner read
 * naturally: `await rc.get()...do().into<PodList>()`.
 */
import { StatusError, type Status } from '../errors.js';

/** A body decoded while it was read (the value JSON.parse gives, or the error it throws). */
export type DecodedBody = { value: unknown; error?: undefined } | { error: Error; value?: undefined };

export interface ResultInit {
  /** The body; chunks are joined on first use of raw(). */
  body: Buffer | Buffer[];
  /** Set when the body was decoded as it arrived (do().into() on a JSON success). */
  decoded?: DecodedBody;
  contentType: string;
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  err?: Error;
  warnings: string[];
}

export class Result {
  /** The body as chunks until raw() or into() first needs it whole (then joined once). */
  private body: Buffer | Buffer[];
  /** The value decoded while the body arrived; taken by the first into(). */
  private decoded: DecodedBody | undefined;
  private readonly r: Omit<ResultInit, 'body' | 'decoded'>;

  constructor(init: ResultInit) {
    const { body, decoded, ...rest } = init;
    this.body = body;
    this.decoded = decoded;
    this.r = rest;
  }

  private bodyBuffer(): Buffer {
    if (Array.isArray(this.body)) this.body = this.body.length === 1 ? this.body[0] : Buffer.concat(this.body);
    return this.body;
  }

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
    return this.bodyBuffer();
  }

  /**
   * The body decoded as JSON. Throws the request's error; a 2xx body that is a Status other than
   * Success is thrown as a StatusError (client-go does the same in Into). Each call decodes
   * afresh, except that the first call takes the value decoded while the body arrived.
   */
  into<T = unknown>(): T {
    if (this.r.err) throw this.r.err;
    const empty = Array.isArray(this.body) ? this.body.every((c) => c.length === 0) : this.body.length === 0;
    if (empty) {
      throw new Error(`0-length response with status code: ${this.r.statusCode} and content type: ${this.r.contentType}`);
    }
    let v: unknown;
    try {
      const decoded = this.decoded;
      this.decoded = undefined;
      if (decoded?.error) throw decoded.error;
      v = decoded ? decoded.value : JSON.parse(this.bodyBuffer().toString('utf8'));
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
  /**
   * `wantsDecoded`: set by into(). A chained `do().into()` sets it in the same tick as do(),
   * before any response byte can have arrived, so the request decodes the body while reading it;
   * a later into() (after awaiting the Result) decodes the complete body instead. Same value.
   */
  constructor(
    private readonly promise: Promise<Result>,
    private readonly wantsDecoded: { value: boolean } = { value: false },
  ) {}

  then<A = Result, B = never>(
    onfulfilled?: ((value: Result) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.promise.then(onfulfilled, onrejected);
  }

  into<T = unknown>(): Promise<T> {
    this.wantsDecoded.value = true;
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
