/**
 * Recursion without the call stack, for algorithms over user data of any depth (a 20,000-deep
 * merge patch overflowed the stack): the algorithm is written as a generator that `yield`s each
 * recursive call ({@link deepCall}) and receives its result back; {@link runDeep} keeps the
 * pending calls on an array instead of the stack.
 */

/** A recursive step: yields calls, returns its result. */
export type Deep<R> = Generator<DeepCall, R, unknown>;

/** A recursive call, made by `runDeep` when the caller yields it. */
export interface DeepCall {
  readonly start: () => Deep<unknown>;
}

export const deepCall = (start: () => Deep<unknown>): DeepCall => ({ start });

/** Runs a recursive computation to its result, however deep it goes. */
export function runDeep<R>(root: Deep<R>): R {
  const stack: Array<Deep<unknown>> = [root];
  let result: unknown;
  for (;;) {
    const step = stack[stack.length - 1]!.next(result);
    if (step.done) {
      stack.pop();
      if (stack.length === 0) return step.value as R;
      result = step.value;
    } else {
      stack.push(step.value.start());
      result = undefined;
    }
  }
}
