/** Words that make the stand-in's content check answer `risky` or `review`, for tests and demos. */
export const standinRiskyWords = ['违禁词', '赌博'];
export const standinReviewWords = ['待审核'];
