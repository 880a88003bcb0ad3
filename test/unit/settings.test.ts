import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SETTINGS,
  SETTINGS_SECTION,
  settingId,
  settingValue,
  type SettingDefinition,
  type SettingKey,
} from '../../src/settings/settingTable';

// The configuration the fake VS Code hands out, changed by the tests as a user would.
const userValues = new Map<string, unknown>();
const sectionsRead: string[] = [];
vi.mock('vscode', () => ({
  workspace: {
    getConfiguration: (section: string) => {
      sectionsRead.push(section);
      return { get: (key: string) => userValues.get(key) };
    },
  },
}));
const { currentSettings, readSetting, settingChanged } = await import('../../src/settings/readSettings');

interface ManifestProperty {
  type: string;
  default: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  contributes: { configuration: { properties: Record<string, ManifestProperty> } };
};
const declared = manifest.contributes.configuration.properties;
const keys = Object.keys(SETTINGS) as SettingKey[];

/** The part of a manifest property that the table declares. */
function declaredPart(property: ManifestProperty): SettingDefinition {
  const { type, default: value, enum: values, minimum, maximum } = property;
  return JSON.parse(JSON.stringify({ type, enum: values, default: value, minimum, maximum })) as SettingDefinition;
}

describe('the settings table', () => {
  it('declares exactly the settings package.json contributes', () => {
    expect(keys.map(settingId).sort()).toEqual(Object.keys(declared).sort());
  });

  it.each(keys)('%s has the type, default and bounds package.json gives it', (key) => {
    const property = declared[settingId(key)];
    expect(property, `${settingId(key)} is missing from package.json`).toBeDefined();
    expect(SETTINGS[key]).toEqual(declaredPart(property!));
  });

  it('names settings and groups as users see them', () => {
    expect(SETTINGS_SECTION).toBe('dlTutor');
    expect(settingId('quiz.sessionSize')).toBe('dlTutor.quiz.sessionSize');
    expect(settingId('diagnostics')).toBe('dlTutor.diagnostics');
  });
});

describe('setting values', () => {
  it('keeps a value of the declared type', () => {
    expect(settingValue('hover.enabled', false)).toBe(false);
    expect(settingValue('hover.length', 'long')).toBe('long');
    expect(settingValue('scanner.timeBudgetMs', 250)).toBe(250);
  });

  it('falls back to the default for a missing or mistyped value', () => {
    expect(settingValue('hover.enabled', undefined)).toBe(true);
    expect(settingValue('hover.enabled', 'false')).toBe(true);
    expect(settingValue('hover.length', 'medium')).toBe('short');
    expect(settingValue('quiz.sessionSize', '20')).toBe(10);
    expect(settingValue('scanner.maxFileSizeKB', Number.NaN)).toBe(2048);
    expect(settingValue('diagnostics.missingZeroGrad', null)).toBe(true);
  });

  it('keeps numbers within their bounds and integers whole', () => {
    expect(settingValue('quiz.sessionSize', 0)).toBe(1);
    expect(settingValue('quiz.sessionSize', 1000)).toBe(100);
    expect(settingValue('quiz.sessionSize', 7.9)).toBe(7);
    expect(settingValue('scanner.timeBudgetMs', 10)).toBe(50);
    expect(settingValue('scanner.timeBudgetMs', 1e9)).toBe(60000);
    expect(settingValue('scanner.maxFileSizeKB', 1e6)).toBe(1e6);
  });
});

describe('reading settings from VS Code', () => {
  beforeEach(() => {
    userValues.clear();
    sectionsRead.length = 0;
  });

  it('reads the dlTutor section and sees changes at the next read', () => {
    expect(readSetting('quiz.sessionSize')).toBe(10);
    userValues.set('quiz.sessionSize', 25);
    expect(readSetting('quiz.sessionSize')).toBe(25);
    expect(new Set(sectionsRead)).toEqual(new Set(['dlTutor']));
  });

  it('reads several settings from one configuration lookup', () => {
    userValues.set('diagnostics.enabled', false);
    userValues.set('hover.length', 'long');
    const settings = currentSettings();
    expect([settings.get('diagnostics.enabled'), settings.get('hover.length')]).toEqual([false, 'long']);
    expect(sectionsRead).toHaveLength(1);
  });

  it('asks a configuration change about the full setting or group name', () => {
    const asked: string[] = [];
    const event = {
      affectsConfiguration: (name: string) => {
        asked.push(name);
        return name === 'dlTutor.diagnostics';
      },
    };
    expect(settingChanged(event, 'diagnostics')).toBe(true);
    expect(settingChanged(event, 'statusBar.showDueCards')).toBe(false);
    expect(asked).toEqual(['dlTutor.diagnostics', 'dlTutor.statusBar.showDueCards']);
  });
});
