/** Pure logic lives beside the wiring and is tested without a bot. */
export function nextCount(current: number | undefined): number {
  return (current ?? 0) + 1
}
