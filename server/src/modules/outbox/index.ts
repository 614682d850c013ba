/** The outbox module's public door: every feature queues its messages with `notify`; the worker sends them. */
export { cancelNotice, notify, notifyAll, type Notice, type NoticeKind, type Template } from './notify';
export { RETRY_DELAYS_MS, sendDue } from './send';
export { dropPendingFor } from './repo';
