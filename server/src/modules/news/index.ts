/** The news module's public door: the mirror of the official account, its sync and the routes that serve it. */
export { newsRoutes } from './routes';
export { linkEventArticle, pinArticle } from './service';
export { articleExists, findIdByTitle as findNewsIdByTitle } from './repo';
export { NEWS_SYNC_LEASE, syncNews, type SyncProgress } from './sync';
export { countNews } from './repo';
export { reindexNews, releaseArticleTools } from './reindex';
export { plainLine } from './html';
export { newsMedia } from './store';
