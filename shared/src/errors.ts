/**
 * Stable error codes of the public API and the Chinese text a citizen reads for each.
 * The server answers `{ error: { code, message, fields? } }`; the mini-program shows `message`.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: '填写的内容有误，请检查后再试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '没有找到相关内容',
  ROUTE_NOT_FOUND: '没有这个接口',
  METHOD_NOT_ALLOWED: '不支持这种请求方式',
  PAYLOAD_TOO_LARGE: '提交的内容太多了',
  UNSUPPORTED_MEDIA_TYPE: '请以 JSON 格式提交',
  CONFLICT: '操作冲突，请刷新后再试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INVALID_CODE: '登录凭证无效，请重新进入小程序',
  WECHAT_UNAVAILABLE: '微信服务暂时不可用，请稍后再试',
  DB_UNAVAILABLE: '系统正在维护，请稍后再试',
  INTERNAL: '系统开小差了，请稍后再试',
  ARTICLE_UNREACHABLE: '暂时打不开这个链接，请稍后再试',
  SYNC_RUNNING: '资讯正在同步，请稍后再试',
  SYNC_NOT_CONFIGURED: '还没有配置公众号，无法同步',
  SYNC_FAILED: '同步没有完成，请稍后再试',
  REQUEST_TOO_LARGE: '请求内容太长了，请缩短后再试',
  BAD_REQUEST: '请求格式不正确',
  IDEMPOTENCY_KEY_REUSED: '这个提交编号已用于另一份内容，请重新提交',
  IDEMPOTENCY_IN_PROGRESS: '上一次提交还在处理中，请稍候',
  NOT_TODAY: '只能核验今天的预约',
  ID_NUMBER_BOUND: '这个身份证号已绑定在其他账号下，不能用来预约',
  STATUS_CHANGED: '这个预约的状态刚刚变化了，请刷新后查看',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES | (string & {});

/** The body of every non-2xx answer. `fields` only comes with VALIDATION_FAILED. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: Record<string, string>;
  };
}
