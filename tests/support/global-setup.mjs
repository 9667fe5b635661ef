// Jest loads its global setup outside the test VM, without the test transform; tsx imports
// the TypeScript that boots the CMS.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { bootCmsUnderTest } = await tsImport('./cms-under-test.ts', import.meta.url);
  await bootCmsUnderTest();
}
