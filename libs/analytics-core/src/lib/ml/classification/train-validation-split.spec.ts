import { trainValidationSplit } from './train-validation-split';

describe('trainValidationSplit', () => {
  const labels = [...new Array<number>(80).fill(0), ...new Array<number>(20).fill(1)];

  it('holds out round(share × size) of each class, so both parts keep the class proportions', () => {
    const split = trainValidationSplit(labels, { seed: 1, validationShare: 0.25 });
    expect(split.validation).toHaveLength(25);
    expect(split.validation.filter((index) => labels[index] === 1)).toHaveLength(5);
    expect(split.train.filter((index) => labels[index] === 1)).toHaveLength(15);
  });

  it('uses every row exactly once, indices ascending', () => {
    const split = trainValidationSplit(labels, { seed: 2 });
    expect([...split.train, ...split.validation].sort((a, b) => a - b)).toEqual(labels.map((_, index) => index));
    expect(split.train).toEqual([...split.train].sort((a, b) => a - b));
  });

  it('gives the same split for the same seed and another for another seed', () => {
    expect(trainValidationSplit(labels, { seed: 7 })).toEqual(trainValidationSplit(labels, { seed: 7 }));
    expect(trainValidationSplit(labels, { seed: 7 }).validation).not.toEqual(trainValidationSplit(labels, { seed: 8 }).validation);
  });

  it('holds out at least one row of a class with two or more, none of a class with one', () => {
    const split = trainValidationSplit(['a', 'a', 'b', 'c', 'c', 'c', 'c', 'c', 'c', 'c'], { seed: 3, validationShare: 0.1 });
    const held = split.validation.map((index) => ['a', 'a', 'b', 'c', 'c', 'c', 'c', 'c', 'c', 'c'][index]).sort();
    expect(held).toEqual(['a', 'c']);
  });

  it('refuses a share outside (0, 1)', () => {
    expect(() => trainValidationSplit(labels, { seed: 1, validationShare: 1 })).toThrow('within (0, 1)');
  });
});
