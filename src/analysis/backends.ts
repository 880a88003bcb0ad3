// The two places the document analysis can run: a worker thread (the default, so that scans and checks
// never block the extension host), or this thread (when the worker cannot start).
import { Worker } from 'node:worker_threads';
import type { ConceptIndex } from '../content/conceptIndex';
import { describeError } from '../errorText';
import { isVisualisationAvailable } from '../webviews/visualise/visualisationRegistry';
import type { BackendFactory } from './analysisClient';
import { AnalysisServer } from './analysisServer';
import { DocumentAnalyses } from './documentAnalyses';
import type { AnalysisResponse } from './protocol';

/** What the worker script receives as workerData. */
export interface WorkerData {
  contentPath: string;
}

export function workerBackend(workerPath: string, data: WorkerData): BackendFactory {
  return (onResponse, onFailure) => {
    // A small young generation: about 11 MB less resident memory, with no measurable cost to a 10,000-line scan.
    const worker = new Worker(workerPath, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    let stopping = false;
    worker.on('message', (response: AnalysisResponse) => onResponse(response));
    worker.on('error', (error) => {
      if (!stopping) onFailure(describeError(error));
      stopping = true;
    });
    worker.on('exit', (code) => {
      if (!stopping) onFailure(`exited with code ${code}`);
      stopping = true;
    });
    return {
      post: (message) => worker.postMessage(message),
      dispose: () => {
        stopping = true;
        void worker.terminate();
      },
    };
  };
}

export function inlineBackend(index: () => ConceptIndex): BackendFactory {
  return (onResponse) => {
    const server = new AnalysisServer(new DocumentAnalyses(index, isVisualisationAvailable), onResponse);
    return { post: (message) => server.receive(message), dispose: () => {} };
  };
}
