// Where Maestro keeps its files. XDG on Unix, %APPDATA% / %LOCALAPPDATA% on Windows.
import os from 'node:os';
import path from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

export interface MaestroDirs {
  config: string;
  state: string;
  cache: string;
}

export function homeDir(env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
  const fromEnv = platform === 'win32' ? env.USERPROFILE || env.HOME : env.HOME;
  return fromEnv && fromEnv.trim() ? fromEnv : os.homedir();
}

/** An env path only counts when absolute (the XDG spec says relative values are ignored). */
function absEnv(env: Env, key: string): string | undefined {
  const v = env[key];
  return v && path.isAbsolute(v) ? v : undefined;
}

export function maestroDirs(env: Env = process.env, platform: NodeJS.Platform = process.platform): MaestroDirs {
  const home = homeDir(env, platform);
  if (platform === 'win32') {
    const appData = absEnv(env, 'APPDATA') ?? path.join(home, 'AppData', 'Roaming');
    const local = absEnv(env, 'LOCALAPPDATA') ?? path.join(home, 'AppData', 'Local');
    return {
      config: absEnv(env, 'XDG_CONFIG_HOME') ? path.join(absEnv(env, 'XDG_CONFIG_HOME')!, 'maestro') : path.join(appData, 'maestro'),
      state: absEnv(env, 'XDG_STATE_HOME') ? path.join(absEnv(env, 'XDG_STATE_HOME')!, 'maestro') : path.join(local, 'maestro', 'state'),
      cache: absEnv(env, 'XDG_CACHE_HOME') ? path.join(absEnv(env, 'XDG_CACHE_HOME')!, 'maestro') : path.join(local, 'maestro', 'cache'),
    };
  }
  return {
    config: path.join(absEnv(env, 'XDG_CONFIG_HOME') ?? path.join(home, '.config'), 'maestro'),
    state: path.join(absEnv(env, 'XDG_STATE_HOME') ?? path.join(home, '.local', 'state'), 'maestro'),
    cache: path.join(absEnv(env, 'XDG_CACHE_HOME') ?? path.join(home, '.cache'), 'maestro'),
  };
}
