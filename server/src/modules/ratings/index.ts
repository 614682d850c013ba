/**
 * The ratings module's public door: one 好差评 row per item (a booking, an event visit, a request),
 * written by the requests module and read by every answer that shows an item rated.
 */
export {
  findRating,
  forgetRatingComments,
  insertRating,
  poorRatingsWithoutFollowUp,
  ratedOf,
  ratingsBetween,
  ratingsOf,
  setRatingComment,
  setRatingFollowUp,
  type RatingDoc,
  type RatingInput,
} from './repo';
