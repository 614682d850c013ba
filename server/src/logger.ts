import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs. Personal data never reaches a log line: the redact list is a last guard, the first
 * is not to log request bodies at all.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'jingkai-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.session_key', '*.idNumber', '*.phone', '*.token'],
      censor: '[redacted]',
    },
  });
}
