// Every `dlTutor.*` setting with its type, default and bounds, declared once. package.json's
// contributes.configuration must say the same (a unit test holds the two together). Pure, so the
// CLI, the hovers' text and the tests use it without VS Code; the editor reads values through
// readSettings, which turns whatever the user wrote into a value of the declared type.
import { CHECK_IDS, type CheckId } from '../diagnostics/findings';
import { DEFAULT_TIME_BUDGET_MS } from '../scanner/workLimits';

export const SETTINGS_SECTION = 'dlTutor';

interface FlagSetting {
  readonly type: 'boolean';
  readonly default: boolean;
}

interface NumberSetting {
  /** 'integer' values are rounded down. */
  readonly type: 'number' | 'integer';
  readonly default: number;
  readonly minimum?: number;
  readonly maximum?: number;
}

interface ChoiceSetting<T extends string> {
  readonly type: 'string';
  readonly enum: readonly T[];
  readonly default: T;
}

export type SettingDefinition = FlagSetting | NumberSetting | ChoiceSetting<string>;

const flag = (value: boolean): FlagSetting => ({ type: 'boolean', default: value });

function choice<const T extends string>(values: readonly T[], value: NoInfer<T>): ChoiceSetting<T> {
  return { type: 'string', enum: values, default: value };
}

/** One switch per mistake check, all on by default. */
const CHECK_SETTINGS = Object.fromEntries(CHECK_IDS.map((id) => [`diagnostics.${id}`, flag(true)])) as Record<
  `diagnostics.${CheckId}`,
  FlagSetting
>;

export const SETTINGS = {
  'hover.enabled': flag(true),
  'hover.length': choice(['short', 'long'], 'short'),
  'codeLens.modelSummary': flag(true),
  'scanner.maxFileSizeKB': { type: 'number', default: 2048, minimum: 16 },
  'scanner.timeBudgetMs': { type: 'number', default: DEFAULT_TIME_BUDGET_MS, minimum: 50, maximum: 60000 },
  'diagnostics.enabled': flag(true),
  ...CHECK_SETTINGS,
  'quiz.sessionSize': { type: 'integer', default: 10, minimum: 1, maximum: 100 },
  'statusBar.showDueCards': flag(true),
} as const satisfies Record<string, SettingDefinition>;

export type SettingKey = keyof typeof SETTINGS;

/** The first part of a key ('diagnostics' for 'diagnostics.enabled'): a change to any key under it. */
export type SettingGroup = SettingKey extends `${infer Group}.${string}` ? Group : never;

export type SettingValue<K extends SettingKey> =
  (typeof SETTINGS)[K] extends ChoiceSetting<infer T>
    ? T
    : (typeof SETTINGS)[K] extends NumberSetting
      ? number
      : boolean;

/** The full name of a setting or group, as users see it and as configuration events name it. */
export function settingId(key: SettingKey | SettingGroup): string {
  return `${SETTINGS_SECTION}.${key}`;
}

/**
 * A setting's value from what the configuration holds: the default when it is missing or of the
 * wrong type (settings.json is hand-edited), numbers kept within their declared bounds.
 */
export function settingValue<K extends SettingKey>(key: K, raw: unknown): SettingValue<K> {
  return coerce(SETTINGS[key], raw) as SettingValue<K>;
}

function coerce(definition: SettingDefinition, raw: unknown): boolean | number | string {
  switch (definition.type) {
    case 'boolean':
      return typeof raw === 'boolean' ? raw : definition.default;
    case 'string':
      return typeof raw === 'string' && definition.enum.includes(raw) ? raw : definition.default;
    case 'number':
    case 'integer': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return definition.default;
      const value = definition.type === 'integer' ? Math.floor(raw) : raw;
      return Math.min(definition.maximum ?? Infinity, Math.max(definition.minimum ?? -Infinity, value));
    }
  }
}
