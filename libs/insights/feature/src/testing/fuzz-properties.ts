import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { AnswerTally, fuzzParameters, problemWithAnswer, toJsonText } from '@pulse/observability/testing';
import { INTRUDER_MARK, type FuzzWorld } from './fuzz-world';

/**
 * Posts every generated body to both services of the fuzz world and checks each answer: 2xx or a 4xx naming
 * the field and rule, the same answer with and without the other tenant's rows, never the other tenant's
 * names. Returns the tally of statuses (the caller checks enough answers were successes to mean something).
 */
export async function fuzzRoute(world: FuzzWorld, path: string, bodies: fc.Arbitrary<unknown>, defaultRuns: number): Promise<AnswerTally> {
  const tally = new AnswerTally();
  await fc.assert(
    fc.asyncProperty(bodies, async (body) => {
      const text = toJsonText(body);
      const { answer, referenceAnswer } = await world.post(path, text);
      tally.add(answer);
      // A body that is not an object has no field to name (body-parser refuses top-level scalars itself).
      const problem = problemWithAnswer(answer, { fieldErrorsOn400: body !== null && typeof body === 'object' && !Array.isArray(body) });
      if (problem) throw new Error(`${path} ${problem}: ${JSON.stringify(answer.body)}\nbody sent: ${text.slice(0, 2_000)}`);
      if (answer.status < 300 && JSON.stringify(answer.body).includes(INTRUDER_MARK)) {
        throw new Error(`${path} answered another tenant's data: ${JSON.stringify(answer.body)}`);
      }
      if (answer.status !== referenceAnswer.status || !isDeepStrictEqual(answer.body, referenceAnswer.body)) {
        throw new Error(
          `${path} answered differently beside another tenant's rows: ${answer.status} ${JSON.stringify(answer.body)}\n` +
            `alone: ${referenceAnswer.status} ${JSON.stringify(referenceAnswer.body)}\nbody sent: ${text.slice(0, 2_000)}`,
        );
      }
    }),
    fuzzParameters(defaultRuns),
  );
  return tally;
}
