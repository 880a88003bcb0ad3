// The analysis worker thread's entry (bundled as dist/analysisWorker.js): scans and checks documents off
// the extension host's thread and answers its questions.
import { parentPort, workerData } from 'node:worker_threads';
import type { ConceptIndex } from '../content/conceptIndex';
import { loadCompiledContent } from '../content/loadConcepts';
import { isVisualisationAvailable } from '../webviews/visualise/visualisationRegistry';
import { AnalysisServer } from './analysisServer';
import type { WorkerData } from './backends';
import { DocumentAnalyses } from './documentAnalyses';
import type { AnalysisMessage } from './protocol';

const port = parentPort;
if (!port) throw new Error('analysisWorker.js runs only as a worker thread');
const { contentPath } = workerData as WorkerData;
let index: ConceptIndex | undefined;
const analyses = new DocumentAnalyses(() => (index ??= loadCompiledContent(contentPath)), isVisualisationAvailable);
const server = new AnalysisServer(analyses, (response) => port.postMessage(response));
port.on('message', (message: AnalysisMessage) => server.receive(message));
