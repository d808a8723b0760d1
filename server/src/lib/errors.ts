// Typed errors that services throw; one handler in app.ts turns them into problem+json.
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
  }
}

export class NotFound extends AppError {
  constructor(detail: string) {
    super(404, 'Not Found', detail);
  }
}
export class Forbidden extends AppError {
  constructor(detail: string) {
    super(403, 'Forbidden', detail);
  }
}
export class Unauthorized extends AppError {
  constructor(detail = 'Sign in, or send an API token as "Authorization: Bearer <token>".') {
    super(401, 'Unauthorized', detail);
  }
}
export class Conflict extends AppError {
  constructor(detail: string, extra?: Record<string, unknown>) {
    super(409, 'Conflict', detail, extra);
  }
}
export class ValidationError extends AppError {
  constructor(detail: string, errors?: { path: string; message: string }[]) {
    super(400, 'Bad Request', detail, errors ? { errors } : undefined);
  }
}
export class Unprocessable extends AppError {
  constructor(detail: string, extra?: Record<string, unknown>) {
    super(422, 'Unprocessable Content', detail, extra);
  }
}
