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
