// A deploy's progress for people: what it will do, then uploads as they go (a live line on a
// terminal; in logs a line every few seconds and at the end of each phase), then what it deleted.
import type { DeployEvent } from './deploy.js';

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const createDeployProgress = (stream: NodeJS.WriteStream = process.stdout, everyMs = 5000): ((event: DeployEvent) => void) => {
  const live = stream.isTTY === true;
  let lastLine = 0;
  let lastPhase = '';
  return (event) => {
    if (event.kind === 'waiting') stream.write(`  waiting for the deploy already running (${event.holder})…\n`);
    else if (event.kind === 'planned')
      stream.write(`  release ${event.release}: ${event.uploads} to upload (${megabytes(event.bytes)}), ${event.unchanged} unchanged, ${event.deletions} to delete\n`);
    else if (event.kind === 'deleted') stream.write(`  deleted ${event.count} object(s) the release no longer has\n`);
    else {
      const line = `  uploading ${event.phase}: ${event.done}/${event.total} files, ${megabytes(event.bytesDone)} of ${megabytes(event.bytesTotal)}`;
      const now = Date.now();
      const phaseEnds = event.done === event.total || (lastPhase !== '' && lastPhase !== event.phase);
      lastPhase = event.phase;
      if (live) stream.write(`\r\x1b[2K${line}${event.done === event.total ? '\n' : ''}`);
      else if (phaseEnds || now - lastLine >= everyMs) {
        lastLine = now;
        stream.write(`${line}\n`);
      }
    }
  };
};
