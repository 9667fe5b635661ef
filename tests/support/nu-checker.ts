// The W3C Nu HTML Checker (vnu-jar, on Java 17), over files on disk: the validator the W3C
// runs, a second opinion beside html-validate. One JVM checks every file given.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';

const require = createRequire(import.meta.url);
const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

const reportSchema = z.object({
  messages: z.array(z.object({ type: z.string(), subType: z.string().optional(), url: z.string().optional(), lastLine: z.number().optional(), message: z.string() })),
});

/** The checker's errors for these HTML files, as "file:line message" (warnings are left out). */
export const nuErrors = (files: string[]): Promise<string[]> =>
  new Promise((resolve, reject) => {
    // The checker passes a file it cannot find without a word: an empty list or a missing file is no pass.
    const missing = files.filter((file) => !existsSync(file));
    if (files.length === 0 || missing.length > 0) {
      reject(new Error(`the Nu HTML Checker was given ${files.length === 0 ? 'no files' : `files that do not exist: ${missing.join(', ')}`}`));
      return;
    }
    // It prints its JSON report on stderr and exits 1 when it found errors; a crash prints no JSON.
    execFile('java', ['-Xss8m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files], { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      let report: z.infer<typeof reportSchema>;
      try {
        report = reportSchema.parse(JSON.parse(stderr));
      } catch {
        reject(new Error(`the Nu HTML Checker did not report (${error?.message ?? 'no error'}): ${stderr.slice(0, 2000)}`));
        return;
      }
      // A file it could not read or check is reported as a non-document error: that is no pass either.
      resolve(report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal').map((m) => `${m.url ? decodeURIComponent(new URL(m.url).pathname) : '?'}:${m.lastLine ?? '?'} ${m.message}`));
    });
  });
