/**
 * Errors the stand-ins raise.
 *
 * `ServiceError` is an error the *service* returns over the wire: the server turns it into an HTTP
 * response with `__type` and `x-amzn-errortype`, so the real SDK raises its own exception class
 * (e.g. `NotAuthorizedException`). `StandInUsageError` is thrown to the test itself when the test-side
 * seeding API is misused; it never goes over HTTP.
 */
export class ServiceError extends Error {
  /** Non-secret note for the call log (e.g. a side effect the refused call still had). */
  detail?: string;

  constructor(
    readonly type: string,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export class StandInUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StandInUsageError';
  }
}
