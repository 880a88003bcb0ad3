// The model summaries of a source file as plain records: what `cli summary` prints and the webview shows.
import type { ScanResult } from '../scanner/scanner';
import { analyseModels } from './modelAnalysis';
import type { ModelSummary } from './modelSummary';
import { describeShape } from './shapes';

/** One model; lines are 1-based; a count is null when any part of it is unknown. */
export interface SummaryRecord {
  name: string;
  line: number;
  framework: string;
  totalParams: number | null;
  layers: { line: number; symbol: string; params: number | null; outputShape: string | null }[];
}

export function summaryRecords(scan: ScanResult): SummaryRecord[] {
  return analyseModels(scan).models.map(toRecord);
}

export function toRecord(model: ModelSummary): SummaryRecord {
  return {
    name: model.name,
    line: model.line + 1,
    framework: model.framework,
    totalParams: model.total.value,
    layers: model.layers.map((layer) => ({
      line: layer.line + 1,
      symbol: layer.symbol,
      params: layer.params.value,
      outputShape: describeShape(layer.outputShape),
    })),
  };
}
