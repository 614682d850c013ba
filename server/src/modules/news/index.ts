/** The news module's public door: the mirror of the official account, its sync and the routes that serve it. */
export { newsRoutes } from './routes';
export { pinArticle } from './service';
export { NEWS_SYNC_LEASE, syncNews, type SyncProgress } from './sync';
export { countNews } from './repo';
export { reindexNews } from './reindex';
