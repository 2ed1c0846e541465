import { buildConsole } from '../console-build.ts';

/** `npm run console:build`: the console into console/dist (npm start and npm run synth build it too). */
const outDir = await buildConsole();
console.log(`console built into ${outDir}`);
