import {
  ageOn,
  birthDateOfIdNumber,
  CHILD_AGE,
  maskAddress,
  maskIdNumber,
  maskPhone,
  type FamilyMember,
  type FamilyMemberBody,
  type Paged,
  type Relation,
} from '@jingkai/shared';
import type { Deps } from '../../deps';
import { conflict, notFound, validationError } from '../../http/errors';
import { toDateString, toIso } from '../../lib/time';
import * as users from '../users';
import * as repo from './repo';

export const MAX_FAMILY_MEMBERS = 10;

/** A member with every personal field decrypted, for server-side use only (prefill, bookings). */
export interface FamilyMemberPlain {
  id: string;
  relation: Relation;
  name: string;
  idNumber: string;
  phone: string | null;
  address: string | null;
  birthDate: string;
}

function decrypt(deps: Deps, d: repo.FamilyDoc): FamilyMemberPlain {
  const idNumber = deps.vault.decrypt(d.idNumberEnc);
  return {
    id: String(d._id),
    relation: d.relation as Relation,
    name: deps.vault.decrypt(d.nameEnc),
    idNumber,
    phone: d.phoneEnc ? deps.vault.decrypt(d.phoneEnc) : null,
    address: d.addressEnc ? deps.vault.decrypt(d.addressEnc) : null,
    birthDate: birthDateOfIdNumber(idNumber),
  };
}

/**
 * What the owner sees: ID number, phone and address masked. A child's name is not: the owner of a
 * child member is its guardian (refused otherwise, below), and a guardian knows the name. Every
 * other reader (staff lists, gate lists, exports for staff) masks it.
 */
export function present(deps: Deps, d: repo.FamilyDoc): FamilyMember {
  const p = decrypt(deps, d);
  const ageYears = ageOn(p.birthDate, toDateString(deps.now()));
  const isChild = ageYears < CHILD_AGE;
  return {
    id: p.id,
    name: p.name,
    relation: p.relation,
    idNumber: maskIdNumber(p.idNumber),
    phone: p.phone ? maskPhone(p.phone) : null,
    address: p.address ? maskAddress(p.address) : null,
    isChild,
    ageYears,
    consentAt: toIso(d.consentAt),
  };
}

export async function list(deps: Deps, ownerId: string): Promise<Paged<FamilyMember>> {
  const items = (await repo.list(ownerId)).map((d) => present(deps, d));
  return { items, total: items.length, page: 1, pageSize: MAX_FAMILY_MEMBERS };
}

export async function get(deps: Deps, ownerId: string, id: string): Promise<FamilyMember> {
  const d = await repo.find(ownerId, id);
  if (!d) throw notFound('NOT_FOUND', '没有找到这位家人');
  return present(deps, d);
}

/** For bookings and prefill: the decrypted member, only for its owner. */
export async function getPlain(deps: Deps, ownerId: string, id: string): Promise<FamilyMemberPlain> {
  const d = await repo.find(ownerId, id);
  if (!d) throw notFound('NOT_FOUND', '没有找到这位家人');
  return decrypt(deps, d);
}

export async function add(deps: Deps, ownerId: string, body: FamilyMemberBody): Promise<FamilyMember> {
  const age = ageOn(birthDateOfIdNumber(body.idNumber), toDateString(deps.now()));
  if (age < 0) throw validationError({ idNumber: '出生日期晚于今天，请检查身份证号' });
  if (age < CHILD_AGE && (!body.guardian || body.relation !== 'child')) {
    throw validationError({ guardian: '未满 14 周岁的孩子，需由监护人以“子女”关系添加并确认监护人身份' });
  }
  if ((await repo.count(ownerId)) >= MAX_FAMILY_MEMBERS) throw conflict('FAMILY_LIMIT', `最多保存 ${MAX_FAMILY_MEMBERS} 位家人`);
  const idNumberHash = deps.vault.hash(body.idNumber);
  // Someone's own 本人 entry is theirs: nobody else adds that person, books or signs up under them.
  const bindings = await repo.findBindings(idNumberHash);
  if (bindings.some((b) => b.relation === 'self' && b.ownerId !== ownerId)) {
    throw conflict('ID_NUMBER_BOUND', '这个身份证号已是其他账号的“本人”，请 TA 本人办理');
  }
  const self = body.relation === 'self';
  if (self) {
    const me = await users.findById(ownerId);
    if (!me?.phoneEnc) throw validationError({ relation: '添加“本人”前，请先在「我的」中绑定手机号' });
  }
  const doc = await repo.insert({
    ownerId,
    relation: body.relation,
    nameEnc: deps.vault.encrypt(body.name),
    idNumberEnc: deps.vault.encrypt(body.idNumber),
    idNumberHash,
    phoneEnc: body.phone ? deps.vault.encrypt(body.phone) : null,
    addressEnc: body.address ? deps.vault.encrypt(body.address) : null,
    consentAt: deps.now(),
    guardian: age < CHILD_AGE,
    selfKey: self ? `self:${ownerId}` : `member:${ownerId}:${idNumberHash}`,
  });
  if (!doc) {
    const again = (await repo.list(ownerId)).some((m) => m.idNumberHash === idNumberHash);
    throw conflict('DUPLICATE_FAMILY_MEMBER', again ? '这位家人已经添加过了' : '您已经添加过“本人”了');
  }
  return present(deps, doc);
}

/**
 * How an ID number is bound: `mine` when this account added the person (as 本人 or a family member,
 * with consent), `others` when only other accounts did, `none` when nobody has.
 */
export async function bindingOf(
  deps: Deps,
  ownerId: string,
  idNumber: string,
): Promise<{ kind: 'mine'; relation: Relation } | { kind: 'others' | 'none' }> {
  const all = await repo.findBindings(deps.vault.hash(idNumber));
  const mine = all.find((b) => b.ownerId === ownerId);
  if (mine) return { kind: 'mine', relation: mine.relation as Relation };
  return { kind: all.length ? 'others' : 'none' };
}

export async function remove(ownerId: string, id: string): Promise<void> {
  if (!(await repo.remove(ownerId, id))) throw notFound('NOT_FOUND', '没有找到这位家人');
}
