// Reads the committed model and its vocabulary from disk and checks they belong together.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseModelConfig, type ModelConfig } from './modelConfig';

export const MODEL_FILE = 'grader.onnx';
export const CONFIG_FILE = 'grader.json';

/** models/ beside the bundle's dist/ folder (the extension and the CLI both run from dist/). */
export function defaultModelDirectory(): string {
  return resolve(__dirname, '..', 'models');
}

export interface ModelFiles {
  model: Uint8Array;
  config: ModelConfig;
}

export function readModelFiles(directory: string): ModelFiles {
  const model = readFileSync(join(directory, MODEL_FILE));
  const config = parseModelConfig(readFileSync(join(directory, CONFIG_FILE), 'utf8'));
  const digest = createHash('sha256').update(model).digest('hex');
  if (digest !== config.modelSha256) {
    throw new Error(`${MODEL_FILE} does not match ${CONFIG_FILE} (rebuild both with npm run build-model)`);
  }
  return { model, config };
}
