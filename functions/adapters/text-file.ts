import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * A file written piece by piece, waiting when its buffer is full (backpressure, not a queue
 * that grows with the month): the report's spools (file-scratch.ts) and its CSV and JSON files
 * (report-files.ts).
 */
export class TextFile {
  private readonly out: WriteStream;
  constructor(readonly path: string) {
    this.out = createWriteStream(path);
  }
  async write(text: string | Uint8Array): Promise<void> {
    if (!this.out.write(text)) await once(this.out, 'drain');
  }
  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}
