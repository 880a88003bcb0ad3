// The analysis worker thread's entry (bundled as dist/analysisWorker.js): scans and checks documents off
// the extension host's thread and answers its questions.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { ConceptIndex } from '../content/conceptIndex';
import { loadCompiledContent } from '../content/loadConcepts';
import { isVisualisationAvailable } from '../webviews/visualise/visualisationRegistry';
import { AnalysisServer } from './analysisServer';
import type { WorkerData } from './backends';
import { DocumentAnalyses } from './documentAnalyses';
import type { AnalysisMessage } from './protocol';

const ANALYSIS_NICENESS = 10;

// On Linux a nice value belongs to one thread: the analysis yields the cores to the extension host's thread
// (elsewhere it would apply to the whole process, so it is left alone there).
if (process.platform === 'linux') {
  try {
    setPriority(0, ANALYSIS_NICENESS);
  } catch {
    // Best effort: at the default priority the analysis still runs off the host's thread.
  }
}

const port = parentPort;
if (!port) throw new Error('analysisWorker.js runs only as a worker thread');
const { contentPath } = workerData as WorkerData;
let index: ConceptIndex | undefined;
const analyses = new DocumentAnalyses(() => (index ??= loadCompiledContent(contentPath)), isVisualisationAvailable);
const server = new AnalysisServer(analyses, (response) => port.postMessage(response));
port.on('message', (message: AnalysisMessage) => server.receive(message));
