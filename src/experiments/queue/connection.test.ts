import { describe, expect, it } from 'vitest';
import { maskUrl, parseQueueUrl, queueUrlFrom } from './connection.js';

describe('queue connection', () => {
  it('reads host, port and database, with the password from REDIS_PASSWORD', () => {
    const connection = parseQueueUrl('redis://10.0.0.5:6380/3', { REDIS_PASSWORD: 's3cret' });
    expect(connection).toMatchObject({ host: '10.0.0.5', port: 6380, db: 3, password: 's3cret', tls: false });
    expect(connection.display).toBe('redis://10.0.0.5:6380/3');
    expect(parseQueueUrl('rediss://cache.internal', {})).toMatchObject({ port: 6379, db: 0, password: undefined, tls: true });
  });

  it('never shows a password written in the URL', () => {
    const connection = parseQueueUrl('redis://worker:p%40ss@host:6379/1', {});
    expect(connection).toMatchObject({ username: 'worker', password: 'p@ss' });
    expect(connection.display).toBe('redis://worker@host:6379/1');
    expect(maskUrl('cannot reach redis://:hunter2@host:6379/0 and redis://u:pw@h/1')).toBe('cannot reach redis://:***@host:6379/0 and redis://u:***@h/1');
    expect(() => parseQueueUrl('http://:hunter2@host', {})).toThrow(/^--queue must be a redis:\/\/ or rediss:\/\/ URL, got "http:\/\/:\*\*\*@host"$/);
    expect(maskUrl('got http://:p@ss@h/1.')).toBe('got http://:***@h/1.'); // up to the last @
    expect(() => parseQueueUrl('redis://:hunter2@[bad', {})).toThrow(/^--queue is not a URL \(it is not shown: it may hold a password\)$/);
  });

  it('rejects a URL it cannot use with E_INPUT', () => {
    expect(() => parseQueueUrl('not a url', {})).toThrow(expect.objectContaining({ code: 'E_INPUT', exitCode: 2 }));
    expect(() => parseQueueUrl('redis://host/x', {})).toThrow(/database "x" is not a number/);
  });

  it('takes the URL from a named environment variable', () => {
    expect(queueUrlFrom({ queueEnv: 'QUEUE' }, { QUEUE: 'redis://:pw@h:1/0' })).toBe('redis://:pw@h:1/0');
    expect(queueUrlFrom({ queue: 'redis://h' }, {})).toBe('redis://h');
    expect(() => queueUrlFrom({ queueEnv: 'QUEUE' }, {})).toThrow(/--queue-env QUEUE: the variable is not set/);
  });

  it('warns, without echoing it, when the --queue argument itself holds a password', () => {
    const warnings: string[] = [];
    const warn = (line: string) => warnings.push(line);
    expect(queueUrlFrom({ queue: 'redis://h:1/0' }, {}, warn)).toBe('redis://h:1/0');
    expect(queueUrlFrom({ queueEnv: 'QUEUE' }, { QUEUE: 'redis://:s3cret@h:1/0' }, warn)).toBe('redis://:s3cret@h:1/0');
    expect(warnings).toEqual([]);
    expect(queueUrlFrom({ queue: 'redis://user:s3cret@h:1/0' }, {}, warn)).toBe('redis://user:s3cret@h:1/0');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: the --queue URL holds a password.*REDIS_PASSWORD/);
    expect(warnings[0]).not.toContain('s3cret');
  });
});
