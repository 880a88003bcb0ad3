// What a code-server run opens: the packaged VSIX and a copy of the examples, so edits never touch the
// originals. Two fixtures come along: the mistakes, so the diagnostics have something to show, and one
// call per visualisation.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The VSIX that `npm run package` writes for this version. */
export function packagedVsix(projectRoot: string): string {
  const { name, version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const vsix = join(projectRoot, `${name}-linux-x64-${version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: build it with npm run package`);
  return vsix;
}

const FIXTURES = ['mistakes_training.py', 'visualisation_tour.py'];

export function copyExampleWorkspace(projectRoot: string, workspace: string): void {
  mkdirSync(workspace, { recursive: true });
  for (const file of readdirSync(join(projectRoot, 'examples')))
    cpSync(join(projectRoot, 'examples', file), join(workspace, file));
  for (const fixture of FIXTURES) cpSync(join(projectRoot, 'test', 'fixtures', fixture), join(workspace, fixture));
}
