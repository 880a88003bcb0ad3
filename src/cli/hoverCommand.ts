// `cli hover FILE.py LINE COLUMN`: the hover markdown the editor would show there (1-based), or nothing.
import { hoverAt } from '../editor/hoverAt';
import type { HoverLength } from '../editor/hoverContent';
import { isVisualisationAvailable } from '../webviews/visualise/visualisationRegistry';
import { scanFile } from './cliScan';
import { readPythonFileWithContent } from './pythonFile';

const USAGE = 'usage: node dist/cli.js hover FILE.py LINE COLUMN [--long]';

export function runHover(args: string[]): number {
  const length: HoverLength = args.includes('--long') ? 'long' : 'short';
  const [file, lineText, columnText] = args.filter((arg) => arg !== '--long');
  const line = Number(lineText);
  const column = Number(columnText);
  if (!file || !Number.isInteger(line) || !Number.isInteger(column) || line < 1 || column < 1) {
    console.error(USAGE);
    return 2;
  }
  const source = readPythonFileWithContent(file);
  if (!source) return 1;
  const { index } = source;
  const hover = hoverAt(source.text, scanFile(file, source.text, index), index, line - 1, column - 1, {
    length,
    canVisualise: isVisualisationAvailable,
  });
  if (hover) console.log(hover.markdown);
  return 0;
}
