/** Valid GB 11643 ID numbers for tests: the check character is computed, never hard-coded. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumber(birth: string, seq = '123'): string {
  const body = `150502${birth.replace(/-/g, '')}${seq}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * WEIGHTS[i]!;
  return body + CHECK[sum % 11];
}
