export function editorSchema(node: unknown): unknown;
export const SOURCE: string;
export const TARGET: string;
export function editorSchemaText(): string;
