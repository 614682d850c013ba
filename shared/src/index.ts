export * from './errors';
export * from './api';
export * from './schemas/common';
export * from './schemas/news';
export * from './schemas/services';
export * from './schemas/events';
export * from './schemas/identity';
export * from './mask';
