// Progress of a build: a live line per stage on a terminal, plain lines in logs and CI.
import { describeDeploy } from '../deploy/describe.js';
import type { StageEvent } from '../pipeline.js';
import { reportPathFor, type BuildReport } from '../publish/report.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

export const createProgress = (stream: NodeJS.WriteStream = process.stdout): ((event: StageEvent) => void) => {
  const live = stream.isTTY === true;
  return (event) => {
    if (event.state === 'start') {
      if (live) stream.write(`  … ${event.stage}`);
      return;
    }
    const line = event.state === 'done' ? `  ✔ ${event.stage.padEnd(10)} ${seconds(event.ms).padStart(8)}  ${event.detail}` : `  ✖ ${event.stage.padEnd(10)} ${seconds(event.ms).padStart(8)}  failed`;
    stream.write(live ? `\r\x1b[2K${line}\n` : `${line}\n`);
  };
};

/** What a build did, in a few lines, at the end of its progress. */
export const printSummary = (report: BuildReport, stream: NodeJS.WriteStream = process.stdout): void => {
  const counts = Object.entries(report.counts).map(([type, perLocale]) => `${type} ${Object.entries(perLocale).map(([l, n]) => `${l}:${n}`).join('/')}`).join(', ');
  if (report.status === 'ok') {
    stream.write(`Built ${report.pages} pages (${report.files} files) in ${(report.durationMs / 1000).toFixed(1)} s into ${report.outDir}\n`);
    stream.write(`  documents: ${counts}\n`);
  } else {
    stream.write(`Build failed after ${(report.durationMs / 1000).toFixed(1)} s; the previous site is untouched.\n  ${report.error?.message.replace(/\n/g, '\n  ')}\n`);
  }
  const notes = [
    report.leftOut.length && `${report.leftOut.length} document(s) left out`,
    report.missingTranslations.length && `${report.missingTranslations.length} missing translation(s)`,
    report.warnings.length && `${report.warnings.length} warning(s)`,
  ].filter(Boolean);
  if (report.deploy) stream.write(`  ${describeDeploy(report.deploy)}\n`);
  if (notes.length) stream.write(`  ${notes.join(', ')}: see ${reportPathFor(report.outDir)}\n`);
  for (const issue of report.leftOut.slice(0, 10)) stream.write(`  - ${issue.message}\n`);
};
