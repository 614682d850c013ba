import type { RequestDetail } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { forgetPhotosOf } from './photos';
import { presentDetail } from './present';
import * as ratings from '../ratings';
import * as repo from './repo';

const PAGE = 100;
const GONE = '（市民已注销账号，内容已删除）';

/** Every 诉求 of the person with its timeline, reply and additions, as their own detail page shows it, for 导出我的数据. */
export async function exportRequestsOf(deps: Deps, userId: string): Promise<RequestDetail[]> {
  const all: RequestDetail[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const { docs, total } = await repo.listOfUser(userId, skip, PAGE);
    for (const r of docs) all.push(await presentDetail(deps, r, true));
    if (docs.length < PAGE || all.length >= total) return all;
  }
}

/**
 * 注销账号, for 诉求: the requests stay counted in the zone's figures (dates, category, status and
 * steps), but lose their link to the account and what the person wrote or sent: text, additions,
 * photos and location. The photos they uploaded are deleted (each person's copy is a file of its
 * own, so no one else's request loses a picture), and their ratings lose their comments. Answers
 * how many requests.
 */
export async function forgetUserRequests(deps: Deps, userId: string): Promise<number> {
  let n = 0;
  for (let more = true; more;) {
    const { docs } = await repo.listOfUser(userId, 0, PAGE);
    more = docs.length === PAGE;
    for (const r of docs) {
      await repo.anonymiseRequest(r._id, GONE);
      n++;
    }
  }
  await forgetPhotosOf(deps, userId);
  await ratings.forgetRatingComments(userId);
  return n;
}
