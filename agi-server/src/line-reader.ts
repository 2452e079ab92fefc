/**
 * Splits a byte stream into lines. Keeps the partial tail of each chunk for the next one (TCP
 * splits anywhere), accepts \n and \r\n, and refuses a line longer than `maxLength` instead of
 * buffering without bound.
 */
export class LineTooLongError extends Error {
  constructor(readonly limit: number) {
    super(`line longer than ${limit} bytes`);
  }
}

export class LineReader {
  private tail = '';

  constructor(private readonly maxLength: number) {}

  /** Complete lines in this chunk (without their terminators). */
  feed(chunk: string): string[] {
    const text = this.tail + chunk;
    const parts = text.split('\n');
    this.tail = parts.pop() ?? '';
    if (this.tail.length > this.maxLength || parts.some((l) => l.length > this.maxLength)) {
      this.tail = ''; // nothing of a refused stream is kept
      throw new LineTooLongError(this.maxLength);
    }
    return parts.map((line) => {
      return line.endsWith('\r') ? line.slice(0, -1) : line;
    });
  }
}
