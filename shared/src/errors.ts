/**
 * Every error code the API can answer, with its HTTP status and the Chinese text a citizen reads.
 * The server answers `{ error: { code, message, fields? } }`; the mini-program shows `message` and
 * may match on `code`. The list is closed: a code thrown anywhere in the server that is missing here
 * fails typecheck and a test that scans the sources.
 */
export const ERRORS = {
  // Input
  VALIDATION_FAILED: { status: 400, message: '填写的内容有误，请检查后再试' },
  BAD_REQUEST: { status: 400, message: '请求格式不正确' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容太多了' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '请以 JSON 格式提交' },
  REQUEST_TOO_LARGE: { status: 431, message: '请求内容太长了，请缩短后再试' },
  // Who is calling
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  INVALID_LOGIN_CODE: { status: 401, message: '登录凭证无效，请重新进入小程序' },
  FORBIDDEN: { status: 403, message: '没有权限进行此操作' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  // Routing
  NOT_FOUND: { status: 404, message: '没有找到相关内容' },
  ROUTE_NOT_FOUND: { status: 404, message: '没有这个接口' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持这种请求方式' },
  CONFLICT: { status: 409, message: '操作冲突，请刷新后再试' },
  // Bookings
  SLOT_FULL: { status: 409, message: '该时段已约满' },
  SLOT_CLOSED: { status: 409, message: '该时段暂停办理' },
  SLOT_EXISTS: { status: 409, message: '该服务点这个时间已有时段' },
  BOOKING_NOT_OPEN: { status: 409, message: '该时段还没有开放预约' },
  BOOKING_CLOSED: { status: 409, message: '该时段已截止预约' },
  BOOKING_LIMIT: { status: 409, message: '今天预约这项服务的次数已满' },
  BOOKING_PAUSED: { status: 409, message: '多次预约未到场，暂时不能预约' },
  DUPLICATE_BOOKING: { status: 409, message: '已预约过这个时段' },
  ID_NUMBER_BOUND: { status: 409, message: '这个身份证号已绑定在其他账号下，不能用来预约' },
  NOT_CANCELLABLE: { status: 409, message: '这个预约不能取消' },
  CANCEL_CLOSED: { status: 409, message: '已过取消截止时间，如需取消请致电服务点' },
  UNKNOWN_BOOKING_CODE: { status: 404, message: '没有找到这个预约码' },
  ALREADY_SERVED: { status: 409, message: '该预约已完成' },
  NOT_VERIFIABLE: { status: 409, message: '这个预约不能核验' },
  NOT_TODAY: { status: 409, message: '只能核验今天的预约' },
  NOT_CONFIRMED: { status: 409, message: '只有已预约的可以标记未到场' },
  TOO_EARLY: { status: 409, message: '时段开始后才能标记未到场' },
  STATUS_CHANGED: { status: 409, message: '这个预约的状态刚刚变化了，请刷新后查看' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, message: '上一次提交还在处理中，请稍候' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '这个提交编号已用于另一份内容，请重新提交' },
  // Events
  SESSION_FULL: { status: 409, message: '该场次已报满' },
  DUPLICATE_REGISTRATION: { status: 409, message: '这位参加人已报名本活动' },
  ALREADY_REGISTERED: { status: 409, message: '您已报名本活动' },
  REGISTRATION_NOT_OPEN: { status: 409, message: '报名还没有开始' },
  REGISTRATION_CLOSED: { status: 409, message: '报名已截止' },
  REGISTRATION_NOT_CANCELLABLE: { status: 409, message: '这个报名不能取消' },
  INVALID_TICKET: { status: 404, message: '这不是有效的电子票' },
  TICKET_REVOKED: { status: 409, message: '这张票已取消' },
  WRONG_EVENT: { status: 409, message: '这是其他活动的电子票' },
  ALREADY_CHECKED_IN: { status: 409, message: '这张票已入场' },
  WRONG_SESSION: { status: 409, message: '这张票不是现在这一场的' },
  // Family
  DUPLICATE_FAMILY_MEMBER: { status: 409, message: '这位家人已经添加过了' },
  FAMILY_LIMIT: { status: 409, message: '家人数量已达上限' },
  // News
  ARTICLE_UNREACHABLE: { status: 502, message: '暂时打不开这个链接，请稍后再试' },
  SYNC_RUNNING: { status: 409, message: '资讯正在同步，请稍后再试' },
  SYNC_NOT_CONFIGURED: { status: 409, message: '还没有配置公众号，无法同步' },
  SYNC_FAILED: { status: 502, message: '同步没有完成，请稍后再试' },
  // 诉求 and 好差评
  CONTENT_RISKY: { status: 400, message: '内容含有不合适的词语，请修改后再提交' },
  INVALID_TRANSITION: { status: 409, message: '这一步现在不能办理，请刷新后查看' },
  NOT_RATEABLE: { status: 409, message: '现在还不能评价，或已经评价过了' },
  // The server and its neighbours
  INTERNAL: { status: 500, message: '系统开小差了，请稍后再试' },
  WECHAT_UNAVAILABLE: { status: 503, message: '微信服务暂时不可用，请稍后再试' },
  DB_UNAVAILABLE: { status: 503, message: '系统正在维护，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The codes answered with a given HTTP status, e.g. `CodeOf<409>` for the conflicts. */
export type CodeOf<S extends number> = { [K in ErrorCode]: (typeof ERRORS)[K]['status'] extends S ? K : never }[ErrorCode];

/** The Chinese message of each code. */
export const ERROR_MESSAGES = Object.fromEntries(Object.entries(ERRORS).map(([code, e]) => [code, e.message])) as {
  [K in ErrorCode]: (typeof ERRORS)[K]['message'];
};

export const isErrorCode = (code: string): code is ErrorCode => Object.prototype.hasOwnProperty.call(ERRORS, code);

/** The body of every non-2xx answer. `fields` only comes with VALIDATION_FAILED. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: Record<string, string>;
    /** Only where a client acts on facts beside the message, e.g. ALREADY_CHECKED_IN: `{ firstCheckedInAt, firstGate }`. */
    details?: Record<string, unknown>;
  };
}
