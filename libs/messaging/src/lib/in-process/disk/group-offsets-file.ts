import type { CommittedOffset } from '../consumer-group';

const SUFFIX = '.json';

/**
 * A group's file name: its id percent-encoded (dots too, so no name is `.` or `..` and none can
 * reach outside the directory), e.g. `pulse.stream-processor` → `pulse%2Estream-processor.json`.
 */
export function groupFileName(groupId: string): string {
  return `${encodeURIComponent(groupId).replace(/\./g, '%2E')}${SUFFIX}`;
}

/** Group files only: not the temporary file of an interrupted write. */
export function isGroupFileName(fileName: string): boolean {
  return fileName.endsWith(SUFFIX);
}

/** `{ "groupId": "…", "offsets": { "<topic>": { "<partition>": <next offset> } } }` */
export function encodeGroupFile(
  groupId: string,
  offsets: readonly CommittedOffset[],
): string {
  const byTopic: Record<string, Record<string, number>> = {};
  for (const { topic, partition, offset } of offsets) {
    (byTopic[topic] ??= {})[String(partition)] = offset;
  }
  return `${JSON.stringify({ groupId, offsets: byTopic }, null, 2)}\n`;
}

export function decodeGroupFile(
  content: string,
  path: string,
): { groupId: string; offsets: CommittedOffset[] } {
  let parsed: {
    groupId?: unknown;
    offsets?: Record<string, Record<string, unknown>> | null;
  };
  try {
    parsed = JSON.parse(content);
  } catch {
    throw new Error(`${path} is not valid JSON`);
  }
  if (
    typeof parsed.groupId !== 'string' ||
    typeof parsed.offsets !== 'object' ||
    parsed.offsets === null
  )
    throw new Error(`${path} is not a consumer group's offsets file`);
  const offsets: CommittedOffset[] = [];
  for (const [topic, partitions] of Object.entries(parsed.offsets)) {
    for (const [partition, offset] of Object.entries(partitions)) {
      if (
        typeof offset !== 'number' ||
        !Number.isInteger(offset) ||
        offset < 0 ||
        !/^\d+$/.test(partition)
      )
        throw new Error(
          `${path}: offset ${JSON.stringify(offset)} of ${topic}[${partition}] is not a valid position`,
        );
      offsets.push({ topic, partition: Number(partition), offset });
    }
  }
  return { groupId: parsed.groupId, offsets };
}
