// The model analysis of a scan, computed once per scan (the editor keeps one scan per document version).
import type { ScanResult } from '../scanner/scanner';
import { analyseModels, type FileModels } from './modelAnalysis';

const analysed = new WeakMap<ScanResult, FileModels>();

export function modelsOf(scan: ScanResult): FileModels {
  let models = analysed.get(scan);
  if (!models) analysed.set(scan, (models = analyseModels(scan)));
  return models;
}
