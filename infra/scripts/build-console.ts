import { buildConsole } from '../console-build.ts';

/** `npm run console:build [outDir]`: the console into console/dist or outDir (npm start and npm run synth build it too). */
const outDir = await buildConsole(process.argv[2]);
console.log(`console built into ${outDir}`);
