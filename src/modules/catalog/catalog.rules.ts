// The fault-code tree is three levels deep: a symptom has causes, a cause has remedies.
export type FaultLevel = 'symptom' | 'cause' | 'remedy';

const parentLevel: Record<FaultLevel, FaultLevel | null> = { symptom: null, cause: 'symptom', remedy: 'cause' };

export function faultParentProblem(level: FaultLevel, parent: { level: FaultLevel; categoryId: string } | undefined, categoryId: string): string | null {
  const expected = parentLevel[level];
  if (expected === null) return parent ? 'a symptom has no parent' : null;
  if (!parent) return `a ${level} needs a parent ${expected}`;
  if (parent.level !== expected) return `the parent of a ${level} must be a ${expected}, not a ${parent.level}`;
  if (parent.categoryId !== categoryId) return 'the parent belongs to another category';
  return null;
}

export function buildTree<T extends { id: string; parentId: string | null }>(rows: T[]): (T & { children: (T & { children: unknown[] })[] })[] {
  type Node = T & { children: Node[] };
  const nodes = new Map<string, Node>(rows.map((r) => [r.id, { ...r, children: [] }]));
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots as never;
}
