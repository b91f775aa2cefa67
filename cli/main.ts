// Entry of dist/maestro.cjs.
import { createProgram, runProgram } from './program';
import { registerDoctor } from './doctor';
import { registerFrontier } from '../frontier/cli';
import { registerSettings } from '../settings/cli';
import { registerCompress } from '../scripts/compress/cli';
import { registerStatusline } from '../statusline/cli';
import { registerInstall, registerUninstall } from '../scripts/install/cli';

const program = createProgram([registerDoctor, registerSettings, registerCompress, registerStatusline, registerInstall, registerUninstall, registerFrontier]);
if (process.argv.length <= 2) {
  program.outputHelp();
} else {
  runProgram(program, process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
