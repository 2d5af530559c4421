/**
 * Solves A x = b for a symmetric positive-definite A (a Newton step's Hessian) by Cholesky
 * decomposition. A matrix that is only semi-definite (a direction the data never moves) gets a tiny
 * ridge on its diagonal, growing until the decomposition succeeds, instead of failing the fit.
 */
export function solveSymmetricPositiveDefinite(matrix: readonly (readonly number[])[], vector: readonly number[]): number[] {
  const size = vector.length;
  const scale = Math.max(1e-300, ...matrix.map((row, i) => Math.abs(row[i])));
  for (let ridge = 0; ridge <= scale; ridge = ridge === 0 ? scale * 1e-12 : ridge * 100) {
    const lower = cholesky(matrix, size, ridge);
    if (lower) return substitute(lower, vector);
  }
  throw new RangeError('The system has no solution: the matrix is not positive definite');
}

function cholesky(matrix: readonly (readonly number[])[], size: number, ridge: number): number[][] | undefined {
  const lower = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i][j] + (i === j ? ridge : 0);
      for (let k = 0; k < j; k++) sum -= lower[i][k] * lower[j][k];
      if (i === j) {
        if (!(sum > 0)) return undefined;
        lower[i][i] = Math.sqrt(sum);
      } else {
        lower[i][j] = sum / lower[j][j];
      }
    }
  }
  return lower;
}

/** L y = b forwards, then Lᵀ x = y backwards. */
function substitute(lower: number[][], vector: readonly number[]): number[] {
  const size = vector.length;
  const y = new Array<number>(size);
  for (let i = 0; i < size; i++) {
    let sum = vector[i];
    for (let k = 0; k < i; k++) sum -= lower[i][k] * y[k];
    y[i] = sum / lower[i][i];
  }
  const x = new Array<number>(size);
  for (let i = size - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < size; k++) sum -= lower[k][i] * x[k];
    x[i] = sum / lower[i][i];
  }
  return x;
}
