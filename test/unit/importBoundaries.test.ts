// The lint boundaries hold through chains of imports, not only for a direct `import 'vscode'`.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The project's own config, with only the boundary rules run and so without the type information others need.
const BOUNDARY_RULES = new Set(['boundaries/no-reachable', 'no-restricted-imports']);
const eslint = new ESLint({
  cwd: process.cwd(),
  ruleFilter: ({ ruleId }) => BOUNDARY_RULES.has(ruleId),
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});

/** The boundary findings for `text` linted as if it were the file at `path`. */
async function boundaryErrors(path: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path });
  return result!.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('import boundaries', { timeout: 30_000 }, () => {
  it('fails a pure module that reaches vscode through a helper and an adapter, naming the chain', async () => {
    const errors = await boundaryErrors(
      'src/scanner/workLimits.ts',
      "import { formatLabel } from '../../test/fixtures/boundaries/formatsLabel';\nexport const label = formatLabel(' x ');\n",
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /^boundaries\/no-reachable: '..\/..\/test\/fixtures\/boundaries\/formatsLabel' reaches 'vscode' through test\/fixtures\/boundaries\/formatsLabel\.ts → test\/fixtures\/boundaries\/showsLabel\.ts\. Pure modules/,
      ),
    ]);
  });
  it('fails a webview script that reaches node:fs through a re-export', async () => {
    const errors = await boundaryErrors(
      'media/dom.ts',
      "export { readSettingsFile } from '../test/fixtures/boundaries/readsSettings';\n",
    );
    expect(errors).toEqual([
      expect.stringContaining("reaches 'node:fs' through test/fixtures/boundaries/readsSettings.ts"),
    ]);
  });
  it('leaves the direct import to no-restricted-imports and lets pure imports through', async () => {
    expect(
      await boundaryErrors('src/scanner/workLimits.ts', "import * as vscode from 'vscode';\nvoid vscode;\n"),
    ).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
    expect(
      await boundaryErrors(
        'src/scanner/workLimits.ts',
        "import { describeError } from '../errorText';\nvoid describeError;\n",
      ),
    ).toEqual([]);
  });
  it('lets an adapter beside the pure modules import what it needs', async () => {
    expect(
      await boundaryErrors(
        'src/quiz/quizLauncher.ts',
        "import { formatLabel } from '../../test/fixtures/boundaries/formatsLabel';\nvoid formatLabel;\n",
      ),
    ).toEqual([]);
  });
});
