import { tsImport } from 'tsx/esm/api';

export default async function globalTeardown() {
  const { stopCmsUnderTest } = await tsImport('./cms-under-test.ts', import.meta.url);
  await stopCmsUnderTest();
}
