// Reads the settings declared in settingTable from VS Code's configuration, live: every call sees the
// user's current values, so features that react to onDidChangeConfiguration only need to read again.
import * as vscode from 'vscode';
import {
  SETTINGS_SECTION,
  settingId,
  settingValue,
  type SettingGroup,
  type SettingKey,
  type SettingValue,
} from './settingTable';

export interface Settings {
  get<K extends SettingKey>(key: K): SettingValue<K>;
}

/** The settings as they are now (one configuration lookup for several reads). */
export function currentSettings(): Settings {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return { get: (key) => settingValue(key, configuration.get(key)) };
}

/** One setting as it is now. */
export function readSetting<K extends SettingKey>(key: K): SettingValue<K> {
  return currentSettings().get(key);
}

/** Whether a configuration change touches this setting, or any setting of this group. */
export function settingChanged(event: vscode.ConfigurationChangeEvent, keyOrGroup: SettingKey | SettingGroup): boolean {
  return event.affectsConfiguration(settingId(keyOrGroup));
}
