import { writeFileSync } from "node:fs";
import path from "node:path";
import { openApiDocument } from "../shared/api/openapi-document";

/** `npm run openapi`: writes docs/openapi.json from the code; a test fails while they differ. */
export const OPENAPI_FILE = path.resolve(__dirname, "../docs/openapi.json");

export function openApiText(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(OPENAPI_FILE, openApiText());
  console.log(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)}`);
}
