import { seededRandom } from '../../seeded-random';

/**
 * A deterministic, stratified train/validation split: the rows of each class are shuffled with a seeded
 * Fisher–Yates shuffle and round(share × class size) of them (at least one when the class has two or
 * more rows) go to validation, so every class is represented in both parts in the proportion it has
 * overall. The same labels and seed always give the same split. Indices come back in ascending order.
 */
export interface TrainValidationSplit {
  train: number[];
  validation: number[];
}

export function trainValidationSplit(labels: readonly (string | number)[], options: { validationShare?: number; seed: number }): TrainValidationSplit {
  const share = options.validationShare ?? 0.2;
  if (!(share > 0 && share < 1)) throw new RangeError(`The validation share must be within (0, 1), got ${share}`);
  const byClass = new Map<string | number, number[]>();
  labels.forEach((label, index) => {
    const members = byClass.get(label);
    if (members) members.push(index);
    else byClass.set(label, [index]);
  });
  const random = seededRandom(options.seed);
  const train: number[] = [];
  const validation: number[] = [];
  // Classes in a fixed order (code units, not the locale's collation), so each draws the same random numbers everywhere.
  const classes = [...byClass.keys()].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  for (const label of classes) {
    const members = byClass.get(label) ?? [];
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j], members[i]];
    }
    const held = members.length < 2 ? 0 : Math.max(1, Math.round(share * members.length));
    validation.push(...members.slice(0, held));
    train.push(...members.slice(held));
  }
  return { train: train.sort((a, b) => a - b), validation: validation.sort((a, b) => a - b) };
}
