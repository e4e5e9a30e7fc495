#!/usr/bin/env node
// Launcher: hands over to the compiled CLI (npm run build writes dist/).
import { main } from '../dist/cli/main.js';
main(process.argv);
