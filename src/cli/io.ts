// The command line's input and output: where it prints, its clock, and progress lines on stderr.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Clock for Körlogg's Tidpunkt and the progress lines (tests may fix it). */
  now: () => Date;
}

export const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => new Date(),
};

// Progress: plain lines on stderr (no colours or spinners, so CI logs stay clean).

export class Progress {
  private readonly started: number;
  constructor(
    private readonly io: CliIo,
    private readonly quiet: boolean,
  ) {
    this.started = io.now().getTime();
  }
  step(text: string): void {
    if (!this.quiet) this.io.stderr(`${text} (${this.elapsed()})\n`);
  }
  elapsed(): string {
    const seconds = (this.io.now().getTime() - this.started) / 1000;
    return `${seconds.toFixed(1).replace('.', ',')} s`;
  }
}
