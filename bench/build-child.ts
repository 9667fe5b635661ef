// Builds in a process of their own, so that peak memory is the build's and nobody else's. The
// benchmark forks this file: it makes one full build, reports, and then makes an incremental
// build each time the parent says an edit was published, in the same process, as the webhook
// server does after an editor presses Publish.
import { runBuild, type BuildOptions } from '../scripts/pipeline.js';
import { pendingRemovals } from '../scripts/publish/release.js';
import { flushState } from '../scripts/publish/state.js';
import type { BuildReport } from '../scripts/publish/report.js';

export type BuildChildOptions = Pick<BuildOptions, 'strapiUrl' | 'strapiToken' | 'outDir' | 'siteUrl' | 'cacheDir'>;

export interface BuildChildResult {
  kind: 'full' | 'incremental';
  report: BuildReport;
  /** This process's high-water mark so far, in bytes. */
  maxRssBytes: number;
  /** The high-water mark as each stage ended, in MiB: where the peak was reached. */
  maxRssAfterStage: Record<string, number>;
}

export type BuildChildCommand = { kind: 'incremental' } | { kind: 'exit' };

const send = (message: BuildChildResult): Promise<void> => new Promise((resolve, reject) => process.send?.(message, (error: Error | null) => (error ? reject(error) : resolve())));

const build = async (options: BuildChildOptions, kind: BuildChildResult['kind']): Promise<void> => {
  const maxRssAfterStage: Record<string, number> = {};
  const report = await runBuild({
    ...options,
    incremental: kind === 'incremental',
    // As the server builds after a publish: the search index is made by a build of its own once editors pause.
    deferSearchIndex: kind === 'incremental',
    onStage: (event) => {
      if (event.state !== 'start') maxRssAfterStage[event.stage] = Math.round(process.resourceUsage().maxRSS / 1024);
    },
  });
  // The site is live when runBuild returns (its time is the report's); the state file and
  // the pruning of old releases finish just after. The parent may delete the output next.
  await flushState();
  await pendingRemovals();
  // resourceUsage().maxRSS is in kilobytes.
  await send({ kind, report, maxRssBytes: process.resourceUsage().maxRSS * 1024, maxRssAfterStage });
};

const options = JSON.parse(process.argv[2] ?? '{}') as BuildChildOptions;
process.on('message', (command: BuildChildCommand) => {
  if (command.kind === 'exit') process.exit(0);
  void build(options, 'incremental').catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
await build(options, 'full');
