/**
 * electron-builder's afterPack hook (package.json `build.afterPack`, run by `npm run dist`): flips Electron's fuses
 * in the packaged binary before it is signed. With these off, the shipped app cannot be turned into a general
 * Node runtime (ELECTRON_RUN_AS_NODE), handed code through NODE_OPTIONS or --inspect, or made to run a swapped
 * app.asar or loose files next to it; cookies (the session's) are encrypted at rest. Tested with a fake flipper
 * in test/main/hardening/electron/electron-hardening.test.ts.
 */
const path = require('node:path');

/** The fuse table, by @electron/fuses option name (FuseV1Options). */
const FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  // The renderer is served from app:// (never file://): file pages need no extra privileges.
  GrantFileProtocolExtraPrivileges: false,
};

/** The packaged Electron binary for the platform being built. */
function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

/** Flips the fuses; `fuses` is @electron/fuses (injected by tests). */
async function applyFuses(context, fuses = require('@electron/fuses')) {
  const config = { version: fuses.FuseVersion.V1, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3 };
  for (const [name, on] of Object.entries(FUSES)) config[fuses.FuseV1Options[name]] = on;
  await fuses.flipFuses(electronBinary(context), config);
}

module.exports = { FUSES, electronBinary, applyFuses, default: (context) => applyFuses(context) };
