// An error that carries every problem of an input at once (errors are collected, not thrown one at a time).
/** Base of the engine's input errors: `issues` typed, the message every issue's text on its own line. */
export class IssuesError<T extends { message: string }> extends Error {
  readonly issues: T[];
  constructor(name: string, issues: T[]) {
    super(issues.map((i) => i.message).join('\n'));
    this.name = name;
    this.issues = issues;
  }
}
