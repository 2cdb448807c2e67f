/** Short random ids for new blocks (unique within a document; the schema checks). */
export function newBlockId(): string {
  return `b${crypto.randomUUID().replaceAll("-", "").slice(0, 10)}`;
}
