// The one error type users see, and the exit codes of design.md §2 (decided here and nowhere else).

export const EXIT = {
  ok: 0,
  findings: 1,
  user: 2,
  locked: 3,
  internal: 70,
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A problem the user can fix or a deliberate non-zero outcome; message is Chinese and says what to do. */
export class BiduiError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.user,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'BiduiError';
  }
}

/** Where in an input file a problem is: every user-facing input error names these. */
export interface Place {
  file: string;
  sheet?: string;
  row?: number;
  column?: string;
}

export function describePlace(p: Place): string {
  const parts = [`文件「${p.file}」`];
  if (p.sheet) parts.push(`工作表「${p.sheet}」`);
  if (p.row !== undefined) parts.push(`第 ${p.row} 行`);
  if (p.column) parts.push(`列「${p.column}」`);
  return parts.join('，');
}

export class InputError extends BiduiError {
  constructor(
    readonly place: Place,
    problem: string,
    fix: string,
    details: string[] = [],
  ) {
    super(`${describePlace(place)}：${problem}。${fix}`, EXIT.user, details);
    this.name = 'InputError';
  }
}

/** An error as it crosses from a worker thread to the main thread (structured clone drops the class). */
export interface SerializedError {
  type: 'input' | 'bidui' | 'other';
  message: string;
  stack?: string;
  exitCode?: ExitCode;
  details?: string[];
  place?: Place;
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof InputError) return { type: 'input', message: e.message, stack: e.stack, details: e.details, place: e.place };
  if (e instanceof BiduiError) return { type: 'bidui', message: e.message, stack: e.stack, exitCode: e.exitCode, details: e.details };
  const err = e instanceof Error ? e : new Error(String(e));
  return { type: 'other', message: err.message, stack: err.stack };
}

/** The same error again, of the same class with the same message, so it maps to the same exit code. */
export function deserializeError(s: SerializedError): Error {
  let e: Error;
  if (s.type === 'input') {
    e = new InputError(s.place!, '', '', s.details);
    e.message = s.message;
  } else if (s.type === 'bidui') {
    e = new BiduiError(s.message, s.exitCode, s.details);
  } else {
    e = new Error(s.message);
  }
  if (s.stack) e.stack = s.stack;
  return e;
}
