import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../apps/server/src/config.ts';

describe('server configuration', () => {
  it('runs with no setting at all on the embedded store', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      database: { kind: 'embedded', dataDir: './data' },
      role: 'all',
      demo: true,
      logLevel: 'info',
    });
  });

  it('chooses PostgreSQL or MongoDB from their URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/steward' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/steward',
    });
    expect(loadConfig({ MONGODB_URI: 'mongodb://db:27017/steward', STEWARD_ROLE: 'worker' })).toMatchObject({
      database: { kind: 'mongodb', uri: 'mongodb://db:27017/steward' },
      role: 'worker',
    });
    expect(loadConfig({ STEWARD_DATA_DIR: '/var/lib/steward', PORT: '8080', STEWARD_DEMO: 'false' })).toMatchObject({
      database: { kind: 'embedded', dataDir: '/var/lib/steward' },
      port: 8080,
      demo: false,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, database: { kind: 'embedded' } });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a port number from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be a port number from 0 to 65535 (got "70000")'],
    [{ STEWARD_ROLE: 'boss' }, 'STEWARD_ROLE must be one of all, web, worker (got "boss")'],
    [{ STEWARD_DEMO: 'yes' }, 'STEWARD_DEMO must be true or false (got "yes")'],
    [
      { DATABASE_URL: 'mysql://root:secret@db/steward' },
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/steward',
    ],
    [
      { DATABASE_URL: 'postgres://db/steward', MONGODB_URI: 'mongodb://db/steward' },
      'MONGODB_URI must be unset while DATABASE_URL is set: choose one database',
    ],
  ])('refuses %j with one line naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});
