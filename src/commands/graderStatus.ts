// Reports which answer grader the extension host ends up with: the ONNX model, or the word-overlap
// fallback when onnxruntime-node or the model cannot load. Internal, so it is not in the palette; the
// end-to-end tests run it to prove the native runtime loads inside an installed VSIX.
import type * as vscode from 'vscode';
import type { LoadedGrader } from '../grader/loadGrader';

export type GraderKind = LoadedGrader['kind'];

export async function graderStatus(
  grader: { loaded(): Promise<LoadedGrader> },
  log: vscode.LogOutputChannel,
): Promise<GraderKind> {
  const { kind } = await grader.loaded();
  log.info(`answer grader: ${kind}`);
  return kind;
}
