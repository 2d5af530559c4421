/** Settles like `work`, or rejects with `message` when `work` has not settled within `ms`. */
export async function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  message: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    // race subscribes to `work`, so its late rejection is never reported as unhandled.
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
