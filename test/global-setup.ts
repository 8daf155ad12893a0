import { removeImages } from './database-images.js';

// Names this test run, so its test files share the database images they make (test/database-images.ts).
export default function setup() {
  const runId = String(Date.now());
  process.env.AFTERCARE_TEST_RUN = runId;
  return () => removeImages(runId);
}
