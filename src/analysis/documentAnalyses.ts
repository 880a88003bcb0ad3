// The analysis of open Python documents: one scan per document version, cached with what is derived from
// it, answering the editor's questions. Pure (no vscode, no threads): the analysis worker runs it, and so
// does the extension host when no worker can start.
import type { ConceptIndex } from '../content/conceptIndex';
import type { CheckId } from '../diagnostics/findings';
import { runChecks } from '../diagnostics/runChecks';
import { hoverAt } from '../editor/hoverAt';
import { usesAt } from '../editor/usesAt';
import { describeError } from '../errorText';
import { codeQuestions } from '../modelInsight/codeQuestions';
import { modelsOf } from '../modelInsight/fileModels';
import { lensTitle } from '../modelInsight/insightText';
import { scanPython, type ScanResult } from '../scanner/scanner';
import { settingId } from '../settings/settingTable';
import type { AnalysisAnswer, AnalysisQuery, AnalysisSettings, LogLine, TitledFinding } from './protocol';

export type Scan = typeof scanPython;

interface Document {
  version: number;
  text: string;
  path: string;
  /** Undefined until scanned; null when the file is too large or binary to scan. */
  scan?: ScanResult | null;
  findings?: { checks: string; findings: TitledFinding[] };
}

export interface AnalysisInput {
  uri: string;
  version: number;
  settings: AnalysisSettings;
}

export class DocumentAnalyses {
  private readonly documents = new Map<string, Document>();

  constructor(
    private readonly index: () => ConceptIndex,
    private readonly canVisualise: (visualisationId: string) => boolean,
    private readonly scan: Scan = scanPython,
  ) {}

  /** True when this version's text is known, so a request for it needs no text. */
  has(uri: string, version: number): boolean {
    return this.documents.get(uri)?.version === version;
  }

  /** Takes a version's text; only the latest version of each document is kept, with its analysis. */
  update(uri: string, version: number, text: string, path: string): void {
    if (this.has(uri, version)) return;
    this.documents.set(uri, { version, text, path });
  }

  /**
   * The answer to one query, and what the log should say about work done for it (a partial scan is
   * reported once, when it is made, then cached like a complete one). Undefined when the text is missing.
   */
  answer(input: AnalysisInput, query: AnalysisQuery, logs: LogLine[]): AnalysisAnswer | undefined {
    const document = this.documents.get(input.uri);
    if (document?.version !== input.version) return undefined;
    const scan = this.scanOf(document, input.settings, logs);
    switch (query.kind) {
      case 'findings':
        return scan ? this.findingsOf(document, scan, query.enabledChecks, input.settings, logs) : [];
      case 'hover':
        return scan
          ? hoverAt(document.text, scan, this.index(), query.line, query.column, {
              length: query.length,
              canVisualise: this.canVisualise,
            })
          : undefined;
      case 'conceptsAt': {
        const ids = new Set(usesAt(scan?.uses ?? [], query.line, query.column).map((use) => use.conceptId));
        return [...ids].flatMap((id) => {
          const concept = this.index().get(id);
          if (!concept) return [];
          const visualisation = concept.visualisation;
          return [
            {
              id,
              title: concept.title,
              ...(visualisation && this.canVisualise(visualisation) ? { visualisation } : {}),
            },
          ];
        });
      }
      case 'lenses':
        return scan ? modelsOf(scan).models.map((model) => ({ line: model.line, title: lensTitle(model) })) : [];
      case 'models':
        return scan ? modelsOf(scan).models : [];
      case 'fileQuestions': {
        if (!scan) return { conceptIds: [], questions: [] };
        const questions = codeQuestions(scan, this.index(), query.limit).map(({ concept, ...item }) => ({
          ...item,
          conceptId: concept.id,
        }));
        return { conceptIds: [...new Set(scan.uses.map((use) => use.conceptId))], questions };
      }
    }
  }

  forget(uri: string): void {
    this.documents.delete(uri);
  }

  private scanOf(document: Document, settings: AnalysisSettings, logs: LogLine[]): ScanResult | null {
    if (document.scan !== undefined) return document.scan;
    const { text, path } = document;
    if (text.length > settings.maxFileSizeKB * 1024) {
      logs.push({
        level: 'info',
        message: `not scanning ${path}: larger than ${settingId('scanner.maxFileSizeKB')} (${settings.maxFileSizeKB} KB)`,
      });
      return (document.scan = null);
    }
    if (text.includes('\u0000')) {
      logs.push({ level: 'info', message: `not scanning ${path}: it looks binary` });
      return (document.scan = null);
    }
    let scan: ScanResult;
    try {
      scan = this.scan(text, this.index(), { timeBudgetMs: settings.timeBudgetMs });
    } catch (error) {
      // Cached like any result, so that every hover does not repeat a failing scan.
      scan = {
        uses: [],
        calls: [],
        resultMethodCalls: [],
        statements: [],
        limits: [{ kind: 'error', line: -1, message: `scan failed: ${describeError(error)}` }],
      };
    }
    for (const limit of scan.limits) logs.push({ level: 'warn', message: `partial scan of ${path}: ${limit.message}` });
    return (document.scan = scan);
  }

  private findingsOf(
    document: Document,
    scan: ScanResult,
    enabledChecks: readonly CheckId[],
    settings: AnalysisSettings,
    logs: LogLine[],
  ): TitledFinding[] {
    const checks = enabledChecks.join(',');
    if (document.findings?.checks === checks) return document.findings.findings;
    const index = this.index();
    const enabled = new Set(enabledChecks);
    const findings = runChecks(
      document.text,
      scan,
      (symbol) => index.findSymbol(symbol)?.api.params,
      (check) => enabled.has(check),
      {
        timeBudgetMs: settings.timeBudgetMs,
        onLimit: (limit) =>
          logs.push({ level: 'warn', message: `partial mistake checks of ${document.path}: ${limit.message}` }),
      },
    );
    const titled = findings.map((finding) => {
      const title = index.get(finding.conceptId)?.title;
      return title === undefined ? finding : { ...finding, conceptTitle: title };
    });
    document.findings = { checks, findings: titled };
    return titled;
  }
}
