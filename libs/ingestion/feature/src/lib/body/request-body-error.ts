/** Why a request body was refused before any event in it was looked at. */
export type RequestBodyProblem = 'payload_too_large' | 'malformed_json' | 'empty_body' | 'unsupported_encoding';

const STATUS: Record<RequestBodyProblem, number> = {
  payload_too_large: 413,
  malformed_json: 400,
  empty_body: 400,
  unsupported_encoding: 415,
};

const ERROR: Record<RequestBodyProblem, string> = {
  payload_too_large: 'Payload Too Large',
  malformed_json: 'Bad Request',
  empty_body: 'Bad Request',
  unsupported_encoding: 'Unsupported Media Type',
};

export class RequestBodyError extends Error {
  override readonly name = 'RequestBodyError';

  /** True when the rest of the body was not read: the answer must close the connection. */
  readonly closeConnection: boolean;

  constructor(
    readonly problem: RequestBodyProblem,
    message: string,
    options: { closeConnection?: boolean } = {},
  ) {
    super(message);
    this.closeConnection = options.closeConnection ?? false;
  }

  get status(): number {
    return STATUS[this.problem];
  }

  /** Nest's JSON error shape, so these answers look like every other error of the API. */
  toJSON(): { statusCode: number; error: string; message: string } {
    return { statusCode: this.status, error: ERROR[this.problem], message: this.message };
  }
}
