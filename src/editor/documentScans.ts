// Scans Python documents on demand and caches the result per document version.
import * as vscode from 'vscode';
import { scanPython, type ApiUse, type ScanResult } from '../scanner/scanner';
import { describeError } from '../errorText';
import type { Services } from '../services';
import { readSetting } from '../settings/readSettings';
import { settingId } from '../settings/settingTable';
import { usesAt } from './usesAt';

export class DocumentScans implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; result: ScanResult | undefined }>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly services: Services) {
    this.subscriptions = [
      vscode.workspace.onDidCloseTextDocument((document) => this.cache.delete(document.uri.toString())),
    ];
  }

  /** The scan of a document, or undefined when it is too large or binary to scan. */
  scan(document: vscode.TextDocument): ScanResult | undefined {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.result;
    const result = this.compute(document);
    this.cache.set(key, { version: document.version, result });
    return result;
  }

  /** The uses under the position (see usesAt). */
  usesAt(document: vscode.TextDocument, position: vscode.Position): ApiUse[] {
    return usesAt(this.scan(document)?.uses ?? [], position.line, position.character);
  }

  private compute(document: vscode.TextDocument): ScanResult | undefined {
    const maxKB = readSetting('scanner.maxFileSizeKB');
    const text = document.getText();
    if (text.length > maxKB * 1024) {
      this.services.log.info(
        `not scanning ${document.uri.fsPath}: larger than ${settingId('scanner.maxFileSizeKB')} (${maxKB} KB)`,
      );
      return undefined;
    }
    if (text.includes('\u0000')) {
      this.services.log.info(`not scanning ${document.uri.fsPath}: it looks binary`);
      return undefined;
    }
    const file = document.uri.fsPath;
    let result: ScanResult;
    try {
      result = scanPython(text, this.services.concepts.get(), { timeBudgetMs: timeBudgetMs() });
    } catch (error) {
      // Cached like any result, so that every hover does not repeat a failing scan.
      result = {
        uses: [],
        calls: [],
        statements: [],
        limits: [{ kind: 'error', line: -1, message: `scan failed: ${describeError(error)}` }],
      };
    }
    for (const limit of result.limits) this.services.log.warn(`partial scan of ${file}: ${limit.message}`);
    return result;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.cache.clear();
  }
}

/** The time budget of one scan, and of one run of the checks, from `dlTutor.scanner.timeBudgetMs`. */
export function timeBudgetMs(): number {
  return readSetting('scanner.timeBudgetMs');
}

export function toRange(range: ApiUse['range']): vscode.Range {
  return new vscode.Range(range.startLine, range.startColumn, range.endLine, range.endColumn);
}
